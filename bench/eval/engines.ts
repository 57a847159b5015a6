// The two engines compared: our search through its real code path, and plain MiniSearch as a developer would set it up.
import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch'
import { indexInMemory } from '../../index-builder/index-in-memory'
import type { IndexDocument } from '../../core/index-contract'
import { executeSearch, type SearchIndex } from '../../worker/search/search'
import { parseSearchParams } from '../../worker/query/search-params'
import type { StoryRecord } from '../../core/story-record'
import { WholeIndex } from '../../index-builder/whole-index'
import { CUTOFF } from './metrics'

/** Anything that turns a query as typed into ranked document ids. */
export interface Engine {
  name: string
  search: (q: string) => Promise<string[]>
}

/** Our index of the records, as the Worker serves it: pieces, read on demand (here from memory). */
export async function buildOurIndex(stories: StoryRecord[]): Promise<SearchIndex> {
  return (await indexInMemory(stories)).index
}

/**
 * The same stories indexed whole with other MiniSearch options, for experiments that change what is indexed (the
 * whole index scores as the paged one does: worker/index/paged-index.test.ts).
 */
export function buildVariantIndex(stories: StoryRecord[], like: SearchIndex, options: Partial<Options<IndexDocument>>, keepWord?: (word: string) => boolean): WholeIndex {
  return WholeIndex.build(stories, like, options, keepWord)
}

/**
 * Our search: the query string read by `parseSearchParams`, run by `executeSearch` over the index.
 * `execute` swaps in a variant of search.ts for experiments.
 */
export function ourEngine(index: SearchIndex, name = 'story-search'): Engine {
  return {
    name,
    search: async (q) => {
      const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q, limit: String(CUTOFF) })))
      return outcome.matches.map((match) => index.table.id(match.shortId))
    },
  }
}

/** The obvious setup: default MiniSearch over title and body, searched with the string as typed. */
export function baselineEngine(stories: StoryRecord[]): Engine {
  const index = new MiniSearch({ fields: ['title', 'text'], storeFields: [] })
  index.addAll(stories.map((story) => ({ id: story.id, title: story.title, text: story.body })))
  return {
    name: 'MiniSearch defaults',
    search: async (q) => index.search(q).slice(0, CUTOFF).map((result) => result.id as string),
  }
}

/**
 * The same index with extra options on every search (for example other field boosts), and query trees that may be
 * rewritten first. Top-level search options reach every leaf of a query tree.
 */
export function withSearchOverrides(index: SearchIndex, extra: SearchOptions, rewrite: (query: Query) => Query = (query) => query): SearchIndex {
  return {
    table: index.table,
    record: (shortId) => index.record(shortId),
    storyText: (shortId) => index.storyText(shortId),
    phraseStory: (shortId) => index.phraseStory(shortId),
    storyTriples: (shortId) => index.storyTriples(shortId),
    textPiece: (shortId) => index.textPiece(shortId),
    storiesWith: (terms) => index.storiesWith(terms),
    wordsNear: (word, distance) => index.wordsNear(word, distance),
    search: (query, options = {}) => index.search(typeof query === 'object' ? rewrite(query) : query, { ...extra, ...options }),
  }
}
