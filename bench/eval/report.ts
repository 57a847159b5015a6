// Formats evaluation runs as Markdown tables and writes them into BENCHMARKS.md between the relevance markers.
import { readFile } from 'node:fs/promises'
import type { EngineRun } from './evaluate'
import { QUERY_SETS } from './judgments'
import { BM25_GRID, BOOST_GRID, type Bm25Row, type BoostRow, type ExperimentRow, type StopWordResult, type TuningRow } from './experiments'
import { CUTOFF, RELEVANT_GRADE, meanScores, type QueryScores } from './metrics'

export const SECTION_START = '<!-- relevance:start -->'
export const SECTION_END = '<!-- relevance:end -->'
const EXPERIMENTS_START = '<!-- relevance:experiments:start -->'
const EXPERIMENTS_END = '<!-- relevance:experiments:end -->'

const f3 = (n: number) => n.toFixed(3)
const signed = (n: number) => (n >= 0 ? '+' : '') + n.toFixed(3)

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export interface RunContext {
  date: string
  machine: string
  node: string
  minisearch: string
  queryCount: number
  documentCount: number
  seconds: number
}

export function metricsTable(runs: EngineRun[]): string {
  return table(
    ['engine', `NDCG@${CUTOFF}`, `MRR@${CUTOFF}`, `recall@${CUTOFF}`, 'ms / query'],
    runs.map((run) => [run.engine, f3(run.mean.ndcg), f3(run.mean.mrr), f3(run.mean.recall), (run.ms / run.outcomes.length).toFixed(1)]),
  )
}

/** Ours against the baseline on each part of the judged set. */
export function setTable(ours: EngineRun, baseline: EngineRun): string {
  const mean = (run: EngineRun, prefix: string) => {
    const scores = run.outcomes.filter((outcome) => outcome.query.id.startsWith(prefix)).map((outcome) => outcome.scores)
    return { count: scores.length, ndcg: meanScores(scores).ndcg }
  }
  return table(
    ['queries', 'count', `ours NDCG@${CUTOFF}`, `baseline NDCG@${CUTOFF}`, 'Δ'],
    QUERY_SETS.map(({ prefix, name }) => {
      const [a, b] = [mean(ours, prefix), mean(baseline, prefix)]
      return [name, a.count, f3(a.ndcg), f3(b.ndcg), signed(a.ndcg - b.ndcg)]
    }),
  )
}

export function kindTable(ours: EngineRun, baseline: EngineRun): string {
  const counts = new Map<string, number>()
  for (const { query } of ours.outcomes) counts.set(query.kind, (counts.get(query.kind) ?? 0) + 1)
  return table(
    ['kind', 'queries', `ours NDCG@${CUTOFF}`, `baseline NDCG@${CUTOFF}`, 'Δ'],
    [...ours.byKind].map(([kind, scores]) => {
      const base = baseline.byKind.get(kind)!.ndcg
      return [kind, counts.get(kind)!, f3(scores.ndcg), f3(base), signed(scores.ndcg - base)]
    }),
  )
}

/** Queries where we score below the baseline on any metric, worst NDCG difference first. */
export function worstTable(ours: EngineRun, baseline: EngineRun): string {
  const losses = ours.outcomes
    .map((outcome, i) => ({ outcome, base: baseline.outcomes[i]! }))
    .filter(({ outcome, base }) => (['ndcg', 'mrr', 'recall'] as const).some((m) => outcome.scores[m] < base.scores[m] - 1e-9))
    .sort((a, b) => a.outcome.scores.ndcg - a.base.scores.ndcg - (b.outcome.scores.ndcg - b.base.scores.ndcg))
  if (losses.length === 0) return 'None: we match or beat the baseline on every query.'
  const top = (ranking: string[], judgments: Record<string, number>) =>
    ranking.length === 0 ? '*no results*' : ranking.slice(0, 3).map((id) => `${id} (${judgments[id] ?? 0})`).join(', ')
  return table(
    ['id', 'kind', 'query', 'ours NDCG', 'baseline NDCG', 'ours MRR', 'baseline MRR', 'our top 3 (grade)', 'baseline top 3 (grade)'],
    losses.map(({ outcome, base }) => [
      outcome.query.id,
      outcome.query.kind,
      `\`${outcome.query.query.replace(/\|/g, '\\|')}\``,
      f3(outcome.scores.ndcg),
      f3(base.scores.ndcg),
      f3(outcome.scores.mrr),
      f3(base.scores.mrr),
      top(outcome.ranking, outcome.query.judgments),
      top(base.ranking, base.query.judgments),
    ]),
  )
}

export function verdict(ours: QueryScores, baseline: QueryScores): string {
  const names = { ndcg: `NDCG@${CUTOFF}`, mrr: `MRR@${CUTOFF}`, recall: `recall@${CUTOFF}` }
  const behind = (Object.keys(names) as (keyof QueryScores)[]).filter((m) => ours[m] <= baseline[m])
  return behind.length === 0
    ? 'We beat the baseline on every metric.'
    : `**We do not beat the baseline on ${behind.map((m) => names[m]).join(', ')}.**`
}

export function mainSection(context: RunContext, ours: EngineRun, baseline: EngineRun, boostsNote: string): string {
  return [
    `Measured ${context.date} on ${context.machine}, Node ${context.node}, MiniSearch ${context.minisearch}; ` +
      `${context.queryCount} judged queries (test/relevance/queries.json) over ${context.documentCount} documents ` +
      `(the 5 demo stories, the 405 classic chapters and the 12 real fan-fiction files of ../shared/real-stories, parsed by ` +
      `the builder's \`readArchive\`). \`npm run eval\` took ${context.seconds.toFixed(0)} s.`,
    '',
    `- **NDCG@${CUTOFF}**: graded gains 2^grade − 1, log2 discount, ideal DCG from the judgments.`,
    `- **MRR@${CUTOFF}** and **recall@${CUTOFF}** count a document as relevant when its grade is ${RELEVANT_GRADE} or more ` +
      '(grade 1 is "mentioned", not what the searcher wanted). MRR is 0 when no relevant document is in the top 10.',
    '- **ours**: `parseSearchParams({ q, limit: 10 })` → `executeSearch` over an index built with the contract ' +
      `(\`createSearchIndex\` + \`toIndexDocument\`), stories for phrase checks read from memory. ${boostsNote}`,
    "- **baseline**: `new MiniSearch({ fields: ['title', 'text'], storeFields: [] })` over `{ id, title, text: body }`, `search(q)` with default options, top 10.",
    '',
    metricsTable([ours, baseline]),
    '',
    verdict(ours.mean, baseline.mean),
    '',
    setTable(ours, baseline),
    '',
    `### NDCG@${CUTOFF} by query kind`,
    '',
    kindTable(ours, baseline),
    '',
    '### Where we lose to the baseline',
    '',
    'Every query where we score lower on any metric, worst NDCG difference first. Grades in parentheses (0 = not judged).',
    '',
    worstTable(ours, baseline),
  ].join('\n')
}

function experimentTable(rows: ExperimentRow[], kinds: string[], limit = Infinity): string {
  const sorted = [...rows].sort((a, b) => b.mean.ndcg - a.mean.ndcg).slice(0, limit)
  const current = rows.find((r) => r.current)
  if (current && !sorted.includes(current)) sorted.push(current)
  return table(
    ['setting', `NDCG@${CUTOFF}`, 'chosen on (even queries)', 'checked on (odd)', 'MRR', 'recall', ...kinds],
    sorted.map((r) => [
      r.current ? `**${r.label} (current)**` : r.label,
      f3(r.mean.ndcg),
      f3(r.halves.chosenOn),
      f3(r.halves.checkedOn),
      f3(r.mean.mrr),
      f3(r.mean.recall),
      ...kinds.map((k) => f3(r.byKind.get(k)?.ndcg ?? 0)),
    ]),
  )
}

/** One experiment: its heading, its settings best first, and the spread over all of them. */
function experimentBlock(heading: string, rows: ExperimentRow[], kinds: string[], limit = Infinity): string[] {
  return [`#### ${heading}`, '', experimentTable(rows, kinds, limit), '', `Spread over all ${rows.length} settings: ${spread(rows)}.`, '']
}

function spread(rows: ExperimentRow[]): string {
  const range = (pick: (s: QueryScores) => number) => {
    const values = rows.map((r) => pick(r.mean))
    return `${f3(Math.min(...values))}–${f3(Math.max(...values))}`
  }
  return `NDCG@${CUTOFF} ${range((s) => s.ndcg)}, MRR ${range((s) => s.mrr)}, recall ${range((s) => s.recall)}`
}

export interface ExperimentResults {
  date: string
  boosts: BoostRow[]
  bm25: Bm25Row[]
  tuning: TuningRow[]
  stopWords: StopWordResult[]
  ours: EngineRun
  baseline: EngineRun
  kinds: string[]
}

export function experimentsSection(results: ExperimentResults): string {
  const [a, b] = results.stopWords as [StopWordResult, StopWordResult]
  const pct = (x: number, y: number) => `${(((y - x) / x) * 100).toFixed(1)}%`
  const changed = b.changed.length === 0 ? 'none' : b.changed.map((c) => `${c.id} \`${c.query}\` ${f3(c.before)} → ${f3(c.after)}`).join('; ')
  const stopBetter = b.mean.ndcg > a.mean.ndcg && b.mean.mrr >= a.mean.mrr && b.mean.recall >= a.mean.recall
  return [
    `Run with \`npm run eval -- --experiments\` on ${results.date}. NDCG@${CUTOFF} per query kind in the right-hand columns.`,
    '',
    ...experimentBlock(
      `Field boosts (grid: title ${BOOST_GRID.title.join(', ')}; relationships = characters ${BOOST_GRID.people.join(', ')}; summary ${BOOST_GRID.summary.join(', ')}; other fields as they are; top 10 of ${results.boosts.length})`,
      results.boosts,
      results.kinds,
      10,
    ),
    ...experimentBlock(`BM25+ parameters (grid: k ${BM25_GRID.k.join(', ')}; b ${BM25_GRID.b.join(', ')}; d ${BM25_GRID.d.join(', ')})`, results.bm25, results.kinds),
    ...experimentBlock(
      'Stem weight, typo tolerance and proximity (one knob at a time, then the best of each on the even-numbered queries combined; the odd-numbered ones check it)',
      results.tuning,
      results.kinds,
    ),
    '#### Stop words',
    '',
    table(
      ['index', 'index JSON bytes', 'gzip bytes', 'terms', `NDCG@${CUTOFF}`, 'MRR', 'recall'],
      results.stopWords.map((s) => [s.label, s.indexBytes.toLocaleString('en'), s.indexGzipBytes.toLocaleString('en'), s.terms.toLocaleString('en'), f3(s.mean.ndcg), f3(s.mean.mrr), f3(s.mean.recall)]),
    ),
    '',
    `Removing the stop words changes the index by ${pct(a.indexBytes, b.indexBytes)} (${pct(a.indexGzipBytes, b.indexGzipBytes)} gzipped) and NDCG@${CUTOFF} by ${signed(b.mean.ndcg - a.mean.ndcg)}, ` +
      `MRR by ${signed(b.mean.mrr - a.mean.mrr)}, recall by ${signed(b.mean.recall - a.mean.recall)}. Queries that changed: ${changed}.`,
    '',
    stopBetter
      ? `**Measured result: removing stop words scores higher on NDCG@${CUTOFF} (${signed(b.mean.ndcg - a.mean.ndcg)}) and no lower on MRR or recall here.** ` +
        'The index keeps them all the same: phrases and proximity are looked up by pairs of adjacent words ("let her go"), which need every word.'
      : '**Measured result: removing stop words does not improve relevance here; keeping them (no removal) is the better choice on this set.**',
  ].join('\n')
}

/** Replaces (or appends) the relevance section of BENCHMARKS.md, keeping the previous experiments when none were run. */
export async function writeSection(file: string, main: string, experiments: string | null): Promise<string> {
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {
    text = '# Benchmarks\n'
  }
  const start = text.indexOf(SECTION_START)
  const end = text.indexOf(SECTION_END)
  const old = start !== -1 && end > start ? text.slice(start, end) : ''
  const keptStart = old.indexOf(EXPERIMENTS_START)
  const keptEnd = old.indexOf(EXPERIMENTS_END)
  const previousExperiments = keptStart !== -1 && keptEnd > keptStart ? old.slice(keptStart + EXPERIMENTS_START.length, keptEnd).trim() : null
  const experimentsText = experiments ?? previousExperiments ?? 'Not run yet: `npm run eval -- --experiments`.'
  const section = [
    SECTION_START,
    '## Relevance',
    '',
    '<!-- Written by `npm run eval` (bench/eval/cli.ts); edits between the markers are overwritten. -->',
    '',
    main,
    '',
    '### Experiments',
    '',
    EXPERIMENTS_START,
    experimentsText,
    EXPERIMENTS_END,
    SECTION_END,
  ].join('\n')
  if (start !== -1 && end > start) return text.slice(0, start) + section + text.slice(end + SECTION_END.length)
  return `${text.trimEnd()}\n\n${section}\n`
}
