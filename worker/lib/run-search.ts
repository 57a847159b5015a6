// One search request end to end: query the index, then load fragments for the shown hits to cut snippets.
import { makeSnippet } from './snippet'
import { searchIndex, type SearchHit } from './search'
import { getSearchIndex } from './search-index'
import type { SearchParams } from './search-params'
import { loadStory } from './fragments'

export interface SearchResponse {
  query: string
  total: number
  page: number
  limit: number
  hits: SearchHit[]
  tookMs: number
  index: { version: string; builtAt: string; stories: number }
}

export async function runSearch(assets: Fetcher, params: SearchParams): Promise<SearchResponse> {
  const started = Date.now()
  const index = await getSearchIndex()
  const { total, hits } = searchIndex(index, params)
  await Promise.all(
    hits.map(async (hit) => {
      if (hit.terms.length === 0) return
      try {
        const story = await loadStory(assets, hit.id)
        hit.snippet = story ? makeSnippet(story.body, hit.terms) : null
        if (!story) console.warn(`story-search: no fragment for "${hit.id}"; hit shown without a snippet`)
      } catch (error) {
        // One broken fragment costs that hit its snippet, not the whole response.
        console.warn(`story-search: ${(error as Error).message}; hit shown without a snippet`)
      }
    }),
  )
  return {
    query: params.q,
    total,
    page: params.page,
    limit: params.limit,
    hits,
    // Workers freeze Date.now() during pure computation; the figure is real once I/O has happened.
    tookMs: Date.now() - started,
    index: { version: index.version, builtAt: index.builtAt, stories: index.storyCount },
  }
}
