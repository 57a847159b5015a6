// Suggestions for the search box: completions of the word being typed, and matching titles, authors, characters, ships.
import MiniSearch from 'minisearch'
import type { LoadedIndex, StoredStory } from './index-contract'
import { queryWords } from './search'
import { STEM_MARK, foldForMatching } from './text'

export const MAX_SUGGESTIONS = 8

export interface Suggestions {
  query: string
  /** The whole query with its last word completed, best first. */
  completions: string[]
  stories: { id: string; title: string; url: string }[]
  authors: NamedCount[]
  characters: NamedCount[]
  relationships: NamedCount[]
  fandoms: NamedCount[]
}

export interface NamedCount {
  value: string
  count: number
}

interface Entry {
  value: string
  folded: string
  count: number
}

interface Catalog {
  stories: { id: string; title: string; folded: string }[]
  authors: Entry[]
  characters: Entry[]
  relationships: Entry[]
  fandoms: Entry[]
}

// Built once per loaded index, on the first suggestion request.
const catalogs = new WeakMap<LoadedIndex, Catalog>()

function catalogOf(index: LoadedIndex): Catalog {
  let catalog = catalogs.get(index)
  if (catalog) return catalog
  const stories = index.search.search(MiniSearch.wildcard) as unknown as (StoredStory & { id: string })[]
  const tally = (pick: (story: StoredStory) => string[]) => {
    const counts = new Map<string, number>()
    for (const story of stories) for (const value of new Set(pick(story))) counts.set(value, (counts.get(value) ?? 0) + 1)
    return [...counts.entries()].map(([value, count]) => ({ value, folded: foldForMatching(value), count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
  }
  catalog = {
    stories: stories.map((story) => ({ id: story.id, title: story.title, folded: foldForMatching(story.title) })).sort((a, b) => a.title.localeCompare(b.title)),
    authors: tally((story) => story.authors),
    characters: tally((story) => story.characters),
    relationships: tally((story) => story.relationships),
    fandoms: tally((story) => story.fandoms),
  }
  catalogs.set(index, catalog)
  return catalog
}

/** True when every typed word starts a word of the value (`lex lu` matches `Lex Luthor`). */
function matchesWords(folded: string, words: string[]): boolean {
  const valueWords = queryWords(folded).flatMap((word) => [word, ...word.split(/['\-/]/)])
  return words.every((typed) => valueWords.some((word) => word.startsWith(typed)))
}

export function suggest(index: LoadedIndex, query: string): Suggestions {
  const words = queryWords(query)
  const empty: Suggestions = { query, completions: [], stories: [], authors: [], characters: [], relationships: [], fandoms: [] }
  if (words.length === 0) return empty
  const catalog = catalogOf(index)
  const pick = (entries: Entry[]) => entries.filter((entry) => matchesWords(entry.folded, words)).slice(0, 5).map(({ value, count }) => ({ value, count }))

  const completions = completeLastWord(index, words)

  return {
    query,
    completions,
    stories: catalog.stories
      .filter((story) => matchesWords(story.folded, words))
      .slice(0, 5)
      .map(({ id, title }) => ({ id, title, url: `/stories/${encodeURIComponent(id)}` })),
    authors: pick(catalog.authors),
    characters: pick(catalog.characters),
    relationships: pick(catalog.relationships),
    fandoms: pick(catalog.fandoms),
  }
}

/**
 * Completions of the word being typed, among the stories that have the earlier words: the index terms that
 * start with it, most common first, each making one whole suggested query.
 */
function completeLastWord(index: LoadedIndex, words: string[]): string[] {
  const last = words[words.length - 1]!
  const earlier = words.slice(0, -1)
  const exact = (word: string) => ({ queries: [word], tokenize: (t: string) => [t], processTerm: (t: string) => t, prefix: false, fuzzy: false })
  const results = index.search.search({
    combineWith: 'AND',
    queries: [...earlier.map(exact), { ...exact(last), prefix: true }],
  })
  const counts = new Map<string, number>()
  for (const result of results) {
    for (const term of result.terms) {
      if (term.startsWith(last) && term !== last && !term.startsWith(STEM_MARK)) counts.set(term, (counts.get(term) ?? 0) + 1)
    }
  }
  const prefix = earlier.length ? `${earlier.join(' ')} ` : ''
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .slice(0, MAX_SUGGESTIONS)
    .map(([term]) => prefix + term)
}
