// Writes the bench section of BENCHMARKS.md (between its markers) and docs/bench-chart.svg.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { capacity, growth, wordsPerStory } from './capacity'
import { renderChart } from './chart'
import { NODE_ENGINES, type NodeEngineName } from './engines'
import { LIMIT_SOURCES } from './limits'
import { QUERY_MIX } from '../../tools/query-mix'
import { heldBytes } from '../../tools/isolate-heap'
import type { BenchResults, CorpusResult } from './run-bench'
import { formatBytes, formatMs, formatRatio } from './stats'

export const START_MARKER = '<!-- bench:start -->'
export const END_MARKER = '<!-- bench:end -->'

/** Replaces the text between the bench markers, or appends the marked section; text outside the markers is kept byte for byte. */
export function replaceSection(document: string, section: string): string {
  const block = `${START_MARKER}\n${section.trim()}\n${END_MARKER}`
  const start = document.indexOf(START_MARKER)
  const end = document.indexOf(END_MARKER)
  if (start !== -1 && end > start) return document.slice(0, start) + block + document.slice(end + END_MARKER.length)
  if (document.trim() === '') return `# Benchmarks\n\n${block}\n`
  return `${document.replace(/\n*$/, '\n\n')}${block}\n`
}

const n = (value: number) => value.toLocaleString('en-US')
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`

function corpusLabel(c: CorpusResult): string {
  return c.name === 'fiction' ? `fiction (${n(c.stories)})` : `generated ${n(c.stories)}`
}

function ourTable(results: BenchResults): string {
  const rows = results.corpora.map((c) => {
    const w = c.worker
    const c1 = w?.loads.find((l) => l.connections === 1 && !l.cached)
    const cMany = w?.loads.filter((l) => l.connections > 1 && !l.cached).at(-1)
    const cached = w?.loads.find((l) => l.cached)
    return [
      corpusLabel(c),
      n(c.words),
      mb(c.textBytes),
      c.build ? formatMs(c.build.fullMs) : '–',
      c.build ? c.build.mbPerSecond.toFixed(2) : '–',
      c.build ? `${formatMs(c.build.incrementalMs)}${c.build.incremental.unchanged ? ' (nothing served changed)' : ''}` : '–',
      c.index ? `${formatBytes(c.index.bytes)} / ${formatBytes(c.index.gzipBytes)}` : '–',
      c.index ? `${formatBytes(c.index.pieceBytes)} (${n(c.index.pieceFiles)} files, largest ${formatBytes(c.index.largestPiece)})` : '–',
      w?.bundle ? `${formatBytes(w.bundle.rawBytes)} / ${formatBytes(w.bundle.gzipBytes)}` : '–',
      w?.heap ? `${formatBytes(heldBytes(w.heap))}${w.heap.collected ? '' : ' (no GC)'}` : '–',
      w ? formatMs(w.coldStartMs) : '–',
      w ? `${formatMs(w.firstRequestMs)} → ${formatMs(w.secondRequestMs)}` : '–',
      c1 ? `${formatMs(c1.latency.p50)} / ${formatMs(c1.latency.p95)} / ${formatMs(c1.latency.p99)}` : '–',
      cMany ? `${formatMs(cMany.latency.p50)} / ${formatMs(cMany.latency.p95)} / ${formatMs(cMany.latency.p99)}` : '–',
      cMany ? `${cMany.requestsPerSecond.toFixed(1)}${cMany.errors + cMany.non2xx > 0 ? ` (${cMany.non2xx} non-2xx${cMany.statuses ? ` ${JSON.stringify(cMany.statuses)}` : ''}, ${cMany.connections * 2 - (cMany.latency.count ?? cMany.requests)} unanswered within a minute)` : ', 0 errors'}` : '–',
      cached ? `${cached.requestsPerSecond.toFixed(0)}` : '–',
      w?.sequential ? `${formatMs(w.sequential.http.p50)} / ${formatMs(w.sequential.tookMs.p50)}` : '–',
      w?.sequential ? `${formatMs(w.sequential.http.p95)} / ${formatMs(w.sequential.tookMs.p95)}` : '–',
    ]
  })
  const header = [
    'corpus',
    'words',
    'text',
    'full build',
    'MB/s',
    'rebuild, 1 story changed',
    'directory raw / gzip',
    'pieces',
    'Worker bundle raw / gzip',
    'isolate memory (heap + buffers)',
    'fresh workerd → first answer',
    '1st → 2nd request',
    'HTTP c=1 p50 / p95 / p99',
    `HTTP c=${Math.max(...results.options.connections)} p50 / p95 / p99`,
    `req/s c=${Math.max(...results.options.connections)}`,
    'req/s edge-cached',
    'p50 HTTP / tookMs',
    'p95 HTTP / tookMs',
  ]
  return table(header, rows)
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

const ENGINE_LABEL: Record<NodeEngineName, string> = {
  ours: '**ours**, paged (Node)',
  'ours-whole': 'ours, whole index (baseline)',
  minisearch: 'MiniSearch defaults',
  orama: 'Orama',
  lunr: 'Lunr',
  flexsearch: 'FlexSearch',
}

function sideBySide(c: CorpusResult): string {
  const ours = c.engines.ours
  const rows: string[][] = []
  for (const name of NODE_ENGINES) {
    const e = c.engines[name]
    if (!e) {
      const error = c.errors[`node:${name}`]
      if (error) rows.push([ENGINE_LABEL[name], `*${error.slice(0, 80)}*`, '', '', '', '', '', '', '', ''])
      continue
    }
    rows.push([
      ENGINE_LABEL[name],
      `${formatMs(e.buildMs)}${name === 'ours' ? ' ¹' : ''}`,
      `${formatBytes(e.serializedBytes)} / ${formatBytes(e.serializedGzipBytes)}`,
      `${formatBytes(e.heapBytes)} → ${formatBytes(e.heapAfterQueriesBytes)}`,
      formatMs(e.loadMs),
      `${formatMs(e.latency.p50, 2)} / ${formatMs(e.latency.p95, 2)}${e.queriesTimed < c.queries.length ? ` (${e.queriesTimed} timed)` : ''}`,
      e.hitsPerQuery.toFixed(1),
      e.ndcg10 === null ? '–' : e.ndcg10.toFixed(3),
      name === 'ours' || !ours
        ? '1'
        : `${formatRatio(e.buildMs, ours.buildMs)} · ${formatRatio(e.serializedBytes, ours.serializedBytes)} · ${formatRatio(e.heapAfterQueriesBytes, ours.heapAfterQueriesBytes)} · ${formatRatio(e.latency.p50, ours.latency.p50)}`,
    ])
  }
  const w = c.worker
  const c1 = w?.loads.find((l) => l.connections === 1 && !l.cached)
  if (w && c1) {
    rows.push([
      '**ours** via workerd (HTTP, c=1)',
      '(same build)',
      w.bundle ? `bundle ${formatBytes(w.bundle.rawBytes)} / ${formatBytes(w.bundle.gzipBytes)}` : '–',
      w.heap ? `${formatBytes(heldBytes(w.heap))} (whole isolate)` : '–',
      formatMs(w.firstRequestMs - w.secondRequestMs),
      `${formatMs(c1.latency.p50, 2)} / ${formatMs(c1.latency.p95, 2)}`,
      '',
      '',
      ours ? `HTTP ÷ Node p50 ${formatRatio(ours.latency.p50, c1.latency.p50)}` : '',
    ])
  }
  const pf = c.pagefind
  if (pf) {
    rows.push([
      'Pagefind (Chromium)',
      formatMs(pf.buildMs),
      `${formatBytes(pf.bundleBytes)} in ${n(pf.bundleFiles)} files (pre-compressed)`,
      'in the browser',
      `first query ${formatMs(pf.firstQueryMs)}, ${formatBytes(pf.firstQueryBytes)}`,
      `${formatMs(pf.latency.p50, 2)} / ${formatMs(pf.latency.p95, 2)}`,
      '',
      pf.ndcg10 === null ? '–' : pf.ndcg10.toFixed(3),
      ours ? `build ${formatRatio(pf.buildMs, ours.buildMs)} · p50 ${formatRatio(pf.latency.p50, ours.latency.p50)}` : '',
    ])
  } else if (c.errors.pagefind) {
    rows.push(['Pagefind (Chromium)', `*${c.errors.pagefind.split('\n')[0]!.slice(0, 100)}*`, '', '', '', '', '', '', ''])
  }
  const text = table(
    ['engine', 'build', 'shipped raw / gzip', 'memory after load → after the mix', 'load time', 'query p50 / p95', 'hits / query', 'NDCG@10', 'ours ÷ theirs: build · size · memory after the mix · p50'],
    rows.map((row) => row.slice(0, 9)),
  )
  const pfLine = pf
    ? `\n\nPagefind downloads per query (after the first, same page): p50 ${formatBytes(pf.bytesPerQuery.p50)}, p95 ${formatBytes(pf.bytesPerQuery.p95)}, mean ${formatBytes(pf.bytesPerQuery.mean)}; ` +
      `${formatBytes(pf.totalBytes)} over the whole mix${pf.judgedQueries ? ' and the judged queries' : ''}. Its latency is \`search()\` plus \`data()\` of the top 10 in headless Chromium (loopback, no throttling).`
    : ''
  return `${text}${pfLine}`
}

function findings(results: BenchResults): string[] {
  const out: string[] = []
  const generated = results.corpora.filter((c) => c.name !== 'fiction' && c.build)
  const largest = [...generated].sort((a, b) => b.words - a.words)[0] ?? results.corpora.find((c) => c.build)
  if (largest?.build) {
    const p = largest.build.phases
    const total = p.read + p.parse + p.index + p.write
    out.push(
      `**Build: MiniSearch's indexing is the build.** On ${corpusLabel(largest)} (${mb(largest.textBytes)} of text) the full build took ${formatMs(largest.build.fullMs)} ` +
        `(${largest.build.mbPerSecond.toFixed(2)} MB/s): indexing a batch at a time ${pct(p.index, total)}, parsing files ${pct(p.parse, total)}, reading ${pct(p.read, total)}, ` +
        `merging the batches into pages and writing the pieces ${pct(p.write, total)}. Every token is indexed twice (as written and as its marked stem) over nine fields, body included. ` +
        `After one story changed, the rebuild took ${formatMs(largest.build.incrementalMs)}` +
        (largest.build.incremental.unchanged
          ? ', but the edited story came out the same (the sentence landed in text the builder does not serve): the "nothing changed" path.'
          : ` (${largest.build.incremental.updated ? 'the pieces holding the story patched' : 'from scratch'}, ${n(largest.build.incremental.piecesReused)} pieces kept as they were): ` +
            `${(largest.build.fullMs / largest.build.incrementalMs).toFixed(1)}× faster than from scratch; most of what is left is reading every story file to see which changed.`),
    )
  }
  const withOurs = results.corpora.filter((c) => c.engines.ours && c.engines.minisearch)
  if (withOurs.length > 0) {
    const c = withOurs.at(-1)!
    const ours = c.engines.ours!
    const kinds = Object.entries(ours.byKind).sort((a, b) => b[1] - a[1])
    out.push(
      `**Where query time goes.** On ${corpusLabel(c)} our search takes ${formatMs(ours.latency.p50, 2)} at p50 in Node against ` +
        `${formatMs(c.engines.minisearch!.latency.p50, 2)} for MiniSearch with default options over nearly the same index (${formatRatio(c.engines.minisearch!.latency.p50, ours.latency.p50)}). ` +
        `Per query kind (mean): ${kinds.map(([kind, ms]) => `${kind} ${formatMs(ms, 2)}`).join(', ')}. Ours also parses the query language, filters, counts ` +
        'facets over every match and cuts snippets, and reads the pieces a query needs the first time it needs them. Phrases are the slowest kind: their word ' +
        'order is checked against story text, 50 candidates at a time until the page is full.',
    )
  }
  const fiction = results.corpora.find((c) => c.name === 'fiction')
  if (fiction?.engines.ours) {
    const ours = fiction.engines.ours
    // The whole-index baseline is ours too (the same answers): the alternatives are the other engines.
    const others = NODE_ENGINES.filter((name) => name !== 'ours' && name !== 'ours-whole' && fiction.engines[name])
    const best = others.map((name) => [name, fiction.engines[name]!.ndcg10 ?? 0] as const).sort((a, b) => b[1] - a[1])[0]
    const pf = fiction.pagefind
    out.push(
      `**Against the alternatives (fiction).** Ours has the best NDCG@10 here (${ours.ndcg10?.toFixed(3) ?? '–'}; next ${best ? `${ENGINE_LABEL[best[0]]} ${best[1].toFixed(3)}` : '–'}${pf?.ndcg10 != null ? `, Pagefind ${pf.ndcg10.toFixed(3)}` : ''}) ` +
        `and pays for it: against MiniSearch with default options its index is ${formatRatio(fiction.engines.minisearch?.serializedBytes, ours.serializedBytes)} the size and ` +
        `${formatRatio(fiction.engines.minisearch?.heapAfterQueriesBytes, ours.heapAfterQueriesBytes)} the memory after the mix (stems indexed beside every word, nine fields, stored fields for rows and facets), ` +
        `builds ${formatRatio(fiction.engines.minisearch?.buildMs, ours.buildMs)} slower, and answers ${formatRatio(fiction.engines.minisearch?.latency.p50, ours.latency.p50)} slower at p50 ` +
        '(it also parses the query language, filters, counts facets and cuts snippets, which the others do not). Orama stores every document, body included, ' +
        `so its serialized index is ${formatRatio(ours.serializedBytes, fiction.engines.orama?.serializedBytes)} ours; FlexSearch is the fastest and smallest in memory but ranks worst. ` +
        (pf
          ? `Pagefind needs no server: a first search in a fresh page downloads ${formatBytes(pf.firstQueryBytes)}, later ones ${formatBytes(pf.bytesPerQuery.p50)} at p50 and ${formatBytes(pf.bytesPerQuery.p95)} at p95, ` +
            `and answers in ${formatMs(pf.latency.p50)} at p50 in the browser (on loopback; a real network adds a round trip per chunk).`
          : ''),
    )
  }
  const concurrent = results.corpora.filter((c) => c.worker?.loads.some((l) => l.connections > 1 && !l.cached))
  if (concurrent.length > 0) {
    const c = concurrent.at(-1)!
    const one = c.worker!.loads.find((l) => l.connections === 1 && !l.cached)
    const many = c.worker!.loads.filter((l) => l.connections > 1 && !l.cached).at(-1)!
    const cached = c.worker!.loads.find((l) => l.cached)
    out.push(
      `**Concurrency does not add throughput inside one isolate.** On ${corpusLabel(c)}, one connection got ${one ? one.requestsPerSecond.toFixed(1) : '–'} req/s ` +
        `(p50 ${one ? formatMs(one.latency.p50) : '–'}); ${many.connections} connections got ${many.requestsPerSecond.toFixed(1)} req/s with p50 ${formatMs(many.latency.p50)} and p95 ${formatMs(many.latency.p95)}` +
        (many.errors + many.non2xx > 0
          ? `, ${many.non2xx} non-2xx answers (by status: ${Object.entries(many.statuses).map(([status, count]) => `${status} × ${count}`).join(', ')}) and ` +
            `${many.errors} errors or requests unanswered after a minute. `
          : ', no errors. ') +
        'Searches are CPU-bound and share the isolate\'s thread, so extra connections queue rather than add throughput (in production Cloudflare spreads load over many isolates, but each request still costs its full CPU time). ' +
        (cached ? `Answers from the edge cache ran at ${cached.requestsPerSecond.toFixed(0)} req/s: repeated queries are where the cache pays.` : 'The quick run does not measure the edge-cached case.'),
    )
  }
  const g = growth(results)
  const described = Object.entries(g)
    .filter(([, e]) => e !== null)
    .map(([name, e]) => `${name} ${e!.toFixed(2)}`)
  if (described.length > 0) {
    const faster = Object.entries(g).filter(([, e]) => e !== null && e > 1.1).map(([name]) => name)
    out.push(
      `**What grows faster than linearly.** Exponents of a power law fitted to the generated corpora (1 = linear in words): ${described.join(', ')}. ` +
        (faster.length > 0
          ? `Above linear: ${faster.join(', ')}. The vocabulary keeps growing with the archive (new names, typos, invented words), so the index's term tree grows a little faster than the text.`
          : 'Nothing grows clearly faster than linearly over the measured range; the vocabulary grows sublinearly, so index bytes per word fall slightly as archives grow.') +
        ' With few points and a loaded machine, exponents within ±0.1 of 1 are not distinguishable from linear.',
    )
  }
  const withWorker = results.corpora.filter((c) => c.worker)
  if (withWorker.length > 0) {
    const c = withWorker.at(-1)!
    const w = c.worker!
    out.push(
      `**Cold start is workerd, then the first pieces.** On ${corpusLabel(c)}, a fresh workerd with the prebuilt bundle answered its first search ${formatMs(w.coldStartMs)} after it was created: ` +
        `${formatMs(w.startMs)} until it listened (starting workerd and the isolate), ` +
        `then the first search took ${formatMs(w.firstRequestMs)} against ${formatMs(w.secondRequestMs)} for the next one: the difference is reading the story table ` +
        'and the first term pages and text packs, and code running for the first time, paid by the first request of every new isolate. ' +
        `The isolate holds ${w.heap ? `${formatBytes(w.heap.usedBytes)} of heap and ${formatBytes(w.heap.buffersBytes)} of array buffers` : '–'} after that search.`,
    )
  }
  return out
}

function capacitySection(results: BenchResults): string {
  const rows = capacity(results).map((row) => [
    row.limit,
    row.value,
    row.measure,
    row.line ? `${row.line.slope.toExponential(2)} per word + ${row.line.intercept.toExponential(2)} (R² ${row.line.r2.toFixed(3)}, ${row.line.points} points)` : 'not enough points',
    row.overEverywhere ? '**over at every size measured**' : row.words === null ? (row.line && row.line.slope <= 0 ? 'not reached (flat)' : '–') : n(Math.round(row.words)),
    row.overEverywhere || row.stories === null ? '–' : n(row.stories),
    row.overEverywhere ? `already at ${row.exceededAt}` : row.words === null ? '' : row.measured ? 'within the measured range' : '**extrapolated**',
  ])
  return table(['limit', 'value', 'measured as', 'fitted line (unit per word)', 'words at the limit', 'stories', 'measured or extrapolated'], rows)
}

export function renderSection(results: BenchResults, chartPath: string, outPath: string): string {
  const m = results.machine
  const lines: string[] = []
  lines.push('## Speed, size, memory and capacity')
  lines.push('')
  lines.push('<!-- Written by `npm run bench` (bench/run/); edits between the bench markers are overwritten. -->')
  lines.push('')
  lines.push(
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cores} × ${m.cpuModel}, ${formatBytes(m.ramBytes)} RAM; Node ${m.node}, wrangler ${m.wrangler} (${m.workerd}), MiniSearch ${m.minisearch}. ` +
      `${results.options.quick ? '`npm run bench -- --quick`' : '`npm run bench`'} took ${(results.durationMs / 60_000).toFixed(1)} min ` +
      `(load runs ${results.options.seconds} s each). **The machine was shared**: its 1-minute load average was ${m.loadAverage.toFixed(1)} on ${m.cores} cores when the run started ` +
      '(other engineers\' servers and tests), so absolute times are inflated and noisy; compare ratios measured side by side in the same run.',
  )
  if (results.amended) lines.push('', `**Amended:** ${results.amended}`)
  lines.push('')
  lines.push('### How it is measured')
  lines.push('')
  lines.push(
    [
      `- **Corpora**: \`fiction\` is the ${n(results.corpora.find((c) => c.name === 'fiction')?.stories ?? 422)} documents the relevance set judges (the public-domain chapters in ../shared/corpora/fiction, the demo stories and the real fan fiction in ../shared/real-stories: \`bench/eval/eval-corpus.ts\`); ` +
        '`generated N` comes from `bench/corpus` (seed `story-search`), cached under the work folder.',
      `- **Queries**: a fixed mix of ${Object.values(QUERY_MIX).reduce((a, b) => a + b, 0)} queries drawn deterministically from each corpus (${Object.entries(QUERY_MIX).map(([k, v]) => `${v} ${k}`).join(', ')}): ` +
        'cast names and pairings from the stories\' metadata (capitalised names from the text for the classics), mid-frequency words, quoted phrases cut from story text, ' +
        'our filters (`rating:`, `words>`, `date>`, `-word`, `title:`), one-transposition typos, prefixes (the first 60% of a word). Every engine gets the same strings; only ours understands the filter syntax.',
      '- **Build**: `buildIndex` into a temporary folder, from scratch with an empty cache; then one story gets one more sentence and the build runs again (the incremental cache in `index-builder/build-cache.ts`). MB/s is MB of story text per second.',
      '- **Worker**: a generated wrangler config with `main = worker/index.tsx`, `[alias] "story-search:index"` pointing at a generated module that re-exports the benchmark index directory (so the `[[rules]]` Text rule bundles it as in production: a separate Text module), and `[assets]` at its pieces. ' +
        'Bundle size is what `wrangler deploy --dry-run --outdir` writes (gzip level 6 of every module). It is served from that bundle in a fresh workerd through Miniflare, with no inspector (as production runs it; wrangler dev\'s inspector proxy mirrors every piece the Worker reads). Cold start: from creating that workerd to the first 200 from `/api/search`; ' +
        `memory: \`Runtime.getHeapUsage\` (the used heap and the array buffers beside it) through the inspector of another fresh workerd after two searches (${results.corpora.some((c) => c.worker?.heap?.collected) ? 'after a full GC, forced by taking a heap snapshot: workerd ignores \`HeapProfiler.collectGarbage\`' : 'workerd ignores \`HeapProfiler.collectGarbage\`, so this is used heap with garbage included'}). ` +
        'Load: autocannon cycling the 200 URLs, **each URL made unique** (`&bench=N`) so the edge cache (`caches.default`, live in Miniflare) never answers and every request searches: one connection for the run\'s seconds, then 32 connections sending 2 requests each, all awaited (the searches share one isolate\'s thread, so a short timed window would drop the queued ones); req/s is completed requests over wall time; ' +
        'the "edge-cached" column repeats the 200 URLs as they are, after priming, to show the cache. p50/p95/p99 are computed from every response. `tookMs` is the server\'s own figure from a sequential pass.',
      '- **Node engines**: each in a fresh `node --expose-gc` process: build from the parsed records, write the index as the engine ships it, then the memory delta of loading it (heapUsed + arrayBuffers after full GCs) and again after the whole mix, 20 warm-up queries, then the mix timed one at a time (cut at the query budget for slow engines). ' +
        'Ours opens the pieces `buildIndex` wrote (the story table at once, the rest as queries need it) and its build column is `buildIndex`\'s index phase; the baseline "ours, whole index" is the same archive as one MiniSearch index with stored fields, parsed at once, as the Worker held it before the index was paged. Both answer through `answerSearch` (parser, filters, facets, snippets; no HTTP). ' +
        'The others use their README setups over title + body and return ids only (no snippets, no facets, no filters).',
      '- **Pagefind**: indexed with its Node API (`addCustomRecord` per story), written to a folder served by a local static server, searched in headless Chromium via `pagefind.js`; bytes are counted from the page\'s network events.',
      '- **NDCG@10** (fiction only): `bench/eval`\'s `ndcg` over test/relevance/queries.json.',
    ].join('\n'),
  )
  lines.push('')
  lines.push('### Ours, by corpus size')
  lines.push('')
  lines.push(ourTable(results))
  lines.push('')
  for (const c of results.corpora) {
    lines.push(`### Side by side: ${corpusLabel(c)} (${n(c.words)} words)`)
    lines.push('')
    lines.push(sideBySide(c))
    lines.push('')
    const errors = Object.entries(c.errors)
    if (errors.length > 0) {
      lines.push(`Failed stages: ${errors.map(([stage, error]) => `${stage}: ${error.split('\n')[0]!.slice(0, 160)}`).join('; ')}.`)
      lines.push('')
    }
  }
  lines.push('¹ Ours: `buildIndex`\'s index phase (records → MiniSearch); the full build with parsing and writing is in the table above. Ratios are ours ÷ theirs: above 1 means ours is bigger or slower by that factor.')
  lines.push('')
  lines.push('### Capacity: how large an archive one Worker serves')
  lines.push('')
  lines.push(
    `A least-squares line of each cost against the archive's words (the generated corpora: one kind of archive), solved for the limit; stories assume ${n(Math.round(wordsPerStory(results)))} words per story (the largest generated corpus). ` +
      'Rows marked extrapolated lie beyond the largest corpus measured in this run.',
  )
  lines.push('')
  lines.push(capacitySection(results))
  lines.push('')
  lines.push('Limits read on the date above:')
  lines.push('')
  for (const source of LIMIT_SOURCES) lines.push(`- ${source}`)
  lines.push('')
  lines.push(`![Cost against archive size](${relative(dirname(outPath), chartPath).split('\\').join('/')})`)
  lines.push('')
  lines.push('### Findings')
  lines.push('')
  for (const paragraph of findings(results)) {
    lines.push(paragraph)
    lines.push('')
  }
  return lines.join('\n')
}

export async function writeReport(results: BenchResults, outPath: string, chartPath: string): Promise<void> {
  await mkdir(dirname(chartPath), { recursive: true })
  await writeFile(chartPath, renderChart(results))
  let existing = ''
  try {
    existing = await readFile(outPath, 'utf8')
  } catch {
    // A new file.
  }
  await mkdir(dirname(outPath), { recursive: true })
  await writeFile(outPath, replaceSection(existing, renderSection(results, chartPath, outPath)))
}
