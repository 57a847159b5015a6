// Helpers for Worker tests: call the API through SELF and read JSON.
import { SELF } from 'cloudflare:test'

export const ORIGIN = 'https://story-search.test'

export interface Hit {
  id: string
  title: string
  author: string
  authors: string[]
  rating: string
  words: number
  date: string | null
  complete: boolean | null
  fandoms: string[]
  relationships: string[]
  characters: string[]
  warnings: string[]
  tags: string[]
  score: number
  allWords: boolean
  url: string
  chapter: { number: number; title: string; url: string } | null
  snippet: { text: string; highlights: [number, number][] } | null
}

export interface SearchBody {
  query: string
  total: number
  page: number
  limit: number
  sort: string
  hits: Hit[]
  facets: Record<string, { value: string; count: number; min?: number; max?: number | null }[]>
  didYouMean: string | null
  truncated: boolean
  tookMs: number
  index: { version: string; builtAt: string; stories: number }
}

export async function get(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, init)
}

/** Searches with a query string (`q=...&rating=...`) and returns the parsed body, failing on a non-200. */
export async function search(query: string): Promise<SearchBody> {
  const response = await get(`/api/search?${query}`)
  if (response.status !== 200) throw new Error(`search ${query} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as SearchBody
}

/** Every story in the test archive, as search hits (for deriving expectations from the API's own metadata). */
export async function allStories(): Promise<Hit[]> {
  return (await search('q=&limit=100')).hits
}

export const ids = (body: SearchBody): string[] => body.hits.map((hit) => hit.id)

/** Ids of the hits that have every word of the query (partial matches follow them when there are few). */
export const fullIds = (body: SearchBody): string[] => body.hits.filter((hit) => hit.allWords).map((hit) => hit.id)

export const q = (text: string) => `q=${encodeURIComponent(text)}`
