// Suggestions for the search box: completions of the word being typed, and matching titles, authors, characters, ships.
import { storyPath } from '../../static/search-url.js'
import type { Query } from 'minisearch'
import type { PagedIndex } from '../index/paged-index'
import type { StoryTable, ValueField } from '../../core/story-table'
import { STEM_MARK, foldForMatching, queryWords } from '../../core/text'
import { endsInWord } from '../query/query-parser'

export const MAX_SUGGESTIONS = 8
/** Names and titles listed per kind. */
const MAX_PER_KIND = 5

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
  /** The value's words and their parts, folded: what typed words are matched against. */
  words: string[]
  count: number
}

// Each kind of name, most common first, with its words folded: made once per table, on the first suggestion.
const catalogs = new WeakMap<StoryTable, Record<ValueField, Entry[]>>()

function catalogOf(table: StoryTable): Record<ValueField, Entry[]> {
  let catalog = catalogs.get(table)
  if (catalog) return catalog
  catalog = {} as Record<ValueField, Entry[]>
  for (const [field, column] of Object.entries(table.values) as [ValueField, StoryTable['values'][ValueField]][]) {
    catalog[field] = column.names
      .map((value, n) => ({ value, words: wordsOf(value), count: column.counts[n]! }))
      // A stable sort: equal counts stay in name order, the column's own.
      .sort((a, b) => b.count - a.count)
  }
  catalogs.set(table, catalog)
  return catalog
}

function wordsOf(text: string): string[] {
  return queryWords(foldForMatching(text)).flatMap((word) => [word, ...word.split(/['\-/]/)])
}

/**
 * True when every typed word starts a word of the value (`lex lu` matches `Lex Luthor`); a last word the reader has
 * finished (`typing` false: `Dr.`) must be one whole.
 */
function matchesWords(valueWords: string[], typed: string[], typing: boolean): boolean {
  const whole = typing ? -1 : typed.length - 1
  return typed.every((word, i) => valueWords.some((valueWord) => (i === whole ? valueWord === word : valueWord.startsWith(word))))
}

const exact = (word: string) => ({ queries: [word], tokenize: (t: string) => [t], processTerm: (t: string) => t, prefix: false, fuzzy: false })

export async function suggest(index: PagedIndex, query: string): Promise<Suggestions> {
  const words = queryWords(query)
  // `Dr.` is a finished word: no completions of it, and names and titles must have it whole.
  const typing = endsInWord(query)
  const empty: Suggestions = { query, completions: [], stories: [], authors: [], characters: [], relationships: [], fandoms: [] }
  if (words.length === 0) return empty
  const catalog = catalogOf(index.table)
  // A pairing being typed (`harry/dr`) is matched name by name, in either order: "Draco Malfoy/Harry Potter".
  const names = words.flatMap((word) => word.split('/').filter((part) => part.length > 0))
  const pick = (entries: Entry[]) => {
    const picked: NamedCount[] = []
    for (const entry of entries) {
      if (picked.length === MAX_PER_KIND) break
      if (matchesWords(entry.words, names, typing)) picked.push({ value: entry.value, count: entry.count })
    }
    return picked
  }
  const [completions, stories] = await Promise.all([typing ? completeLastWord(index, words) : [], storiesByTitle(index, words, typing)])
  return {
    query,
    completions,
    stories,
    authors: pick(catalog.authors),
    characters: pick(catalog.characters),
    relationships: pick(catalog.relationships),
    fandoms: pick(catalog.fandoms),
  }
}

/** Stories whose title has a word starting with each typed word (a finished last word whole), in title order. */
async function storiesByTitle(index: PagedIndex, words: string[], typing: boolean): Promise<Suggestions['stories']> {
  const query: Query = { combineWith: 'AND', queries: words.map((word, i) => ({ ...exact(word), prefix: typing || i < words.length - 1, fields: ['title'] })) }
  const { results } = await index.search(query)
  const { table } = index
  return results
    .map((result) => result.id)
    .sort((a, b) => table.titleRank[a]! - table.titleRank[b]!)
    .slice(0, MAX_PER_KIND)
    .map((i) => ({ id: table.id(i), title: table.title(i), url: storyPath(table.id(i)) }))
}

/**
 * Completions of the word being typed, among the stories that have the earlier words: the index terms that
 * start with it, most common first, each making one whole suggested query.
 */
async function completeLastWord(index: PagedIndex, words: string[]): Promise<string[]> {
  const last = words[words.length - 1]!
  const earlier = words.slice(0, -1)
  const { results } = await index.search({ combineWith: 'AND', queries: [...earlier.map(exact), { ...exact(last), prefix: true }] })
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
