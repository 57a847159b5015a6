// Tuning and design experiments over the judged queries: field boosts, stemming and typo settings, stop words.
import { gzipSync } from 'node:zlib'
import type { Query } from 'minisearch'
import { FIELD_BOOSTS, type LoadedIndex, type SearchField } from '../../worker/lib/index-contract'
import type { StoryRecord } from '../../worker/lib/story-record'
import { indexTerms, STEM_MARK, stemOf } from '../../worker/lib/text'
import { buildOurIndex, ourEngine, withSearchOverrides, type ExecuteSearch } from './engines'
import { evaluate, type EngineRun } from './evaluate'
import type { JudgedQuery } from './judgments'
import { CUTOFF, type QueryScores } from './metrics'
import { currentTuning, describeTuning, loadSearchVariants, type SearchTuning } from './search-variant'

export interface ExperimentRow {
  label: string
  /** true for the setting the code has now. */
  current: boolean
  mean: QueryScores
  byKind: Map<string, QueryScores>
}

function row(label: string, current: boolean, run: EngineRun): ExperimentRow {
  return { label, current, mean: run.mean, byKind: run.byKind }
}

// ---- Field boosts -------------------------------------------------------------------------------------------

export const BOOST_GRID = {
  title: [2, 3, 4, 6],
  /** Relationships and characters move together: both are the names a fan types. */
  people: [1.5, 2.5, 4],
  summary: [1, 1.5, 2],
} as const

export interface BoostRow extends ExperimentRow {
  boosts: Record<SearchField, number>
}

export function describeBoosts(boosts: Record<SearchField, number>): string {
  return `title ${boosts.title}, relationships ${boosts.relationships}, characters ${boosts.characters}, summary ${boosts.summary}`
}

/** Every combination of the grid (other fields as they are), plus the current boosts. Same index: boosts apply at query time. */
export async function boostGrid(index: LoadedIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<BoostRow[]> {
  const candidates: Record<SearchField, number>[] = [{ ...FIELD_BOOSTS }]
  for (const title of BOOST_GRID.title) {
    for (const people of BOOST_GRID.people) {
      for (const summary of BOOST_GRID.summary) {
        candidates.push({ ...FIELD_BOOSTS, title, relationships: people, characters: people, summary })
      }
    }
  }
  const rows: BoostRow[] = []
  const seen = new Set<string>()
  for (const boosts of candidates) {
    const label = describeBoosts(boosts)
    if (seen.has(label)) continue
    seen.add(label)
    const run = await evaluate(ourEngine(withSearchOverrides(index, { boost: boosts }), stories), queries)
    rows.push({ ...row(label, label === describeBoosts(FIELD_BOOSTS), run), boosts })
  }
  return rows
}

// ---- Stem weight and typo tolerance ---------------------------------------------------------------------------

export interface TuningRow extends ExperimentRow {
  tuning: SearchTuning
}

/** One setting at a time around the current values, then the best of each together. */
export async function tuningSweep(index: LoadedIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<TuningRow[]> {
  const now = await currentTuning()
  const candidates: SearchTuning[] = [
    now,
    ...[0.25, 0.75, 1].map((stemWeight) => ({ ...now, stemWeight })),
    ...[3, 5, 6].map((fuzzyMinLength) => ({ ...now, fuzzyMinLength })),
    { ...now, fuzzyLong: now.fuzzyShort }, // never two edits
    ...[6, 7, 10].map((fuzzyLongFrom) => ({ ...now, fuzzyLongFrom })),
  ]
  const rows = await runTunings(candidates, now, index, stories, queries)
  // Combine the best value of each knob (ties go to the current value) and measure that too.
  const best = <K extends keyof SearchTuning>(key: K, others: (keyof SearchTuning)[]) => {
    const varied = rows.filter((r) => others.every((o) => r.tuning[o] === now[o]))
    return varied.reduce((a, b) => (b.mean.ndcg > a.mean.ndcg + 1e-9 ? b : a), rows[0]!).tuning[key]
  }
  const combined: SearchTuning = {
    stemWeight: best('stemWeight', ['fuzzyMinLength', 'fuzzyShort', 'fuzzyLong', 'fuzzyLongFrom']),
    fuzzyMinLength: best('fuzzyMinLength', ['stemWeight', 'fuzzyShort', 'fuzzyLong', 'fuzzyLongFrom']),
    fuzzyShort: now.fuzzyShort,
    fuzzyLong: best('fuzzyLong', ['stemWeight', 'fuzzyMinLength', 'fuzzyShort', 'fuzzyLongFrom']),
    fuzzyLongFrom: best('fuzzyLongFrom', ['stemWeight', 'fuzzyMinLength', 'fuzzyShort', 'fuzzyLong']),
  }
  if (!rows.some((r) => describeTuning(r.tuning) === describeTuning(combined))) {
    rows.push(...(await runTunings([combined], now, index, stories, queries)))
  }
  return rows
}

async function runTunings(candidates: SearchTuning[], now: SearchTuning, index: LoadedIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<TuningRow[]> {
  const { variants, cleanup } = await loadSearchVariants(candidates)
  try {
    const rows: TuningRow[] = []
    for (const [i, tuning] of candidates.entries()) {
      const run = await evaluate(ourEngine(index, stories, variants[i]!), queries)
      rows.push({ ...row(describeTuning(tuning), describeTuning(tuning) === describeTuning(now), run), tuning })
    }
    return rows
  } finally {
    await cleanup()
  }
}

// ---- Stop words ---------------------------------------------------------------------------------------------

/** The classic small English list (Lucene's and Elasticsearch's default `_english_` stop set, 33 words). */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
)

export interface StopWordResult {
  label: string
  indexBytes: number
  indexGzipBytes: number
  terms: number
  mean: QueryScores
  byKind: Map<string, QueryScores>
  /** Queries whose NDCG@10 changed, with before → after. */
  changed: { id: string; query: string; before: number; after: number }[]
}

function sizeOf(index: LoadedIndex): { indexBytes: number; indexGzipBytes: number; terms: number } {
  const json = JSON.stringify(index.search.toJSON())
  return { indexBytes: Buffer.byteLength(json), indexGzipBytes: gzipSync(json).length, terms: index.search.termCount }
}

/**
 * (a) the index as built now against (b) one built without stop words, searched with them dropped from the query.
 * Phrases are still checked against the full story text, as an engine without positions must do.
 * A query of nothing but stop words finds nothing in (b).
 */
export async function stopWordExperiment(index: LoadedIndex, stories: StoryRecord[], queries: JudgedQuery[], current: EngineRun): Promise<StopWordResult[]> {
  const stopped = buildOurIndex(stories, { processTerm: (term) => (ENGLISH_STOP_WORDS.has(term) ? null : indexTerms(term)) })
  const dropped = new Set<string>()
  for (const word of ENGLISH_STOP_WORDS) {
    dropped.add(word)
    const stem = stemOf(word)
    if (stem !== null) dropped.add(STEM_MARK + stem).add(stem)
  }
  const searchable = withSearchOverrides(stopped, {}, (query) => dropTerms(query, dropped) ?? { queries: [] })
  const run = await evaluate(ourEngine(searchable, stories), queries)
  const changed = run.outcomes
    .map((outcome, i) => ({ id: outcome.query.id, query: outcome.query.query, before: current.outcomes[i]!.scores.ndcg, after: outcome.scores.ndcg }))
    .filter((c) => Math.abs(c.after - c.before) > 1e-9)
  return [
    { label: '(a) no stop-word removal (current)', ...sizeOf(index), mean: current.mean, byKind: current.byKind, changed: [] },
    { label: `(b) ${ENGLISH_STOP_WORDS.size} English stop words removed`, ...sizeOf(stopped), mean: run.mean, byKind: run.byKind, changed },
  ]
}

/** A query tree without the given terms; null when nothing is left. */
function dropTerms(query: Query, dropped: ReadonlySet<string>): Query | null {
  if (typeof query === 'string') return dropped.has(query) ? null : query
  if (typeof query !== 'object') return query // the wildcard
  const kept = query.queries.map((q) => dropTerms(q as Query, dropped)).filter((q): q is Query => q !== null)
  return kept.length === 0 ? null : ({ ...query, queries: kept } as Query)
}

// ---- Diagnostic: all words required ---------------------------------------------------------------------------

/**
 * Not a setting we own: how much of the gap to the baseline comes from requiring every word. When the main
 * search finds fewer than a page, stories matching only some of the words are appended below the full matches
 * (the top-level AND run as OR). Measures what a "relax when short" change in search.ts would be worth.
 */
export async function orFallbackDiagnostic(index: LoadedIndex, stories: StoryRecord[], queries: JudgedQuery[], execute?: ExecuteSearch): Promise<EngineRun> {
  const inner = index.search
  const view = Object.create(inner) as typeof inner
  view.search = ((query: Query, options: Parameters<typeof inner.search>[1] = {}) => {
    const results = inner.search(query, options)
    // Only the main search passes a filter; exclusion and suggestion look-ups stay as they are.
    if (options.filter === undefined || typeof query !== 'object' || query.combineWith !== 'AND' || results.length >= CUTOFF) return results
    const seen = new Set(results.map((r) => r.id))
    const floor = results.length > 0 ? Math.min(...results.map((r) => r.score)) : 1
    const extra = inner.search({ ...query, combineWith: 'OR' }, options).filter((r) => !seen.has(r.id))
    const top = extra.length > 0 ? extra[0]!.score : 1
    for (const r of extra) r.score = (r.score / top) * floor * 0.5
    return [...results, ...extra]
  }) as typeof inner.search
  return evaluate(ourEngine({ ...index, search: view }, stories, execute, 'story-search + OR fallback'), queries)
}
