// An incremental build: when a few stories changed, only the pieces that hold them are read, patched and written
// again: the term pages holding their words, the dictionary pieces of words that came or went, their text packs, and
// the story table. Every other piece keeps its content, so its name and its file.
import { MINISEARCH_OPTIONS, pieceName, type IndexDirectory } from '../core/index-contract'
import type { StoryRecord } from '../core/story-record'
import { StoryTable, encodeStoryTable } from '../core/story-table'
import { bucketId, bucketsOf, decodeDictionaryPiece, encodeDictionaryPiece, pieceOfBucket, type BucketDirectory, type BucketKey, type DictionaryBucket } from '../core/term-dictionary'
import { TermPage, assembleTermPage, encodeTermBody, pageFor, type FieldPostings } from '../core/term-pages'
import { TextPack, type PackedStory } from '../core/text-packs'
import { PAIR_MARK, isWordTerm } from '../core/text'
import { lastAtOrBefore } from '../core/sorted'
import { PackCutter, bucketBytes, cutIntoPages, makeDirectory, packBuckets, putPack, termEntries, packStory, packedBytes, pageEntryBytes, sortOrders, toRow, type DirectoryHead, type PieceSink, type PieceSizes, type WriteSummary } from './write-index'

/** A story the update adds, changes (both records) or removes (old record only). */
export interface StoryChange {
  shortId: number
  old: StoryRecord | null
  new: StoryRecord | null
}

type Postings = Map<string, Map<number, number>>

/** Each term of `records` → field id → short id → frequency; and field lengths by short id. */
function postingsOf(records: { shortId: number; record: StoryRecord }[]): { terms: Map<string, Postings>; lengths: Map<number, number[]> } {
  const ordered = [...records].sort((a, b) => a.shortId - b.shortId)
  const { entries, fieldLengths } = termEntries(ordered)
  const terms = new Map<string, Postings>()
  for (const { term, fields } of entries) {
    terms.set(term, new Map(fields.map((field) => [String(field.fieldId), new Map(Array.from(field.docs, (doc, i) => [doc, field.freqs[i]!]))])))
  }
  return { terms, lengths: new Map(ordered.map(({ shortId }, i) => [shortId, fieldLengths[i]!])) }
}

function samePostings(a: Postings | undefined, b: Postings | undefined): boolean {
  if (!a || !b || a.size !== b.size) return false
  for (const [field, docs] of a) {
    const other = b.get(field)
    if (!other || other.size !== docs.size) return false
    for (const [doc, frequency] of docs) if (other.get(doc) !== frequency) return false
  }
  return true
}

/**
 * Applies `changes` to the index `previous` describes, reading its pieces with `read` and writing new ones to `sink`.
 * Returns the new directory, or null when the update cannot be made (a piece is missing): then build from scratch.
 */
export async function updateIndex(
  previous: IndexDirectory,
  read: (name: string) => Promise<Uint8Array | null>,
  changes: StoryChange[],
  sink: PieceSink,
  sizes: PieceSizes,
  head: DirectoryHead,
): Promise<{ directory: IndexDirectory; written: WriteSummary['sizes'] } | null> {
  const written: WriteSummary['sizes'] = { terms: { files: 0, bytes: 0 }, words: { files: 0, bytes: 0 }, stories: { files: 0, bytes: 0 }, text: { files: 0, bytes: 0 } }
  const put = async (kind: keyof WriteSummary['sizes'], bytes: Uint8Array) => {
    const name = await pieceName(kind, bytes)
    await sink.write(name, bytes)
    written[kind].files++
    written[kind].bytes += bytes.length
    return name
  }
  const need = async (name: string) => {
    const bytes = await read(name)
    if (!bytes) throw new MissingPiece(name)
    return bytes
  }
  try {
    if (previous.termPages.first.length === 0) return null
    const tableBytes = await need(previous.table)
    const rows = StoryTable.decode(tableBytes).rows()
    const removed = postingsOf(changes.flatMap((change) => (change.old ? [{ shortId: change.shortId, record: change.old }] : [])))
    const added = postingsOf(changes.flatMap((change) => (change.new ? [{ shortId: change.shortId, record: change.new }] : [])))

    // Term pages: patch every page that holds a term whose postings the changes change. An edited story keeps most of
    // its words and pairs, with the same counts: their pages are left as they are.
    const { first, pieces } = previous.termPages
    const byPage = new Map<number, Set<string>>()
    for (const term of new Set([...removed.terms.keys(), ...added.terms.keys()])) {
      if (samePostings(removed.terms.get(term), added.terms.get(term))) continue
      const page = Math.max(0, pageFor(first, term))
      let terms = byPage.get(page)
      if (!terms) byPage.set(page, (terms = new Set()))
      terms.add(term)
    }
    const gone = new Set<string>()
    const born = new Set<string>()
    const replaced = new Map<number, { first: string; piece: string }[]>()
    for (const [page, terms] of byPage) {
      const entries = new Map(TermPage.decode(await need(pieces[page]!)).entries().map(({ term, fields }) => [term, fields]))
      for (const term of terms) {
        const before = entries.get(term)
        const fields = patchPostings(before ?? [], removed.terms.get(term), added.terms.get(term))
        if (fields.length === 0) {
          if (before) gone.add(term)
          entries.delete(term)
        } else {
          if (!before) born.add(term)
          entries.set(term, fields)
        }
      }
      const sorted = [...entries.keys()].sort().map((term) => ({ term, fields: entries.get(term)! }))
      const pageBytes = sorted[0]?.term.startsWith(PAIR_MARK) ? sizes.pairPageBytes : sizes.pageBytes
      replaced.set(page, await cutPages(sorted, pageBytes, (bytes) => put('terms', bytes)))
    }
    const termPages = { first: [] as string[], pieces: [] as string[] }
    for (let page = 0; page < first.length; page++) {
      for (const piece of replaced.get(page) ?? [{ first: first[page]!, piece: pieces[page]! }]) {
        termPages.first.push(piece.first)
        termPages.pieces.push(piece.piece)
      }
    }

    // Dictionary: words that came or went change their buckets' pieces. A bucket not seen before goes in the last piece
    // while it has room, else in new ones: a story added a build at a time must not bring a piece of its own.
    const dictionary = { pieces: [...previous.dictionary.pieces], buckets: structuredClone(previous.dictionary.buckets) }
    const words = [...gone, ...born].filter(isWordTerm)
    if (words.length > 0) {
      const piecesTouched = new Map<number, DictionaryBucket[]>()
      const bucketsIn = async (at: number) => {
        if (!piecesTouched.has(at)) piecesTouched.set(at, decodeDictionaryPiece(await need(dictionary.pieces[at]!)))
        return piecesTouched.get(at)!
      }
      let fresh: DictionaryBucket[] = []
      for (const word of words) {
        for (const key of bucketsOf(word)) {
          const pieceIndex = pieceOfBucket(dictionary.buckets, key)
          let bucket: DictionaryBucket | undefined
          if (pieceIndex === -1) {
            bucket = fresh.find((b) => bucketId(b) === bucketId(key))
            if (!bucket) fresh.push((bucket = { ...key, terms: [] }))
          } else {
            bucket = (await bucketsIn(pieceIndex)).find((b) => bucketId(b) === bucketId(key))!
          }
          bucket.terms = gone.has(word) ? bucket.terms.filter((term) => term !== word) : [...bucket.terms, word].sort()
        }
      }
      const place = (key: BucketKey, at: number) => ((dictionary.buckets[String(key.skip)] ??= {})[key.first] ??= []).push(key.length, at)
      const last = dictionary.pieces.length - 1
      if (fresh.length > 0 && last >= 0) {
        // Read to see whether there is room; rewritten only if the new buckets go in.
        const lastBuckets = piecesTouched.get(last) ?? decodeDictionaryPiece(await need(dictionary.pieces[last]!))
        if (bucketBytes(lastBuckets) < sizes.dictionaryBytes) {
          piecesTouched.set(last, [...lastBuckets, ...fresh])
          for (const bucket of fresh) place(bucket, last)
          fresh = []
        }
      }
      // A piece stays whole while under twice the piece size, as a term page does; past that it is cut again, else an
      // archive grown a build at a time would read ever larger pieces for each typo.
      const addPiece = async (buckets: DictionaryBucket[]) => {
        dictionary.pieces.push(await put('words', encodeDictionaryPiece(buckets)))
        return dictionary.pieces.length - 1
      }
      for (const [pieceIndex, buckets] of piecesTouched) {
        const [kept, ...moved] = bucketBytes(buckets) <= 2 * sizes.dictionaryBytes ? [buckets] : packBuckets(buckets, sizes.dictionaryBytes)
        dictionary.pieces[pieceIndex] = await put('words', encodeDictionaryPiece(kept!))
        for (const group of moved) {
          const at = await addPiece(group)
          for (const bucket of group) movePiece(dictionary.buckets, bucket, at)
        }
      }
      for (const group of packBuckets(fresh, sizes.dictionaryBytes)) {
        const at = await addPiece(group)
        for (const bucket of group) place(bucket, at)
      }
    }

    // Story table: the changed rows, then ranks and averages over every story.
    for (const change of changes) {
      while (rows.length <= change.shortId) rows.push(null)
      rows[change.shortId] = change.new ? toRow(change.new, added.lengths.get(change.shortId) ?? []) : null
    }
    const table = await put('stories', encodeStoryTable(rows, MINISEARCH_OPTIONS.fields.length, sortOrders(rows)))

    // Text packs: the packs of changed and removed stories are packed again; added stories go at the end.
    const packs = { first: [...previous.packs.first], pieces: [...previous.packs.pieces], bytes: [...previous.packs.bytes] }
    const packOf = (shortId: number) => lastAtOrBefore(packs.first, shortId)
    const storiesIn = async (at: number) => {
      const pack = TextPack.decode(await need(packs.pieces[at]!))
      return pack.shortIds().map((shortId): PackedStory => ({ shortId, ...pack.story(shortId)! }))
    }
    // Each pack to write again → its stories after the changes (none: the pack goes).
    const repacked = new Map<number, PackedStory[]>()
    for (const change of changes) {
      if (change.old === null) continue
      const at = packOf(change.shortId)
      const stories = repacked.get(at) ?? (await storiesIn(at))
      const others = stories.filter((story) => story.shortId !== change.shortId)
      repacked.set(at, change.new ? [...others, packStory(change.shortId, change.new)].sort((a, b) => a.shortId - b.shortId) : others)
    }
    // A new story has a new short id, after every other: it goes at the end, filling the last pack first. Stories
    // added a build at a time are packed as a build from scratch packs them, not a pack each, which would take the
    // archive past the plan's file limit one story at a time.
    const appended = changes.filter((change) => change.old === null).sort((a, b) => a.shortId - b.shortId)
    let tail: PackedStory[] = []
    const lastAt = packs.pieces.length - 1
    if (appended.length > 0 && lastAt >= 0) {
      const last = repacked.get(lastAt) ?? (await storiesIn(lastAt))
      if (last.reduce((sum, story) => sum + packedBytes(story), 0) < sizes.packBytes) {
        tail = last
        repacked.set(lastAt, [])
      }
    }
    const dropped = new Set<number>()
    for (const [at, stories] of repacked) {
      if (stories.length === 0) dropped.add(at)
      else await putPack(packs, stories, put, at)
    }
    if (dropped.size > 0) {
      packs.first = packs.first.filter((_, at) => !dropped.has(at))
      packs.pieces = packs.pieces.filter((_, at) => !dropped.has(at))
      packs.bytes = packs.bytes.filter((_, at) => !dropped.has(at))
    }
    // The last pack's stories (with room left, so none is written yet) and then the added ones, cut as the builder cuts.
    const cutter = new PackCutter(packs, sizes.packBytes, put)
    for (const story of tail) await cutter.add(story)
    for (const change of appended) await cutter.add(packStory(change.shortId, change.new!))
    await cutter.flush()

    const directory = makeDirectory(head, rows, { termPages, dictionary, table, packs })
    return { directory, written }
  } catch (error) {
    if (error instanceof MissingPiece) return null
    throw error
  }
}

class MissingPiece extends Error {}

/** Records that a bucket the directory already names is now in piece `at`. */
function movePiece(directory: BucketDirectory, key: BucketKey, at: number): void {
  const pairs = directory[String(key.skip)]![key.first]!
  for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i] === key.length) pairs[i + 1] = at
}

/** A term's postings with stories removed (their old terms) and added (their new terms), each list kept ascending. */
function patchPostings(fields: readonly FieldPostings[], out: Postings | undefined, into: Postings | undefined): FieldPostings[] {
  const byField = new Map<number, Map<number, number>>()
  for (const field of fields) {
    const map = new Map<number, number>()
    for (let i = 0; i < field.docs.length; i++) map.set(field.docs[i]!, field.freqs[i]!)
    byField.set(field.fieldId, map)
  }
  for (const [fieldId, docs] of out ?? []) for (const doc of docs.keys()) byField.get(Number(fieldId))?.delete(doc)
  for (const [fieldId, docs] of into ?? []) {
    let map = byField.get(Number(fieldId))
    if (!map) byField.set(Number(fieldId), (map = new Map()))
    for (const [doc, freq] of docs) map.set(doc, freq)
  }
  return [...byField]
    .filter(([, docs]) => docs.size > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([fieldId, docs]) => {
      const sorted = [...docs].sort((a, b) => a[0] - b[0])
      return { fieldId, docs: sorted.map(([doc]) => doc), freqs: sorted.map(([, freq]) => freq) }
    })
}

/**
 * Writes a patched page back: as one page while it stays under twice the page size (a few stories changing must not
 * move page boundaries all over the archive), else cut again into pages of about `pageBytes`. An emptied page
 * writes nothing.
 */
async function cutPages(entries: { term: string; fields: FieldPostings[] }[], pageBytes: number, write: (bytes: Uint8Array) => Promise<string>) {
  const encoded = entries.map(({ term, fields }) => ({ term, body: encodeTermBody(term, fields) }))
  const total = encoded.reduce((sum, entry) => sum + pageEntryBytes(entry), 0)
  const out: { first: string; piece: string }[] = []
  for (const page of total <= 2 * pageBytes ? [encoded] : cutIntoPages(encoded, pageBytes)) {
    if (page.length > 0) out.push({ first: page[0]!.term, piece: await write(assembleTermPage(page)) })
  }
  return out
}
