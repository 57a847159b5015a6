// Runs a search against the loaded index and shapes the hits that the API and the pages show.
import MiniSearch from 'minisearch'
import type { LoadedIndex, StoredStory } from './index-contract'
import type { SearchParams } from './search-params'
import type { Snippet } from './snippet'

export interface SearchHit {
  id: string
  title: string
  author: string
  authors: string[]
  rating: StoredStory['rating']
  words: number
  date: string | null
  fandoms: string[]
  relationships: string[]
  summary: string
  score: number
  url: string
  snippet: Snippet | null
  /** Index terms this story matched, for snippets and highlighting. */
  terms: string[]
}

export interface SearchOutcome {
  total: number
  hits: SearchHit[]
}

/**
 * Searches the index. An empty query lists every story, newest first, so the page has something to browse.
 * Hits come back without snippets; the caller adds them for the page it shows.
 */
export function searchIndex(index: LoadedIndex, params: SearchParams): SearchOutcome {
  const results = params.q === '' ? browseAll(index) : index.search.search(params.q)
  const from = (params.page - 1) * params.limit
  const hits = results.slice(from, from + params.limit).map((result) => {
    const stored = result as unknown as StoredStory & { id: string; score: number; terms: string[] }
    return {
      id: stored.id,
      title: stored.title,
      author: stored.authors.join(', '),
      authors: stored.authors,
      rating: stored.rating,
      words: stored.words,
      date: stored.date,
      fandoms: stored.fandoms,
      relationships: stored.relationships,
      summary: stored.summary,
      score: Math.round(stored.score * 1000) / 1000,
      url: `/stories/${encodeURIComponent(stored.id)}`,
      snippet: null,
      terms: stored.terms,
    }
  })
  return { total: results.length, hits }
}

function browseAll(index: LoadedIndex) {
  const all = index.search.search(MiniSearch.wildcard)
  return all.sort((a, b) => {
    const byDate = String(b['date'] ?? '').localeCompare(String(a['date'] ?? ''))
    return byDate !== 0 ? byDate : String(a.id).localeCompare(String(b.id))
  })
}
