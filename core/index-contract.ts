// The one contract between index-builder/ and worker/: the index directory, its pieces and the MiniSearch options.
import type { Options } from 'minisearch'
import { fandomShortNames } from './fandom-short-names'
import type { StoryRecord } from './story-record'
import type { BucketDirectory } from './term-dictionary'
import { indexTerms, tokenize } from './text'

/** Bump when the directory, a piece's format or the MiniSearch options change in a way an old index cannot serve. */
export const SCHEMA_VERSION = 16

/** Hex digits of a piece's SHA-256 in its name (`terms-<digits>.bin`): the name changes exactly when the content does. */
const PIECE_HASH_DIGITS = 20

/** A piece's file name: its kind and the start of its content's SHA-256. */
export async function pieceName(kind: string, bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  const hex = Array.from(digest.subarray(0, PIECE_HASH_DIGITS / 2), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${kind}-${hex}.bin`
}

/** Whether `bytes` are the content `name` promises: a damaged piece is refused when it is read, never misread. */
export async function isPieceIntact(name: string, bytes: Uint8Array): Promise<boolean> {
  const kindEnd = name.lastIndexOf('-')
  return kindEnd > 0 && name === (await pieceName(name.slice(0, kindEnd), bytes))
}

/** Longest summary indexed and shown in a result row: a paragraph, not a second story. The full one is in the record. */
export const SHORT_SUMMARY_MAX = 400

/** What MiniSearch indexes for one story: its id and the searchable fields. */
export interface IndexDocument {
  id: string
  title: string
  authors: string[]
  fandoms: string[]
  relationships: string[]
  characters: string[]
  tags: string[]
  warnings: string[]
  summary: string
  /** The chapters' own titles (indexedChapterTitles), then the text. */
  body: string[]
}

export const SEARCH_FIELDS = [
  'title',
  'authors',
  'fandoms',
  'relationships',
  'characters',
  'tags',
  'warnings',
  'summary',
  'body',
] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

// Metadata a fan types on purpose (a title, a ship, a name) outranks a word that happens to be in the summary,
// which outranks the same word somewhere in thousands of words of body text.
// The judged queries barely tell these settings apart (BENCHMARKS.md, *Field boosts*: every setting of the grid within
// 0.005 NDCG@10), so the values are a judgment call the grid does not contradict, not a measured optimum.
export const FIELD_BOOSTS: Record<SearchField, number> = {
  title: 4,
  authors: 3,
  fandoms: 2,
  relationships: 3,
  characters: 2.5,
  tags: 2,
  warnings: 1.5,
  summary: 1.5,
  body: 1,
}

/** MiniSearch options used to build the index and to load it: both sides must agree. */
export const MINISEARCH_OPTIONS: Options<IndexDocument> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  // Nothing is stored: what results, filters and facets read is in the story table. Lists are indexed as one string.
  stringifyField: (value) => (Array.isArray(value) ? value.join(' ; ') : String(value)),
  tokenize: (text) => tokenize(text),
  // Terms arrive folded from tokenize(); each is indexed as written, plus its marked stem when that differs.
  processTerm: (term) => indexTerms(term),
  // Searches build explicit query trees (worker/search/search.ts); these defaults serve plain-string searches and suggestions.
  searchOptions: {
    boost: FIELD_BOOSTS,
    processTerm: (term) => term,
    prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 2,
    // Typos are looked up before a query is made and searched as the words found (worker/search/search.ts).
    fuzzy: false,
    combineWith: 'AND',
    // BM25+ with less saturation (k 2) and less length normalization (b 0.5) than MiniSearch's 1.2 and 0.7: chosen on
    // the even-numbered judged queries and confirmed on the odd ones (BENCHMARKS.md, `npm run eval -- --experiments`);
    // a name said often in a story counts for more than a passing mention.
    bm25: { k: 2, b: 0.5, d: 0.5 },
  },
}

/** A story's fandoms as the index holds them: fans type `hp` or `sga`, so the short names stand beside the tags. */
export function fandomsAsIndexed(story: Pick<StoryRecord, 'fandoms'>): string[] {
  return [...story.fandoms, ...fandomShortNames(story.fandoms)]
}

/** Reduces a full story record to the document the index holds. */
export function toIndexDocument(story: StoryRecord): IndexDocument {
  return {
    id: story.id,
    title: story.title,
    authors: story.authors,
    fandoms: fandomsAsIndexed(story),
    relationships: story.relationships,
    characters: story.characters,
    tags: story.tags,
    warnings: story.warnings,
    summary: shortSummary(story.summary),
    body: [...indexedChapterTitles(story), story.body],
  }
}

// "Chapter 12:", "Ch. 3 -", "Part IV." before a chapter's own title: numbering every story in chapters has.
const CHAPTER_NUMBERING = /^(?:chapter|chap\.?|ch\.?|part)\s*(?:\d+|[ivxlc]+)\b\s*[:.–—-]?\s*/i

/**
 * The chapters' titles as the text is searched: a reader who remembers "The Station" finds the story whose chapter 1
 * is "Chapter 1: The Station". The numbering is left out ("Chapter 2" alone adds nothing), so "chapter" is not a word
 * of every story in chapters.
 */
export function indexedChapterTitles(story: Pick<StoryRecord, 'chapters'>): string[] {
  return story.chapters.map((chapter) => chapter.title.replace(CHAPTER_NUMBERING, '').trim()).filter((title) => title.length > 0)
}

/** The summary as the index holds it and result rows show it: cut at a space before SHORT_SUMMARY_MAX characters. */
export function shortSummary(text: string): string {
  const max = SHORT_SUMMARY_MAX
  if (text.length <= max) return text
  const cut = text.lastIndexOf(' ', max - 1)
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`
}

/**
 * The index directory: the small part of the index bundled with the Worker (a Text module, parsed on first use).
 * It says where everything else is: term pages by term range, dictionary pieces by bucket, the story table, text packs
 * by short-id range, each a content-addressed static asset under `/index/`. Every key but the lists is written first:
 * the Worker reads `builtAt`, `contentHash`, `storyCount` and `workerCode` from the first kilobyte of the text
 * (worker/index/index-release.ts) to key its caches and report its release without parsing the rest.
 */
export interface IndexDirectory {
  schemaVersion: number
  builtAt: string
  /** Hash over every story's content and the schema version: the index version clients see. */
  contentHash: string
  /** Hash of what the Worker renders with, so a code-only deploy never serves responses cached by the old code. */
  workerCode: string
  storyCount: number
  /** What BM25 needs beside the postings, as MiniSearch keeps it: stories, mean field lengths, field ids. */
  documentCount: number
  averageFieldLength: number[]
  fieldIds: Record<string, number>
  /** Term pages, ascending: the first term of each, and its piece. */
  termPages: { first: string[]; pieces: string[] }
  /** Typo tolerance: dictionary pieces, and which piece holds each bucket (by skip, first character, length). */
  dictionary: { pieces: string[]; buckets: BucketDirectory }
  /** The story table's piece. */
  table: string
  /**
   * Text packs, by short id: the first short id in each, its piece, and its size in bytes (what a response may read is
   * counted in bytes before anything is read, so it depends on the query alone: worker/search/pack-budget.ts).
   */
  packs: { first: number[]; pieces: string[]; bytes: number[] }
}

/** Where the pieces are served from, under the static assets. */
export const PIECES_DIR = 'index'

/** The URL path of a piece. */
export function piecePath(name: string): string {
  return `/${PIECES_DIR}/${name}`
}

/** The short index version shown to clients and used in cache keys. */
export function indexVersion(directory: Pick<IndexDirectory, 'contentHash'>): string {
  return directory.contentHash.slice(0, 16)
}

export class IndexContractError extends Error {
  override name = 'IndexContractError'
}

/**
 * Parses and checks the index directory. Refuses one written by another schema version, because serving it would
 * silently give wrong results.
 */
export function parseIndexDirectory(text: string): IndexDirectory {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new IndexContractError('story-search: the index file is not valid JSON; rebuild the index (npm run build:index)')
  }
  const directory = parsed as Partial<IndexDirectory>
  if (typeof directory !== 'object' || directory === null || typeof directory.schemaVersion !== 'number') {
    throw new IndexContractError('story-search: the index file has no schema version; rebuild the index (npm run build:index)')
  }
  if (directory.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexContractError(
      `story-search: index schema version ${directory.schemaVersion} is not the supported version ${SCHEMA_VERSION}; rebuild the index (npm run build:index)`,
    )
  }
  const complete =
    typeof directory.contentHash === 'string' &&
    typeof directory.storyCount === 'number' &&
    typeof directory.table === 'string' &&
    Array.isArray(directory.termPages?.first) &&
    directory.termPages.first.length === directory.termPages.pieces?.length &&
    Array.isArray(directory.packs?.first) &&
    directory.packs.first.length === directory.packs.pieces?.length &&
    directory.packs.first.length === directory.packs.bytes?.length &&
    Array.isArray(directory.dictionary?.pieces) &&
    Array.isArray(directory.averageFieldLength)
  if (!complete) throw new IndexContractError('story-search: the index file is incomplete; rebuild the index (npm run build:index)')
  return directory as IndexDirectory
}
