// The one contract between index-builder/ and worker/: the index artifact, the fragments and the MiniSearch options.
import MiniSearch, { type Options } from 'minisearch'
import type { Rating, StoryRecord } from './story-record'
import { indexTerms, tokenize } from './text'

/** Bump when the artifact, fragment or MiniSearch options change in a way an old index cannot serve. */
export const SCHEMA_VERSION = 1

/** Longest summary kept in the bundled index; the full one lives in the fragment. */
export const STORED_SUMMARY_MAX = 400

/** What MiniSearch indexes for one story: the searchable fields plus the few a result row and the facets need. */
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
  body: string
  rating: Rating
  words: number
  date: string | null
  complete: boolean | null
}

/** The fields stored in the index and returned with every hit. */
export interface StoredStory {
  title: string
  authors: string[]
  fandoms: string[]
  relationships: string[]
  characters: string[]
  tags: string[]
  warnings: string[]
  summary: string
  rating: Rating
  words: number
  date: string | null
  complete: boolean | null
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

const STORE_FIELDS: (keyof StoredStory)[] = [
  'title',
  'authors',
  'fandoms',
  'relationships',
  'characters',
  'tags',
  'warnings',
  'summary',
  'rating',
  'words',
  'date',
  'complete',
]

// Metadata a fan types on purpose (a title, a ship, a name) outranks a word that happens to be in the summary,
// which outranks the same word somewhere in thousands of words of body text.
// Measured 2026-11-22 (`npm run eval -- --experiments`, 82 judged queries): every setting of title 2–6,
// relationships = characters 1.5–4 and summary 1–2 scores the same (NDCG@10 0.551, MRR 0.611, recall 0.617), because
// only the 5 demo stories carry metadata. The values below are therefore kept as a judgment call, not a measured optimum.
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
  storeFields: STORE_FIELDS,
  // Arrays are stored as arrays (result rows and facets need them) and indexed as one string.
  stringifyField: (value) => (Array.isArray(value) ? value.join(' ; ') : String(value)),
  tokenize: (text) => tokenize(text),
  // Terms arrive folded from tokenize(); each is indexed as written, plus its marked stem when that differs.
  processTerm: (term) => indexTerms(term),
  // Searches build explicit query trees (worker/lib/search.ts); these defaults serve plain-string searches and suggestions.
  searchOptions: {
    boost: FIELD_BOOSTS,
    processTerm: (term) => term,
    prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 2,
    fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    combineWith: 'AND',
  },
}

/** Reduces a full story record to the document the index holds. */
export function toIndexDocument(story: StoryRecord): IndexDocument {
  return {
    id: story.id,
    title: story.title,
    authors: story.authors,
    fandoms: story.fandoms,
    relationships: story.relationships,
    characters: story.characters,
    tags: story.tags,
    warnings: story.warnings,
    summary: truncate(story.summary, STORED_SUMMARY_MAX),
    body: story.body,
    rating: story.rating,
    words: story.words,
    date: story.date,
    complete: story.complete,
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.lastIndexOf(' ', max - 1)
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`
}

/**
 * The bundled index file. Every key but `index` is written ahead of it: the Worker reads `builtAt`, `contentHash`,
 * `storyCount` and `workerCode` from the first kilobyte of the text (worker/lib/index-release.ts) to key its caches and
 * report its release without parsing the index.
 */
export interface IndexArtifact {
  schemaVersion: number
  builtAt: string
  /** Hash over every story's content and the schema version: the index version clients see. */
  contentHash: string
  /** Hash of the Worker's sources, so a code-only deploy never serves responses cached by the old code. */
  workerCode: string
  storyCount: number
  index: ReturnType<MiniSearch['toJSON']>
}

/** One story's fragment, served as a static asset at `/fragments/<id>.json` and loaded only when shown. */
export interface StoryFragment {
  schemaVersion: number
  story: StoryRecord
}

/** Where a story's fragment lives under the static assets. */
export function fragmentPath(id: string): string {
  return `/fragments/${encodeURIComponent(id)}.json`
}

/** The short index version shown to clients and used in cache keys. */
export function indexVersion(artifact: Pick<IndexArtifact, 'contentHash'>): string {
  return artifact.contentHash.slice(0, 16)
}

export class IndexContractError extends Error {
  override name = 'IndexContractError'
}

/**
 * Parses and checks an index artifact. Refuses one written by another schema version,
 * because loading it would silently serve wrong results.
 */
export function parseIndexArtifact(text: string): IndexArtifact {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new IndexContractError('story-search: the index file is not valid JSON; rebuild the index (npm run build:index)')
  }
  const artifact = parsed as Partial<IndexArtifact>
  if (typeof artifact !== 'object' || artifact === null || typeof artifact.schemaVersion !== 'number') {
    throw new IndexContractError('story-search: the index file has no schema version; rebuild the index (npm run build:index)')
  }
  if (artifact.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexContractError(
      `story-search: index schema version ${artifact.schemaVersion} is not the supported version ${SCHEMA_VERSION}; rebuild the index (npm run build:index)`,
    )
  }
  if (typeof artifact.contentHash !== 'string' || typeof artifact.storyCount !== 'number' || !artifact.index) {
    throw new IndexContractError('story-search: the index file is incomplete; rebuild the index (npm run build:index)')
  }
  return artifact as IndexArtifact
}

/** Builds a MiniSearch index over documents with the shared options. */
export function createSearchIndex(documents: IndexDocument[]): MiniSearch<IndexDocument> {
  const index = new MiniSearch<IndexDocument>(MINISEARCH_OPTIONS)
  index.addAll(documents)
  return index
}

/** A loaded index and what clients are told about it. */
export interface LoadedIndex {
  search: MiniSearch<IndexDocument>
  version: string
  builtAt: string
  storyCount: number
}

/** Parses, checks and loads an index artifact's text with the shared options. */
export function loadIndex(text: string): LoadedIndex {
  const artifact = parseIndexArtifact(text)
  let search: MiniSearch<IndexDocument>
  try {
    search = MiniSearch.loadJS<IndexDocument>(artifact.index, MINISEARCH_OPTIONS)
  } catch (error) {
    // A well-formed header over a payload MiniSearch cannot read (another MiniSearch version, a damaged file) needs the same fix.
    throw new IndexContractError(`story-search: the index could not be loaded (${(error as Error).message}); rebuild the index (npm run build:index)`)
  }
  return {
    search,
    version: indexVersion(artifact),
    builtAt: artifact.builtAt,
    storyCount: artifact.storyCount,
  }
}
