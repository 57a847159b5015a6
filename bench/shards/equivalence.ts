// Ranking equivalence in Node: the merged top hits of N shard indexes against one index over the whole archive.
import MiniSearch from 'minisearch'
import { MINISEARCH_OPTIONS, createSearchIndex, toIndexDocument, type IndexDocument, type LoadedIndex } from '../../worker/lib/index-contract'
import { applyArchiveTermCounts } from '../../worker/lib/archive-stats'
import { executeSearch, mergeAnswers, searchShard, type SearchOutcome } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'
import { indexShards, withArchiveStats, type StatsMode } from '../../index-builder/shards'
import type { MixQuery } from './query-mix'

export interface QueryComparison {
  query: MixQuery
  /** Hits in the single index's top `depth`. */
  expected: number
  /** How many of those the merged shards also put in their top `depth`. */
  shared: number
  totalSingle: number
  totalSharded: number
  facetsEqual: boolean
  /** Whether either side stopped checking phrase candidates early, so its total and facets are lower bounds. */
  truncated: boolean
}

export interface EquivalenceReport {
  shardCount: number
  mode: StatsMode
  depth: number
  queries: number
  /** Shared hits over expected hits, summed over every query: the figure the 95% bound applies to. */
  overlap: number
  /** Queries whose top `depth` matched exactly as a set. */
  identicalSets: number
  /** Queries where the total or a facet count differed (should be none: both are exact). */
  countMismatches: number
  /** The queries whose total or facets differed. */
  mismatches: QueryComparison[]
  worst: QueryComparison[]
}

const toLoaded = (search: MiniSearch<IndexDocument>, storyCount: number): LoadedIndex => ({ search, version: 'bench', builtAt: '', storyCount })

/**
 * Builds the shard indexes once; `withMode` gives them as the builder writes them for a statistics mode
 * (serialized with those statistics, then loaded, as a shard Worker loads its artifact).
 */
export function shardIndexes(stories: StoryRecord[], shardCount: number): { withMode: (mode: StatsMode) => LoadedIndex[] } {
  const { members, serialized, stats } = indexShards(stories, shardCount)
  return {
    withMode: (mode) =>
      serialized.map((text, i) => {
        const search = MiniSearch.loadJS<IndexDocument>(withArchiveStats(JSON.parse(text), stats[i]!, mode), MINISEARCH_OPTIONS)
        if (mode === 'archive') applyArchiveTermCounts(search as MiniSearch<unknown>, stats[i]!.termDocumentCounts)
        return toLoaded(search, members[i]!.length)
      }),
  }
}

export function fullIndex(stories: StoryRecord[]): LoadedIndex {
  return toLoaded(createSearchIndex(stories.map(toIndexDocument)), stories.length)
}

/** Runs every query on the single index and on the shards (searchShard each, then mergeAnswers) and compares. */
export async function compareRankings(
  stories: StoryRecord[],
  single: LoadedIndex,
  shards: LoadedIndex[],
  queries: MixQuery[],
  depth = 10,
  mode: StatsMode = 'field-lengths',
): Promise<EquivalenceReport> {
  const byId = new Map(stories.map((story) => [story.id, story]))
  const load = async (id: string) => byId.get(id) ?? null
  const comparisons: QueryComparison[] = []
  for (const query of queries) {
    const request = parseSearchParams(new URLSearchParams({ q: query.q, limit: String(depth) }))
    const expected: SearchOutcome = await executeSearch(single, request, load)
    const merged = mergeAnswers(await Promise.all(shards.map((shard) => searchShard(shard, request, load))), request)
    const mergedIds = new Set(merged.hits.map(({ hit }) => hit.id))
    comparisons.push({
      query,
      expected: expected.hits.length,
      shared: expected.hits.filter(({ hit }) => mergedIds.has(hit.id)).length,
      totalSingle: expected.total,
      totalSharded: merged.total,
      facetsEqual: JSON.stringify(expected.facets) === JSON.stringify(merged.facets),
      truncated: expected.truncated || merged.truncated,
    })
  }
  const mismatches = comparisons.filter((c) => c.totalSingle !== c.totalSharded || !c.facetsEqual)
  const expected = comparisons.reduce((sum, c) => sum + c.expected, 0)
  const shared = comparisons.reduce((sum, c) => sum + c.shared, 0)
  return {
    shardCount: shards.length,
    mode,
    depth,
    queries: comparisons.length,
    overlap: expected === 0 ? 1 : shared / expected,
    identicalSets: comparisons.filter((c) => c.shared === c.expected).length,
    countMismatches: mismatches.length,
    mismatches,
    worst: [...comparisons].filter((c) => c.expected > 0).sort((a, b) => a.shared / a.expected - b.shared / b.expected).slice(0, 5),
  }
}
