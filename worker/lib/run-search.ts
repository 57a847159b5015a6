// One search request end to end: query the index (or fan out to the shards), then load fragments for the shown hits to cut snippets.
import type { Facets } from './facets'
import { loadStory } from './fragments'
import { reportedIndex, type ReportedIndex } from './index-release'
import { executeSearch, mergeAnswers, queryWords, type SearchHit, type SearchOutcome } from './search'
import { getSearchIndex } from './search-index'
import type { SearchInput } from './search-params'
import type { QueryNode } from './query-parser'
import { fanOut, shardsOf, type ShardedEnv } from './shard-fan-out'
import { makeSnippet, type Snippet } from './snippet'
import { STEM_MARK } from './text'

/** What a search needs from the Worker's bindings: the static assets (fragments) and, when sharded, the shards. */
export type SearchEnv = { ASSETS: Fetcher } & ShardedEnv

export interface SearchResponse {
  query: string
  total: number
  page: number
  limit: number
  sort: SearchInput['sort']
  hits: (SearchHit & { snippet: Snippet | null })[]
  facets: Facets
  didYouMean: string | null
  /** True when not every phrase candidate was checked: `total` and the facets are then lower bounds (the page is exact). */
  truncated: boolean
  /** True when a shard failed or timed out, so some matching stories are missing; `warnings` says which. */
  partial: boolean
  warnings: string[]
  tookMs: number
  index: ReportedIndex
}

export async function runSearch(env: SearchEnv, input: SearchInput): Promise<SearchResponse> {
  const started = Date.now()
  // Read from the head of the bundled index text (the builder writes it for single and sharded deployments alike), and
  // first: an index without it fails before any shard is asked.
  const index = reportedIndex()
  const load = (id: string) => loadStory(env.ASSETS, id)
  const sharded = shardsOf(env)
  let outcome: SearchOutcome
  let partial = false
  let warnings: string[] = []
  if (sharded) {
    // The front's own index (the archive's metadata, for suggestions and story lists) is not loaded to search: on a
    // large archive parsing it would cost the first search seconds and most of the isolate's memory.
    const { q: _q, ...request } = input
    const fanned = await fanOut(sharded.shards, request, sharded.timeoutMs)
    outcome = mergeAnswers(fanned.answers, input)
    partial = fanned.partial
    warnings = fanned.warnings
  } else {
    outcome = await executeSearch(await getSearchIndex(), input, load)
  }
  const typed = input.query.root ? typedWords(input.query.root) : []
  const hits = await Promise.all(
    outcome.hits.map(async ({ hit, terms }) => {
      let snippet: Snippet | null = null
      if (terms.length > 0 || typed.length > 0) {
        try {
          const story = await load(hit.id)
          if (story) snippet = makeSnippet(story.body, preferredTerms(typed, terms)) ?? makeSnippet(story.body, [...typed, ...terms])
          else console.warn(`story-search: no fragment for "${hit.id}"; hit shown without a snippet`)
        } catch (error) {
          // One broken fragment costs that hit its snippet, not the whole response.
          console.warn(`story-search: ${(error as Error).message}; hit shown without a snippet`)
        }
      }
      return { ...hit, snippet }
    }),
  )
  return {
    query: input.q,
    total: outcome.total,
    page: input.page,
    limit: input.limit,
    sort: input.sort,
    hits,
    facets: outcome.facets,
    didYouMean: outcome.didYouMean,
    truncated: outcome.truncated,
    partial,
    warnings,
    // Workers freeze Date.now() during pure computation; the figure is real once I/O has happened.
    tookMs: Date.now() - started,
    index,
  }
}

/** The words the reader typed (and their parts), so snippets mark them even where the index matched a variant. */
function typedWords(node: QueryNode): string[] {
  if (node.type === 'and' || node.type === 'or') return node.children.flatMap(typedWords)
  return queryWords(node.text).flatMap((word) => [word, ...word.split(/['\-/]/)])
}

/**
 * The matched terms worth marking first: what was typed, its stems, and completions of it. Typo matches
 * (`her` for `hero`) are kept back for stories where nothing better is found.
 */
export function preferredTerms(typed: string[], matched: string[]): string[] {
  const kept = matched.filter((term) => term.startsWith(STEM_MARK) || typed.some((word) => word.length > 0 && term.startsWith(word)))
  return [...typed, ...kept]
}
