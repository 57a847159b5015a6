// One search answered end to end: query the index, then read the records of the shown hits for their summaries and
// snippets. Pure: the routes give it the index (and the Node measurements give it one read from disk).
import type { Facets } from '../search/facets'
import { shortSummary, type SearchField } from '../../core/index-contract'
import type { ReportedIndex } from '../index/index-release'
import type { QueryNode } from '../query/query-parser'
import { phrasesOf } from '../query/phrases'
import { executeSearch, type Match, type SearchIndex, type SearchOutcome } from '../search/search'
import { eachByPack } from '../search/by-pack'
import { readableWithin, type PackLimits } from '../search/pack-budget'
import { MAX_LIMIT, type SearchInput } from '../query/search-params'
import { makeSnippet, type Snippet, type SnippetOptions } from './snippet'
import { readingMinutes, type StoryChapter, type StoryRecord } from '../../core/story-record'
import { PAIR_MARK, STEM_MARK, queryWords } from '../../core/text'
import { storyPath } from '../../static/search-url.js'
import type { StoryText } from '../../core/text-packs'

/** The story's metadata a result row carries, as the story record names it (the text and its notes stay behind). */
type HitMetadata = Pick<
  StoryRecord,
  'id' | 'title' | 'authors' | 'rating' | 'words' | 'date' | 'updated' | 'complete' | 'fandoms' | 'relationships' | 'characters' | 'warnings' | 'tags' | 'readingMinutes'
>

/** One result row: the story's metadata, its score, and why it matched. */
export interface SearchHit extends HitMetadata {
  /** All authors, comma-separated. */
  author: string
  /** The summary as a result row shows it: shortened (shortSummary), where a story's record holds it whole. */
  summary: string
  /** Chapters in the file (1 for a story in one piece). */
  chapterCount: number
  score: number
  /** False when the story has only some of the query's words (listed after those with all of them). */
  allWords: boolean
  url: string
  /** For a story in chapters, the chapter the snippet is from; null otherwise. */
  chapter: { number: number; title: string; url: string } | null
}

export interface SearchResponse {
  query: string
  total: number
  page: number
  limit: number
  /** Values listed per facet, as read from `facet_limit`. */
  facetLimit: number
  sort: SearchInput['sort']
  hits: (SearchHit & { snippet: Snippet | null })[]
  facets: Facets
  didYouMean: string | null
  /** True when not every phrase candidate was read: the page is exact, `total` an estimate, the facets count what was read. */
  truncated: boolean
  /** True when part of the index could not be read, so some matching stories may be missing; `warnings` says which. */
  partial: boolean
  warnings: string[]
  tookMs: number
  index: ReportedIndex
}

/**
 * Text packs one response reads for its hits' summaries and snippets. A long story's pack can pass a megabyte, and a
 * page of them (sorted longest, 100 to a page) would read more than an isolate holds; past this, in the order shown,
 * a hit is shown from the story table alone, without summary or snippet.
 */
export const HIT_PACKS: PackLimits = { packs: MAX_LIMIT, bytes: 16 * 1024 * 1024 }

/**
 * The response to a search over `index`: the code path the Worker runs, and the deploy check measures in Node.
 * Without `snippets` (a feed shows none), no hit's text is scanned for one.
 */
export async function answerSearch(paged: SearchIndex, input: SearchInput, index: ReportedIndex, { snippets = true } = {}): Promise<SearchResponse> {
  const started = Date.now()
  const outcome: SearchOutcome = await executeSearch(paged, input)
  const typed = input.query.root ? typedWords(input.query.root) : []
  const phrases = input.query.root ? phrasesOf(input.query.root) : null
  const asksNames = input.query.root ? asksForNames(input.query.root) : false
  const { matches } = outcome
  const shortIds = matches.map((match) => match.shortId)
  const readable = readableWithin(paged, shortIds, HIT_PACKS)
  const hits = await eachByPack(paged, shortIds, (_, i) => showHit(paged, matches[i]!, readable[i]!, snippets ? typed : null, phrases, asksNames))
  return {
    query: input.q,
    total: outcome.total,
    page: input.page,
    limit: input.limit,
    facetLimit: input.facetLimit,
    sort: input.sort,
    hits,
    facets: outcome.facets,
    didYouMean: outcome.didYouMean,
    truncated: outcome.truncated,
    partial: outcome.warnings.length > 0,
    warnings: outcome.warnings,
    // Workers freeze Date.now() during pure computation; the figure is real once I/O has happened.
    tookMs: Date.now() - started,
    index,
  }
}

/**
 * A match as a result row: metadata from the story table, summary and snippet from the story's text (`readText` false:
 * the response's HIT_PACKS are spent; `typed` null: no snippet is wanted). `asksNames`: the query has a clause limited
 * to the people a story is tagged with (asksForNames).
 */
async function showHit(index: SearchIndex, match: Match, readText: boolean, typed: string[] | null, phrases: SnippetOptions['phrases'], asksNames: boolean): Promise<SearchHit & { snippet: Snippet | null }> {
  const { table } = index
  const i = match.shortId
  const id = table.id(i)
  const authors = table.names('authors', i)
  let summary = ''
  let snippet: Snippet | null = null
  let chapter: SearchHit['chapter'] = null
  try {
    const text = readText ? await index.storyText(i) : null
    if (text) summary = shortSummary(text.meta.summary)
    // A snippet shows the query's words where the index found them in the text. Where it found none there (a phrase
    // of the summary, a word of the title), looking would read all of the text, twice, to show at best a phrase's words
    // scattered. Only the people a story is tagged with (`pairing:`, `character:`) are looked for in a text the query
    // did not ask: it names them.
    if (text && typed && (asksNames || foundIn(match, 'body'))) {
      // A phrase's pairs are marked by its words, which are typed.
      const matched = match.terms.filter((term) => !term.startsWith(PAIR_MARK))
      const preferred = preferredTerms(typed, matched)
      // The story table says whether folding changes any of its text: then no chunk is scanned to find out.
      const plain = table.plain[i] === 1
      // Found only by a typo's neighbours (no word as typed, no pair of them): the story lacks the typed words, and
      // looking for them first would read all of it for nothing.
      const byTyposOnly = matched.length > 0 && matched.length === match.terms.length && !preferred.some((term) => matched.includes(term))
      const placed = matched.length > 0 || typed.length > 0
        ? (byTyposOnly ? null : snippetOf(text, preferred, phrases, plain)) ?? snippetOf(text, [...typed, ...matched], null, plain)
        : null
      snippet = placed?.snippet ?? null
      if (placed) chapter = chapterAt(id, text.meta.chapters, placed.start)
    }
    if (!text && readText) console.warn(`story-search: no text for "${id}"; hit shown without summary or snippet`)
  } catch (error) {
    // One damaged pack costs its hits their summaries and snippets, not the whole response.
    console.warn(`story-search: ${(error as Error).message}; hit shown without summary or snippet`)
  }
  return {
    id,
    title: table.title(i),
    author: authors.join(', '),
    authors,
    rating: table.rating(i),
    words: table.words[i]!,
    date: table.date(i),
    updated: table.updated(i),
    complete: table.complete(i),
    chapterCount: table.chapters[i]!,
    readingMinutes: readingMinutes(table.words[i]!),
    fandoms: table.names('fandoms', i),
    relationships: table.names('relationships', i),
    characters: table.names('characters', i),
    warnings: table.names('warnings', i),
    tags: table.names('tags', i),
    summary,
    score: Math.round(match.score * 1000) / 1000,
    allWords: match.allWords,
    url: storyPath(id),
    chapter,
    snippet,
  }
}

/** Whether any of the match's terms was found in `field`. */
function foundIn(match: Match, field: SearchField): boolean {
  for (const fields of Object.values(match.termFields)) if (fields.includes(field)) return true
  return false
}

/** The chapter a body offset falls in, for a story in chapters. */
function chapterAt(id: string, chapters: StoryChapter[] | undefined, offset: number): SearchHit['chapter'] {
  if (!chapters || chapters.length < 2) return null
  let n = 0
  while (n + 1 < chapters.length && chapters[n + 1]!.start <= offset) n++
  return { number: n + 1, title: chapters[n]!.title, url: storyPath(id, n + 1) }
}

/**
 * The first passages that show the terms, reading the story a chunk at a time: a long story's snippet costs the chunks
 * up to its first match, not the whole text.
 */
function snippetOf(text: StoryText, terms: string[], phrases: SnippetOptions['phrases'], plain: boolean): { snippet: Snippet; start: number } | null {
  let offset = 0
  for (let i = 0; i < text.chunkCount; i++) {
    const chunk = text.chunk(i)
    const placed = makeSnippet(chunk, terms, { language: text.meta.language, phrases, mayFold: !plain && text.mayFold(i) })
    if (placed) return { snippet: placed.snippet, start: offset + placed.start }
    offset += chunk.length
  }
  return null
}

/** Whether the query has a clause limited to the people a story is tagged with: its relationships or characters. */
function asksForNames(node: QueryNode): boolean {
  if (node.type === 'and' || node.type === 'or') return node.children.some(asksForNames)
  return node.field === 'relationships' || node.field === 'characters'
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
