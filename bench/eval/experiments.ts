// Tuning and design experiments over the judged queries: field boosts, BM25, stemming, typo and proximity settings,
// stop words.
import { gzipSync } from 'node:zlib'
import type { BM25Params, Query } from 'minisearch'
import { FIELD_BOOSTS, MINISEARCH_OPTIONS, type SearchField } from '../../core/index-contract'
import type { SearchIndex } from '../../worker/search/search'
import type { StoryRecord } from '../../core/story-record'
import { STEM_MARK, stemOf } from '../../core/text'
import { buildVariantIndex, ourEngine, withSearchOverrides } from './engines'
import type { WholeIndex } from '../../index-builder/whole-index'
import { evaluate, type EngineRun } from './evaluate'
import type { JudgedQuery } from './judgments'
import type { QueryScores } from './metrics'
import { CHOSEN_TUNING, withTuning, type SearchTuning } from '../../worker/search/tuning'

export interface ExperimentRow {
  label: string
  /** true for the setting the code has now. */
  current: boolean
  mean: QueryScores
  byKind: Map<string, QueryScores>
  /** Mean NDCG on the half of the queries a setting is chosen on (even positions), and on the half held back to check it. */
  halves: { chosenOn: number; checkedOn: number }
}

function row(label: string, current: boolean, run: EngineRun): ExperimentRow {
  const mean = (half: number) => {
    const scores = run.outcomes.filter((_, i) => i % 2 === half).map((outcome) => outcome.scores.ndcg)
    return scores.reduce((sum, score) => sum + score, 0) / Math.max(1, scores.length)
  }
  return { label, current, mean: run.mean, byKind: run.byKind, halves: { chosenOn: mean(0), checkedOn: mean(1) } }
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
export async function boostGrid(index: SearchIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<BoostRow[]> {
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
    const run = await evaluate(ourEngine(withSearchOverrides(index, { boost: boosts })), queries)
    rows.push({ ...row(label, label === describeBoosts(FIELD_BOOSTS), run), boosts })
  }
  return rows
}

// ---- BM25 ----------------------------------------------------------------------------------------------------

/** MiniSearch's BM25+ parameters: term-frequency saturation k, length normalization b, and the BM25+ floor d. */
export const BM25_GRID = { k: [0.9, 1.2, 1.6, 2.0], b: [0.5, 0.7, 0.9], d: [0.5] } as const

export interface Bm25Row extends ExperimentRow {
  bm25: BM25Params
}

export function describeBm25(bm25: BM25Params): string {
  return `k ${bm25.k}, b ${bm25.b}, d ${bm25.d}`
}

/** Every BM25 setting of the grid, at query time over the same index. */
export async function bm25Grid(index: SearchIndex, queries: JudgedQuery[]): Promise<Bm25Row[]> {
  const current = MINISEARCH_OPTIONS.searchOptions?.bm25 ?? MINISEARCH_DEFAULT_BM25
  const rows: Bm25Row[] = []
  for (const k of BM25_GRID.k) {
    for (const b of BM25_GRID.b) {
      for (const d of BM25_GRID.d) {
        const bm25 = { k, b, d }
        const run = await evaluate(ourEngine(withSearchOverrides(index, { bm25 })), queries)
        rows.push({ ...row(describeBm25(bm25), describeBm25(bm25) === describeBm25(current), run), bm25 })
      }
    }
  }
  return rows
}

/** MiniSearch's own default, used when the contract sets none. */
const MINISEARCH_DEFAULT_BM25: BM25Params = { k: 1.2, b: 0.7, d: 0.5 }

// ---- Stem weight and typo tolerance ---------------------------------------------------------------------------

export interface TuningRow extends ExperimentRow {
  tuning: SearchTuning
}

/** One setting at a time around the current values, then the best of each together. */
export async function tuningSweep(index: SearchIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<TuningRow[]> {
  const now = CHOSEN_TUNING
  const candidates: SearchTuning[] = [
    now,
    ...[0.25, 0.75, 1].map((stemWeight) => ({ ...now, stemWeight })),
    ...[3, 5, 6].map((fuzzyMinLength) => ({ ...now, fuzzyMinLength })),
    { ...now, fuzzyLong: now.fuzzyShort }, // never two edits
    ...[6, 7, 10].map((fuzzyLongFrom) => ({ ...now, fuzzyLongFrom })),
    ...[0, 1, 2, 3, 4, 6, 8].map((proximityWeight) => ({ ...now, proximityWeight })),
    ...[0, 0.05, 0.1, 0.2, 0.375].map((completionWeight) => ({ ...now, completionWeight })),
  ]
  const distinct = [...new Map(candidates.map((tuning) => [describeTuning(tuning), tuning])).values()]
  const rows = await runTunings(distinct, now, index, stories, queries)
  // Combine the best value of each knob, chosen on one half of the queries (ties go to the current value), and
  // measure that too; the other half checks the choice.
  const keys: (keyof SearchTuning)[] = ['stemWeight', 'fuzzyMinLength', 'fuzzyShort', 'fuzzyLong', 'fuzzyLongFrom', 'proximityWeight', 'completionWeight']
  const best = <K extends keyof SearchTuning>(key: K) => {
    const varied = rows.filter((r) => keys.every((o) => o === key || r.tuning[o] === now[o]))
    return varied.reduce((a, b) => (b.halves.chosenOn > a.halves.chosenOn + 1e-9 ? b : a), rows[0]!).tuning[key]
  }
  const combined: SearchTuning = {
    stemWeight: best('stemWeight'),
    fuzzyMinLength: best('fuzzyMinLength'),
    fuzzyShort: now.fuzzyShort,
    fuzzyLong: best('fuzzyLong'),
    fuzzyLongFrom: best('fuzzyLongFrom'),
    proximityWeight: best('proximityWeight'),
    completionWeight: best('completionWeight'),
  }
  if (!rows.some((r) => describeTuning(r.tuning) === describeTuning(combined))) {
    rows.push(...(await runTunings([combined], now, index, stories, queries)))
  }
  return rows
}

async function runTunings(candidates: SearchTuning[], now: SearchTuning, index: SearchIndex, stories: StoryRecord[], queries: JudgedQuery[]): Promise<TuningRow[]> {
  const rows: TuningRow[] = []
  for (const tuning of candidates) {
    const run = await withTuning(tuning, () => evaluate(ourEngine(index), queries))
    rows.push({ ...row(describeTuning(tuning), describeTuning(tuning) === describeTuning(now), run), tuning })
  }
  return rows
}

export function describeTuning(t: SearchTuning): string {
  return `stem ${t.stemWeight}, fuzzy from ${t.fuzzyMinLength} letters: ${t.fuzzyShort} edit${t.fuzzyShort === 1 ? '' : 's'}, ${t.fuzzyLong} from ${t.fuzzyLongFrom}, proximity ${t.proximityWeight}, completions ${t.completionWeight}`
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

/** The size of a whole MiniSearch index of the stories: what stop-word removal would save. */
function sizeOf(index: WholeIndex): { indexBytes: number; indexGzipBytes: number; terms: number } {
  const json = JSON.stringify(index.engine.toJSON())
  return { indexBytes: Buffer.byteLength(json), indexGzipBytes: gzipSync(json).length, terms: index.engine.termCount }
}

/**
 * (a) the index as built now against (b) one built without stop words, searched with them dropped from the query.
 * Both index every pair of adjacent words (stop words included), so phrases are answered the same way in both.
 * A query of nothing but stop words finds nothing in (b).
 */
export async function stopWordExperiment(index: SearchIndex, stories: StoryRecord[], queries: JudgedQuery[], current: EngineRun): Promise<StopWordResult[]> {
  const stopped = buildVariantIndex(stories, index, {}, (term) => !ENGLISH_STOP_WORDS.has(term))
  const dropped = new Set<string>()
  for (const word of ENGLISH_STOP_WORDS) {
    dropped.add(word)
    const stem = stemOf(word)
    if (stem !== null) dropped.add(STEM_MARK + stem).add(stem)
  }
  const searchable = withSearchOverrides(stopped, {}, (query) => dropTerms(query, dropped) ?? { queries: [] })
  const run = await evaluate(ourEngine(searchable), queries)
  const changed = run.outcomes
    .map((outcome, i) => ({ id: outcome.query.id, query: outcome.query.query, before: current.outcomes[i]!.scores.ndcg, after: outcome.scores.ndcg }))
    .filter((c) => Math.abs(c.after - c.before) > 1e-9)
  return [
    { label: '(a) no stop-word removal (current)', ...sizeOf(buildVariantIndex(stories, index, {})), mean: current.mean, byKind: current.byKind, changed: [] },
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
