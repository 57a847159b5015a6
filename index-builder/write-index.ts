// Writes the index as pieces, in bounded memory: stories go through MiniSearch a batch at a time, each batch's term
// data (MiniSearch's serialized index) is kept as a sorted run on disk, and the runs are merged into term pages and
// the typo dictionary at the end. Story records are packed as they pass; the story table is written last.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import MiniSearch, { type Options } from 'minisearch'
import { ByteReader, ByteWriter } from '../core/binary'
import { MINISEARCH_OPTIONS, SCHEMA_VERSION, pieceName, toIndexDocument, type IndexDirectory, type IndexDocument } from '../core/index-contract'
import type { StoryRecord } from '../core/story-record'
import { encodeStoryTable, type TableOrders, type TableRow } from '../core/story-table'
import { bucketWords, encodeDictionaryPiece, type BucketDirectory, type DictionaryBucket } from '../core/term-dictionary'
import { assembleTermPage, decodeTermBody, encodeTermBody, type FieldPostings } from '../core/term-pages'
import { encodeTextPack, splitText, type PackedStory } from '../core/text-packs'
import { encodeStoryTriples, phraseTexts } from '../core/word-triples'
import { PAIR_MARK, foldForMatching, indexTerms, isWordTerm, mayFoldBeyondAscii, queryWords, wordPairs } from '../core/text'
import { postedChapters } from './ingest/build-record'

/** About how many bytes an entry takes in a term page: its postings and its term. */
export function pageEntryBytes(entry: { term: string; body: Uint8Array }): number {
  return entry.body.length + entry.term.length + 4
}

/** Cuts items, in order, into groups: a group ends once its items reach `limit` bytes by `sizeOf`. */
function groupBySize<T>(items: readonly T[], sizeOf: (item: T) => number, limit: number): T[][] {
  const groups: T[][] = []
  let group: T[] = []
  let bytes = 0
  for (const item of items) {
    group.push(item)
    bytes += sizeOf(item)
    if (bytes >= limit) {
      groups.push(group)
      group = []
      bytes = 0
    }
  }
  if (group.length > 0) groups.push(group)
  return groups
}

/** Cuts ascending entries into pages: a page ends once its entries reach `pageBytes`. */
export function cutIntoPages<T extends { term: string; body: Uint8Array }>(entries: readonly T[], pageBytes: number): T[][] {
  return groupBySize(entries, pageEntryBytes, pageBytes)
}

/** The directory of an index whose pieces are written: its release, the archive's statistics from its rows, its pieces. */
export function makeDirectory(head: DirectoryHead, rows: readonly (TableRow | null)[], pieces: Pick<IndexDirectory, 'termPages' | 'dictionary' | 'table' | 'packs'>): IndexDirectory {
  const live = rows.filter((row): row is TableRow => row !== null)
  return {
    schemaVersion: SCHEMA_VERSION,
    builtAt: head.builtAt,
    contentHash: head.contentHash,
    storyCount: live.length,
    workerCode: head.workerCode,
    documentCount: live.length,
    averageFieldLength: averageFieldLengths(live, MINISEARCH_OPTIONS.fields.length),
    fieldIds: Object.fromEntries(MINISEARCH_OPTIONS.fields.map((field, i) => [field, i])),
    ...pieces,
  }
}

/**
 * Encodes `stories` as a text pack, writes it with `put`, and records it in `packs` at `at` (by default after the
 * others): its first short id, its name and its size.
 */
export async function putPack(packs: IndexDirectory['packs'], stories: readonly PackedStory[], put: (kind: 'text', bytes: Uint8Array) => Promise<string>, at = packs.pieces.length): Promise<void> {
  const bytes = encodeTextPack(stories)
  packs.first[at] = stories[0]!.shortId
  packs.pieces[at] = await put('text', bytes)
  packs.bytes[at] = bytes.length
}

/**
 * Cuts text packs as stories come, in short-id order: a pack is written once its stories reach `packBytes`, and
 * recorded at the end of `packs`. The builder packs every story so; a patch, the stories it adds after the last pack's.
 */
export class PackCutter {
  private stories: PackedStory[] = []
  private bytes = 0

  constructor(
    private readonly packs: IndexDirectory['packs'],
    private readonly packBytes: number,
    private readonly put: (kind: 'text', bytes: Uint8Array) => Promise<string>,
  ) {}

  async add(story: PackedStory): Promise<void> {
    this.stories.push(story)
    this.bytes += packedBytes(story)
    if (this.bytes >= this.packBytes) await this.flush()
  }

  /** Writes the stories not yet written, as one pack. */
  async flush(): Promise<void> {
    if (this.stories.length === 0) return
    await putPack(this.packs, this.stories, this.put)
    this.stories = []
    this.bytes = 0
  }
}

/** Bytes of a packed story: what fills a text pack. */
export function packedBytes(story: PackedStory): number {
  return story.meta.length + story.chunks.reduce((sum, chunk) => sum + chunk.length, 0) + story.triples.length
}

/** Sizes of the pieces, in bytes. */
export interface PieceSizes {
  /** A term page is cut once its postings reach this. Pagefind uses about 40 KB; see BENCHMARKS.md for ours. */
  pageBytes: number
  /**
   * The same for pages of word pairs. A phrase reads one page per pair, and pairs take two to three times the bytes of
   * words: larger pages keep a 100,000-story archive within the Free plan's 20,000 files (BENCHMARKS.md).
   */
  pairPageBytes: number
  /** A text pack is cut once its stories reach this (packBytesFor: by the archive's size). */
  packBytes: number
  /** A dictionary piece is cut once its terms reach this. */
  dictionaryBytes: number
}

// Each story a page shows reads its whole text pack, and an asset read is a new buffer in the isolate: at 5,000 stories,
// packs of 512 KB had the query mix read 987 MB of text packs, 128 KB ones 385 MB, for three times the files and the
// same answers but one: a phrase check that stops at PHRASE_PACKS covers fewer stories (BENCHMARKS.md, "What a
// search reads"). Larger archives get larger packs, so that the packs stay within TEXT_PACK_FILES.
const MIN_PACK_BYTES = 128 * 1024
/**
 * The most a pack is made (a pack is cut after the story that reaches its size, so one long story can pass it): a
 * search's phrase checks read up to PHRASE_PACKS (32) of them, which must fit in an isolate's cache of 24 MiB.
 * Past about 2.8 GB of story files (some 87,000 stories) the packs pass TEXT_PACK_FILES instead.
 */
const MAX_PACK_BYTES = 768 * 1024
/** Files the text packs may take: room beside the term pages and the dictionary under the Free plan's 20,000. */
export const TEXT_PACK_FILES = 6000
/** Bytes packed per byte of story text (UTF-8, metadata, runs of three words): 1.67 on the generated archives. */
const PACKED_PER_TEXT_BYTE = 1.7

/** The text pack size for an archive of `textBytes` of story files. */
export function packBytesFor(textBytes: number): number {
  return Math.min(MAX_PACK_BYTES, Math.max(MIN_PACK_BYTES, Math.ceil((textBytes * PACKED_PER_TEXT_BYTE) / TEXT_PACK_FILES)))
}

export const DEFAULT_PIECE_SIZES: PieceSizes = { pageBytes: 48 * 1024, pairPageBytes: 256 * 1024, packBytes: MIN_PACK_BYTES, dictionaryBytes: 32 * 1024 }

/** Where pieces go: each is named by its kind and content hash, and written once. */
export interface PieceSink {
  write(name: string, bytes: Uint8Array): Promise<void>
}

/** The release fields of the directory, which the builder decides. */
export type DirectoryHead = Pick<IndexDirectory, 'builtAt' | 'contentHash' | 'workerCode'>

export interface WriteSummary {
  directory: IndexDirectory
  /** Bytes of each kind of piece, and how many of each. */
  sizes: Record<'terms' | 'words' | 'stories' | 'text', { files: number; bytes: number }>
}

/**
 * Builds the pieces of one index. Call `add` with stories in ascending short-id order (a batch at a time), then
 * `finish`. Memory holds one batch's MiniSearch index, the story table's rows and the run files' bytes at the merge.
 */
export class IndexWriter {
  private readonly rows: (TableRow | null)[] = []
  private readonly runs: string[] = []
  private readonly packs: IndexDirectory['packs'] = { first: [], pieces: [], bytes: [] }
  private readonly cutter: PackCutter
  private readonly sizes: WriteSummary['sizes'] = { terms: { files: 0, bytes: 0 }, words: { files: 0, bytes: 0 }, stories: { files: 0, bytes: 0 }, text: { files: 0, bytes: 0 } }
  private lastShortId = -1

  constructor(
    private readonly sink: PieceSink,
    private readonly runDir: string,
    private readonly pieceSizes: PieceSizes = DEFAULT_PIECE_SIZES,
  ) {
    this.cutter = new PackCutter(this.packs, pieceSizes.packBytes, (kind, bytes) => this.put(kind, bytes))
  }

  private async put(kind: keyof WriteSummary['sizes'], bytes: Uint8Array): Promise<string> {
    const name = await pieceName(kind, bytes)
    await this.sink.write(name, bytes)
    this.sizes[kind].files++
    this.sizes[kind].bytes += bytes.length
    return name
  }

  /** Indexes a batch of stories (ascending short ids, after every earlier batch's) and packs their records. */
  async add(batch: readonly { shortId: number; record: StoryRecord }[]): Promise<void> {
    if (batch.length === 0) return
    for (const { shortId } of batch) {
      if (shortId <= this.lastShortId) throw new Error(`index writer: short id ${shortId} comes after ${this.lastShortId}`)
      this.lastShortId = shortId
    }
    const { entries, fieldLengths } = termEntries(batch)
    const run = new ByteWriter()
    for (const { term, fields } of entries) {
      const body = encodeTermBody(term, fields)
      run.text(term).varint(body.length).raw(body)
    }
    const file = join(this.runDir, `run-${this.runs.length}.bin`)
    await mkdir(this.runDir, { recursive: true })
    await writeFile(file, run.finish())
    this.runs.push(file)

    for (const [i, { shortId, record }] of batch.entries()) {
      while (this.rows.length < shortId) this.rows.push(null)
      this.rows.push(toRow(record, fieldLengths[i]!))
      await this.cutter.add(packStory(shortId, record))
    }
  }

  /** Merges the runs into term pages and the dictionary, writes the story table, and returns the directory. */
  async finish(head: DirectoryHead): Promise<WriteSummary> {
    await this.cutter.flush()
    const termPages = await this.mergeRuns()
    const dictionary = await this.writeDictionary(termPages.words)
    const table = await this.put('stories', encodeStoryTable(this.rows, MINISEARCH_OPTIONS.fields.length, sortOrders(this.rows)))
    await rm(this.runDir, { recursive: true, force: true })
    const directory = makeDirectory(head, this.rows, { termPages: { first: termPages.first, pieces: termPages.pieces }, dictionary, table, packs: this.packs })
    return { directory, sizes: this.sizes }
  }

  /** A k-way merge of the sorted runs: one pass over every term, cut into pages as it goes. */
  private async mergeRuns(): Promise<{ first: string[]; pieces: string[]; words: string[] }> {
    const readers = await Promise.all(this.runs.map(async (file) => new ByteReader(await readFile(file))))
    const heads: ({ term: string; body: Uint8Array } | null)[] = readers.map((reader) => nextTerm(reader))
    const first: string[] = []
    const pieces: string[] = []
    const words: string[] = []
    let page: { term: string; body: Uint8Array }[] = []
    let pageBytes = 0
    const cut = async () => {
      if (page.length === 0) return
      first.push(page[0]!.term)
      pieces.push(await this.put('terms', assembleTermPage(page)))
      page = []
      pageBytes = 0
    }
    for (;;) {
      let term: string | null = null
      for (const head of heads) if (head && (term === null || head.term < term)) term = head.term
      if (term === null) break
      const from: number[] = []
      heads.forEach((head, i) => {
        if (head?.term === term) from.push(i)
      })
      let body: Uint8Array
      if (from.length === 1) {
        // One batch has the term: its encoded postings are already the page's.
        body = heads[from[0]!]!.body
      } else {
        const merged = new Map<number, { docs: number[]; freqs: number[] }>()
        for (const i of from) {
          for (const field of decodeTermBody(new ByteReader(heads[i]!.body))) {
            let into = merged.get(field.fieldId)
            if (!into) merged.set(field.fieldId, (into = { docs: [], freqs: [] }))
            // Runs hold ascending ranges of short ids, so appending keeps each list in order.
            for (let k = 0; k < field.docs.length; k++) {
              into.docs.push(field.docs[k]!)
              into.freqs.push(field.freqs[k]!)
            }
          }
        }
        const fields = [...merged].sort((a, b) => a[0] - b[0]).map(([fieldId, lists]) => ({ fieldId, ...lists }))
        body = encodeTermBody(term, fields)
      }
      for (const i of from) heads[i] = nextTerm(readers[i]!)
      if (isWordTerm(term)) words.push(term)
      // Pairs start pages of their own, cut at their own size.
      const pair = term.startsWith(PAIR_MARK)
      if (pair && page.length > 0 && !page[0]!.term.startsWith(PAIR_MARK)) await cut()
      page.push({ term, body })
      pageBytes += pageEntryBytes({ term, body })
      if (pageBytes >= (pair ? this.pieceSizes.pairPageBytes : this.pieceSizes.pageBytes)) await cut()
    }
    await cut()
    return { first, pieces, words }
  }

  /** Groups the words into their dictionary buckets, and packs the buckets into pieces. */
  private async writeDictionary(words: string[]): Promise<IndexDirectory['dictionary']> {
    const buckets: BucketDirectory = {}
    const pieces: string[] = []
    for (const group of packBuckets(bucketWords(words), this.pieceSizes.dictionaryBytes)) {
      const index = pieces.length
      pieces.push(await this.put('words', encodeDictionaryPiece(group)))
      for (const bucket of group) ((buckets[String(bucket.skip)] ??= {})[bucket.first] ??= []).push(bucket.length, index)
    }
    return { pieces, buckets }
  }
}

/** Packs buckets (in order) into groups of about `pieceBytes` of words: one dictionary piece each. */
export function packBuckets(buckets: readonly DictionaryBucket[], pieceBytes: number): DictionaryBucket[][] {
  return groupBySize(buckets, (bucket) => bucketBytes([bucket]), pieceBytes)
}

/** About how many bytes of words `buckets` hold, as packBuckets counts them. */
export function bucketBytes(buckets: readonly DictionaryBucket[]): number {
  let sum = 0
  for (const bucket of buckets) for (const term of bucket.terms) sum += term.length + 2
  return sum
}

function nextTerm(reader: ByteReader): { term: string; body: Uint8Array } | null {
  if (reader.done) return null
  const term = reader.text()
  return { term, body: reader.raw(reader.varint()) }
}

/** A story as a text pack holds it: its metadata, and its text in chunks. */
export function packStory(shortId: number, record: StoryRecord): PackedStory {
  const { body, ...meta } = record
  const encoder = new TextEncoder()
  return { shortId, meta: encoder.encode(JSON.stringify(meta)), chunks: splitText(body).map((chunk) => encoder.encode(chunk)), triples: encodeStoryTriples(record) }
}

/**
 * One MiniSearch index over stories, in order, each story's words stemmed in its own language (`keepWord` drops
 * words, and `options` override the contract's: the benchmarks' experiments). Pairs of words are not in it (pairPostings).
 */
export function indexStories(records: readonly StoryRecord[], options: Partial<Options<IndexDocument>> = {}, keepWord: (word: string) => boolean = () => true): MiniSearch<IndexDocument> {
  // MiniSearch's processTerm sees a word, not its story: the story being added is set here, one add at a time.
  let language: string | null = null
  const index = new MiniSearch<IndexDocument>({ ...MINISEARCH_OPTIONS, processTerm: (term) => (keepWord(term) ? indexTerms(term, language) : null), ...options })
  for (const record of records) {
    language = record.language
    index.add(toIndexDocument(record))
  }
  return index
}

/**
 * Each pair of adjacent words in the stories' fields (wordPairs: what a phrase is looked up by), with its postings,
 * ascending by term; short ids must ascend. Counted here rather than by MiniSearch, whose term tree took 2.5 times the
 * memory and three times the time for them (5,000 generated stories).
 */
export function pairPostings(stories: readonly { shortId: number; record: StoryRecord }[]): { term: string; fields: FieldPostings[] }[] {
  // Per pair, flat triples (field id, short id, frequency), appended story by story.
  const postings = new Map<string, number[]>()
  const counts = new Map<string, number>()
  for (const { shortId, record } of stories) {
    const document = toIndexDocument(record)
    MINISEARCH_OPTIONS.fields.forEach((field, fieldId) => {
      counts.clear()
      // Each item of a list on its own: a phrase never spans two characters or two tags ("potter ron").
      const value = document[field as keyof IndexDocument]
      for (const part of Array.isArray(value) ? value : [value]) {
        for (const pair of wordPairs(queryWords(part))) counts.set(pair, (counts.get(pair) ?? 0) + 1)
      }
      for (const [pair, frequency] of counts) {
        const list = postings.get(pair)
        if (list) list.push(fieldId, shortId, frequency)
        else postings.set(pair, [fieldId, shortId, frequency])
      }
    })
  }
  // The default sort compares UTF-16 code units, as term pages order terms, and is several times faster than a comparator.
  return [...postings.keys()].sort().map((term) => {
    const list = postings.get(term)!
    const byField = new Map<number, { fieldId: number; docs: number[]; freqs: number[] }>()
    for (let i = 0; i < list.length; i += 3) {
      let field = byField.get(list[i]!)
      if (!field) byField.set(list[i]!, (field = { fieldId: list[i]!, docs: [], freqs: [] }))
      field.docs.push(list[i + 1]!)
      field.freqs.push(list[i + 2]!)
    }
    return { term, fields: [...byField.values()].sort((a, b) => a.fieldId - b.fieldId) }
  })
}

/** Orders terms as term pages do: by UTF-16 code units. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Every term of a batch of stories (short ids ascending) with its postings by short id, ascending by term: the words
 * and stems MiniSearch indexed, and the pairs of adjacent words. With each story's field lengths, in batch order.
 */
export function termEntries(batch: readonly { shortId: number; record: StoryRecord }[]): { entries: { term: string; fields: FieldPostings[] }[]; fieldLengths: number[][] } {
  const serialized = indexStories(batch.map(({ record }) => record)).toJSON()
  // MiniSearch numbered this batch's stories 0, 1, 2… in the order added: the archive's short ids, in the same order.
  const global = batch.map(({ shortId }) => shortId)
  const words = serialized.index.sort((a, b) => byCodeUnits(a[0], b[0])).map(([term, byField]) => ({
    term,
    fields: Object.entries(byField).map(([fieldId, freqs]) => {
      const local = Object.keys(freqs)
      return { fieldId: Number(fieldId), docs: local.map((doc) => global[Number(doc)]!), freqs: local.map((doc) => freqs[doc]!) }
    }),
  }))
  const pairs = pairPostings(batch)
  // Two sorted lists into one; no pair is a word (PAIR_MARK).
  const entries: { term: string; fields: FieldPostings[] }[] = []
  let w = 0
  let p = 0
  while (w < words.length || p < pairs.length) entries.push(p >= pairs.length || (w < words.length && words[w]!.term < pairs[p]!.term) ? words[w++]! : pairs[p++]!)
  return { entries, fieldLengths: batch.map((_, i) => serialized.fieldLength[String(i)] ?? []) }
}

export function toRow(record: StoryRecord, fieldLengths: number[]): TableRow {
  return {
    id: record.id,
    title: record.title,
    authors: record.authors,
    fandoms: record.fandoms,
    relationships: record.relationships,
    characters: record.characters,
    tags: record.tags,
    warnings: record.warnings,
    languages: record.language ? [record.language] : [],
    rating: record.rating,
    words: record.words,
    date: record.date,
    updated: record.updated,
    // The chapters found in the text, or as many as the file says are posted when its headings were not found.
    chapters: Math.max(1, record.chapters.length, postedChapters(record.raw.chapters ?? null) ?? 0),
    plain: !phraseTexts(record).some(mayFoldBeyondAscii),
    complete: record.complete,
    series: record.series,
    fieldLengths,
  }
}

/**
 * Mean field lengths exactly as MiniSearch keeps them when it indexes the stories one by one in short-id order:
 * the same running average, so scores equal those of one MiniSearch index over the whole archive to the last bit.
 */
export function averageFieldLengths(rows: readonly TableRow[], fieldCount: number): number[] {
  const averages = new Array<number>(fieldCount).fill(0)
  rows.forEach((row, count) => {
    for (let f = 0; f < fieldCount; f++) averages[f] = (averages[f]! * count + (row.fieldLengths[f] ?? 0)) / (count + 1)
  })
  return averages
}

/** Sort orders the table stores as ranks: by title and by first author, folded and by locale, ties by id. */
export function sortOrders(rows: readonly (TableRow | null)[]): TableOrders {
  const live = rows.flatMap((row, i) => (row ? [{ i, id: row.id, title: foldForMatching(row.title), author: foldForMatching(row.authors[0] ?? '\uffff') }] : []))
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return {
    byTitle: [...live].sort((a, b) => a.title.localeCompare(b.title) || byId(a, b)).map(({ i }) => i),
    byAuthor: [...live].sort((a, b) => a.author.localeCompare(b.author) || byId(a, b)).map(({ i }) => i),
  }
}
