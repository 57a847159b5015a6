// The two engines compared: our search through its real code path, and plain MiniSearch as a developer would set it up.
import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch'
import { createSearchIndex, MINISEARCH_OPTIONS, toIndexDocument, type IndexDocument, type LoadedIndex } from '../../worker/lib/index-contract'
import { executeSearch } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'
import { CUTOFF } from './metrics'

/** Anything that turns a query as typed into ranked document ids. */
export interface Engine {
  name: string
  search: (q: string) => Promise<string[]>
}

export type ExecuteSearch = typeof executeSearch

/** Wraps a MiniSearch index the way the Worker holds it. */
export function asLoadedIndex(search: MiniSearch<IndexDocument>): LoadedIndex {
  return { search, version: 'eval', builtAt: new Date(0).toISOString(), storyCount: search.documentCount }
}

/** Builds our index from records with the contract's options (optionally overridden, for experiments). */
export function buildOurIndex(stories: StoryRecord[], options: Partial<Options<IndexDocument>> = {}): LoadedIndex {
  if (Object.keys(options).length === 0) return asLoadedIndex(createSearchIndex(stories.map(toIndexDocument)))
  const index = new MiniSearch<IndexDocument>({ ...MINISEARCH_OPTIONS, ...options })
  index.addAll(stories.map(toIndexDocument))
  return asLoadedIndex(index)
}

/**
 * Our search: the query string read by `parseSearchParams`, run by `executeSearch`, with stories (for phrase
 * checks) served from memory instead of fragments. `execute` swaps in a variant of search.ts for experiments.
 */
export function ourEngine(index: LoadedIndex, stories: StoryRecord[], execute: ExecuteSearch = executeSearch, name = 'story-search'): Engine {
  const byId = new Map(stories.map((story) => [story.id, story]))
  const loadStory = async (id: string) => byId.get(id) ?? null
  return {
    name,
    search: async (q) => {
      const request = parseSearchParams(new URLSearchParams({ q, limit: String(CUTOFF) }))
      const outcome = await execute(index, request, loadStory)
      return outcome.hits.map(({ hit }) => hit.id)
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
 * The same index seen through a MiniSearch whose every search gets extra options (for example other field
 * boosts) and whose query trees may be rewritten first. Top-level search options reach every leaf of a query tree.
 */
export function withSearchOverrides(index: LoadedIndex, extra: SearchOptions, rewrite: (query: Query) => Query = (query) => query): LoadedIndex {
  const inner = index.search
  const view = Object.create(inner) as MiniSearch<IndexDocument>
  view.search = ((query: Query, options: SearchOptions = {}) =>
    inner.search(typeof query === 'object' ? rewrite(query) : query, { ...extra, ...options })) as MiniSearch<IndexDocument>['search']
  return { ...index, search: view }
}
