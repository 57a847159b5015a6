// The index as pieces read on demand: a search asks MiniSearch to score, but MiniSearch sees only the term data the
// query touches, loaded from term pages beforehand. A query runs twice through MiniSearch's query planner: once to
// learn which terms, prefixes and typo lookups it makes (nothing loaded, nothing scored), then, once those pieces are
// loaded, for real. MiniSearch's own scoring (BM25+, prefix and typo weights) does the rest.
//
// MiniSearch internals this relies on (pinned to minisearch 7.2.0; worker/index/paged-index.test.ts fails if they move):
// `_index` (get, atPrefix), `_documentIds` (has, get), `_fieldLength` (get), `_avgFieldLength`,
// `_documentCount`, `_storedFields` (get) and `_fieldIds`.
import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch'
import { ByteBudgetCache } from './byte-cache'
import { MINISEARCH_OPTIONS, IndexContractError, isPieceIntact, type IndexDirectory } from '../../core/index-contract'
import type { StoryRecord } from '../../core/story-record'
import { StoryTable } from '../../core/story-table'
import { DictionaryPiece, piecesForTypos, termsWithin } from '../../core/term-dictionary'
import { lastAtOrBefore } from '../../core/sorted'
import { TermPage, pageFor, pagesForPrefix, type TermData } from '../../core/term-pages'
import { TextPack, packedPhraseStory, storyText, type PhraseStory, type ReadPackedStory, type StoryText } from '../../core/text-packs'
import { StoryTriples } from '../../core/word-triples'

/** Reads one piece by name; null when there is no such piece. May throw (a failed fetch). */
export type PieceReader = (name: string) => Promise<Uint8Array | null>

/** A search result as MiniSearch reports it, with the story's short id as its id. */
export type RawMatch = SearchResult & { id: number }

/** A story's record, kept after it was unpacked (snippets and phrase checks read the same stories again and again). */
class UnpackedRecord {
  constructor(readonly record: StoryRecord) {}
  get bytes(): number {
    // Its text, and as much again for the folded words a phrase check keeps beside it (phrases.ts).
    return 2 * (2 * this.record.body.length + this.record.summary.length + this.record.notes.length) + 1024
  }
}

/** A story's text as read so far, kept: hits repeat across searches, and their chunks need not be decoded again. */
class ReadText {
  constructor(readonly text: StoryText) {}
}

// A plain story's phrase-check form, made once per StoryText (see PagedIndex.phraseStory).
const phraseStories = new WeakMap<StoryText, PhraseStory>()

/** What an isolate keeps, within one budget: term pages, dictionary pieces, text packs, unpacked records and texts. */
type Piece = TermPage | DictionaryPiece | TextPack | UnpackedRecord | ReadText

/** Bytes of pieces kept per isolate (the story table is extra): room for the pages a mixed workload keeps using. */
export const DEFAULT_CACHE_BYTES = 24 * 1024 * 1024

function pieceBytes(piece: Piece): number {
  if (piece instanceof TermPage) return piece.bytes
  if (piece instanceof TextPack) return piece.byteLength
  if (piece instanceof UnpackedRecord) return piece.bytes
  if (piece instanceof ReadText) return piece.text.bytes + 512
  return piece.bytes
}

/** A lookup MiniSearch's planner makes for one query term. */
type Lookup = { kind: 'get'; term: string } | { kind: 'prefix'; term: string }

// Typos are looked up before a query is made (wordsNear), and searched as the words found: MiniSearch's own fuzzy
// matching counts a swap of two letters as two edits, and would need the whole vocabulary.
function noFuzzyMatching(): never {
  throw new Error('paged index: typo-tolerant lookups go through wordsNear, not MiniSearch fuzzy matching')
}

/** Stands in for MiniSearch's term map while the planner runs: notes each lookup, answers "nothing". */
class LookupRecorder {
  readonly lookups: Lookup[] = []
  get(term: string): undefined {
    this.lookups.push({ kind: 'get', term })
    return undefined
  }
  atPrefix(term: string): [string, TermData][] {
    this.lookups.push({ kind: 'prefix', term })
    return []
  }
  fuzzyGet = noFuzzyMatching
}

/** Answers MiniSearch's lookups from the pages loaded for one query. */
class LoadedTerms {
  constructor(
    private readonly firsts: readonly string[],
    private readonly pages: Map<number, TermPage | null>,
  ) {}

  get(term: string): TermData | undefined {
    const page = this.pages.get(pageFor(this.firsts, term))
    if (!page) return undefined
    const at = page.indexOf(term)
    return at === -1 ? undefined : page.dataAt(at)
  }

  *atPrefix(prefix: string): IterableIterator<[string, TermData]> {
    for (const number of pagesForPrefix(this.firsts, prefix)) {
      const page = this.pages.get(number)
      if (!page) continue
      for (let i = page.lowerBound(prefix); i < page.terms.length && page.terms[i]!.startsWith(prefix); i++) yield [page.terms[i]!, page.dataAt(i)]
    }
  }

  fuzzyGet = noFuzzyMatching
}

/** Every story the table holds, as MiniSearch's id map: short id → short id. */
class LiveStories {
  constructor(private readonly table: StoryTable) {}
  has(shortId: number): boolean {
    return this.table.isLive(shortId)
  }
  get(shortId: number): number | undefined {
    return this.table.isLive(shortId) ? shortId : undefined
  }
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let i = 0; i < this.table.slots; i++) if (this.table.live[i] === 1) yield [i, i]
  }
}

const NO_STORED_FIELDS = { get: () => undefined }

/** Stories in the field a term's postings list most of: a lower bound on the stories that have it. */
export function widestField(data: ReadonlyMap<number, { size: number }> | undefined): number {
  let widest = 0
  for (const list of data?.values() ?? []) widest = Math.max(widest, list.size)
  return widest
}

/** What MiniSearch keeps inside, as far as this module touches it. */
interface MiniSearchInternals {
  _index: unknown
  _documentIds: unknown
  _fieldLength: unknown
  _storedFields: unknown
  _avgFieldLength: number[]
  _documentCount: number
  _fieldIds: Record<string, number>
}

export class PagedIndex {
  private readonly engine: MiniSearch<unknown>
  private readonly internals: MiniSearchInternals
  private readonly cache: ByteBudgetCache<Piece>

  constructor(
    readonly directory: IndexDirectory,
    readonly table: StoryTable,
    private readonly read: PieceReader,
    cacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.cache = new ByteBudgetCache(cacheBytes, pieceBytes)
    this.engine = new MiniSearch(MINISEARCH_OPTIONS as never)
    this.internals = this.engine as unknown as MiniSearchInternals
    if (JSON.stringify(this.internals._fieldIds) !== JSON.stringify(directory.fieldIds)) {
      throw new IndexContractError('story-search: the index was built with other fields; rebuild the index (npm run build:index)')
    }
    this.internals._documentCount = directory.documentCount
    this.internals._avgFieldLength = directory.averageFieldLength
    this.internals._documentIds = new LiveStories(table)
    this.internals._fieldLength = { get: (shortId: number) => table.fieldLengths(shortId) }
    this.internals._storedFields = NO_STORED_FIELDS
  }

  /** Loads the story table and makes the index; the rest is read as queries need it. */
  static async open(directory: IndexDirectory, read: PieceReader, cacheBytes = DEFAULT_CACHE_BYTES): Promise<PagedIndex> {
    const bytes = await read(directory.table)
    if (!bytes) throw new IndexContractError(`story-search: the story table (${directory.table}) is missing; rebuild the index (npm run build:index)`)
    let table: StoryTable
    try {
      table = StoryTable.decode(bytes)
    } catch (error) {
      throw new IndexContractError(`story-search: the story table cannot be read (${(error as Error).message}); rebuild the index (npm run build:index)`)
    }
    if (table.count !== directory.storyCount) throw new IndexContractError('story-search: the story table does not match the index; rebuild the index (npm run build:index)')
    return new PagedIndex(directory, table, read, cacheBytes)
  }

  /** Bytes of pieces this isolate keeps. */
  get cachedBytes(): number {
    return this.cache.bytes
  }

  /**
   * Runs a MiniSearch query over the whole archive, loading first the pieces it touches. A piece that cannot be read
   * costs its terms, not the search: the query goes on without them, and `warnings` says so.
   */
  async search(query: Query, options: SearchOptions = {}): Promise<{ results: RawMatch[]; warnings: string[] }> {
    const recorder = new LookupRecorder()
    this.withTerms(recorder, () => this.engine.search(query, options))
    const warnings: string[] = []
    const { terms, pieces } = await this.load(recorder.lookups, warnings)
    const results = this.withTerms(terms, () => this.engine.search(query, options)) as RawMatch[]
    // Pages grew as the search decoded their postings: count what they hold now.
    for (const name of pieces) this.cache.remeasure(name)
    return { results, warnings }
  }

  /**
   * How many stories have each term as written, in the field that has it most often: at least that many have it,
   * enough to tell a word the archive uses from one it does not. Reads the pages a search for the terms would.
   */
  async storiesWith(terms: readonly string[]): Promise<{ counts: Map<string, number>; warnings: string[] }> {
    const warnings: string[] = []
    const { terms: loaded } = await this.load(terms.map((term) => ({ kind: 'get', term })), warnings)
    return { counts: new Map(terms.map((term) => [term, widestField(loaded.get(term))])), warnings }
  }

  private withTerms<T>(terms: unknown, run: () => T): T {
    // MiniSearch's search is synchronous: nothing else runs in this isolate while it reads these terms.
    this.internals._index = terms
    try {
      return run()
    } finally {
      this.internals._index = null
    }
  }

  /** Loads the term pages the lookups need. */
  private async load(lookups: Lookup[], warnings: string[]): Promise<{ terms: LoadedTerms; pieces: string[] }> {
    const { first: firsts, pieces } = this.directory.termPages
    const wanted = new Set<number>()
    for (const lookup of lookups) {
      if (lookup.kind === 'get') wanted.add(pageFor(firsts, lookup.term))
      else for (const page of pagesForPrefix(firsts, lookup.term)) wanted.add(page)
    }
    wanted.delete(-1)
    const pages = new Map<number, TermPage | null>()
    await Promise.all(
      [...wanted].map(async (number) => {
        pages.set(number, await this.pieceOrWarn(pieces[number]!, TermPage.decode, warnings, `the words from "${firsts[number]}"`))
      }),
    )
    return { terms: new LoadedTerms(firsts, pages), pieces: [...wanted].map((number) => pieces[number]!) }
  }

  /**
   * The words of the archive within `distance` edits of `word` (Levenshtein's, over UTF-16 code units), with their
   * distance: the few dictionary buckets a match can be in are read, not the vocabulary.
   */
  async wordsNear(word: string, distance: number): Promise<{ words: Map<string, number>; warnings: string[] }> {
    const warnings: string[] = []
    const { pieces, buckets } = this.directory.dictionary
    const loaded = await Promise.all(piecesForTypos(buckets, word, distance).map((i) => this.pieceOrWarn(pieces[i]!, DictionaryPiece.decode, warnings, 'typo-tolerant matching')))
    return { words: termsWithin(loaded.flatMap((piece) => piece?.buckets ?? []), word, distance), warnings }
  }

  /**
   * One piece, from this isolate's cache or read and decoded; throws when it cannot be read. Values are cached, never
   * promises: a request that awaited a read another request started would be cancelled by workerd as hung. A failure
   * is not cached: the next request tries again (a redeploy or a passing fault may have fixed it). With `verify`, the
   * content is checked against the hash in its name first: a term page decodes its postings only as a search scores
   * them, too late to leave a damaged one out.
   */
  private async piece<T extends Piece>(name: string, decode: (bytes: Uint8Array) => T, verify = false): Promise<T> {
    const cached = this.cache.get(name) as T | undefined
    if (cached) return cached
    const bytes = await this.read(name)
    if (!bytes) throw new Error('it is missing')
    if (verify && !(await isPieceIntact(name, bytes))) throw new Error('it is damaged (its content does not match its name)')
    const piece = decode(bytes)
    this.cache.set(name, piece)
    return piece
  }

  /** A piece a search needs, or null with a warning when it cannot be read: the search goes on without it. */
  private async pieceOrWarn<T extends Piece>(name: string, decode: (bytes: Uint8Array) => T, warnings: string[], what: string): Promise<T | null> {
    try {
      return await this.piece(name, decode, true)
    } catch (error) {
      const message = `part of the index (${what}, piece ${name}) could not be read: ${(error as Error).message}; results may be incomplete`
      console.warn(`story-search: ${message}`)
      warnings.push(message)
      return null
    }
  }

  /** A story's metadata, and its text chunk by chunk, or null when there is no such story. */
  async storyText(shortId: number): Promise<StoryText | null> {
    if (!this.table.isLive(shortId)) return null
    const key = `text:${shortId}`
    const kept = this.cache.get(key)
    if (kept instanceof ReadText) {
      // Chunks read since it was cached count now.
      this.cache.remeasure(key)
      return kept.text
    }
    const packed = await this.packedStory(shortId)
    if (!packed) return null
    const text = storyText(packed)
    this.checkIsStory(text.meta.id, shortId)
    this.cache.set(key, new ReadText(text))
    return text
  }

  /**
   * A story's whole text for a phrase check (SearchIndex): its record when one is kept; else, for a story the table
   * marks plain, its metadata and its text's UTF-8 bytes. Those of a text kept, one object per StoryText (so what a
   * check works out about it, phrases.ts's caches, lasts as long as the text does); or the bytes where they lie in
   * the pack, kept by nothing: a phrase check reads hundreds of stories once, and copies would crowd the cache.
   */
  async phraseStory(shortId: number): Promise<PhraseStory | null> {
    const kept = this.cache.get(`record:${shortId}`)
    if (kept instanceof UnpackedRecord) return kept.record
    if (this.table.plain[shortId] !== 1) return this.record(shortId)
    const read = this.cache.get(`text:${shortId}`)
    if (read instanceof ReadText) {
      let story = phraseStories.get(read.text)
      if (!story) phraseStories.set(read.text, (story = { ...read.text.meta, body: read.text.utf8() }))
      return story
    }
    if (!this.table.isLive(shortId)) return null
    const packed = await this.packedStory(shortId)
    if (!packed) return null
    const story = packedPhraseStory(packed)
    this.checkIsStory(story.id, shortId)
    return story
  }

  private checkIsStory(id: string, shortId: number): void {
    const expected = this.table.id(shortId)
    if (id !== expected) throw new Error(`the text of "${expected}" does not match this index; rebuild the index (npm run build:index)`)
  }

  /** A story's runs of three words, from its text pack (no text decoded), or null when there is no such story. */
  async storyTriples(shortId: number): Promise<StoryTriples | null> {
    if (!this.table.isLive(shortId)) return null
    const packed = await this.packedStory(shortId)
    return packed && new StoryTriples(packed.triples)
  }

  /**
   * The text pack that holds a story (its text and runs of three words) and its size, or null when no pack holds its
   * short id.
   */
  textPiece(shortId: number): { name: string; bytes: number } | null {
    const { first, pieces, bytes } = this.directory.packs
    // The pack holding a short id: the last whose first short id is at or before it.
    const number = lastAtOrBefore(first, shortId)
    return number === -1 ? null : { name: pieces[number]!, bytes: bytes[number]! }
  }

  /** A story as its text pack holds it (the pack read once per isolate), or null when no pack holds its short id. */
  private async packedStory(shortId: number): Promise<ReadPackedStory | null> {
    const piece = this.textPiece(shortId)?.name
    if (piece === undefined) return null
    try {
      const packed = (await this.piece(piece, TextPack.decode)).story(shortId)
      if (!packed) throw new Error('it is not in its pack')
      return packed
    } catch (error) {
      throw new Error(`the text of "${this.table.id(shortId)}" (piece ${piece}) could not be read: ${(error as Error).message}; rebuild the index (npm run build:index)`)
    }
  }

  /** The full record of a story (metadata and all its text), or null when there is no such story. */
  async record(shortId: number): Promise<StoryRecord | null> {
    const key = `record:${shortId}`
    const kept = this.cache.get(key)
    if (kept instanceof UnpackedRecord) return kept.record
    const text = await this.storyText(shortId)
    if (!text) return null
    let body = ''
    try {
      for (let i = 0; i < text.chunkCount; i++) body += text.chunk(i)
    } catch (error) {
      throw new Error(`the text of "${text.meta.id}" could not be read: ${(error as Error).message}; rebuild the index (npm run build:index)`)
    }
    const record: StoryRecord = { ...text.meta, body }
    // Every chunk of the text was read just now: it counts that much more.
    this.cache.remeasure(`text:${shortId}`)
    this.cache.set(key, new UnpackedRecord(record))
    return record
  }
}
