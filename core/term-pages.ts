// Term pages: MiniSearch's term data (term → field → story → frequency) cut into pages of contiguous term ranges,
// each an immutable binary piece. A page is read whole; each term's postings are decoded only when a query asks.
import { ByteReader, ByteWriter, sharedPrefix } from './binary'
import { firstAtOrAfter, lastAtOrBefore } from './sorted'

const PAGE_VERSION = 1

/** One field's postings: the stories (short ids, ascending) that have the term in that field, and how often. */
export interface FieldPostings {
  fieldId: number
  docs: ArrayLike<number>
  freqs: ArrayLike<number>
}

/**
 * A posting list as MiniSearch's scorer reads it (`size`, `keys()`, `get(doc)`, like the Map it builds itself),
 * over two typed arrays instead of a Map entry per story.
 */
export class PostingList {
  /** Where the last `get` found its story: the scorer reads `get(doc)` right after `keys()` yields it. */
  private cursor = 0

  constructor(
    readonly docs: Uint32Array,
    readonly freqs: Uint32Array,
  ) {}

  get size(): number {
    return this.docs.length
  }

  keys(): IterableIterator<number> {
    return this.docs.values()
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.docs.length; i++) yield [this.docs[i]!, this.freqs[i]!]
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries()
  }

  get(doc: number): number | undefined {
    const at = this.indexOf(doc)
    return at === -1 ? undefined : this.freqs[at]
  }

  private indexOf(doc: number): number {
    const docs = this.docs
    if (docs[this.cursor] === doc) return this.cursor
    if (docs[this.cursor + 1] === doc) return ++this.cursor
    const at = firstAtOrAfter(docs, doc)
    return docs[at] === doc ? (this.cursor = at) : -1
  }

  /** Bytes this list holds, for the cache's budget. */
  get bytes(): number {
    return this.docs.byteLength + this.freqs.byteLength
  }
}

/** A term's data as MiniSearch's scorer reads it: field id → posting list. */
export type TermData = Map<number, PostingList>

/** Encodes one term's postings, as pages (and the builder's sorted runs) store them. */
export function encodeTermBody(term: string, fields: readonly FieldPostings[]): Uint8Array {
  const body = new ByteWriter().varint(fields.length)
  for (const field of fields) {
    body.varint(field.fieldId).varint(field.docs.length)
    let last = 0
    for (let i = 0; i < field.docs.length; i++) {
      const doc = field.docs[i]!
      if (i > 0 && doc <= last) throw new Error(`term pages: stories of "${term}" are not in ascending order`)
      body.varint(i === 0 ? doc : doc - last)
      last = doc
    }
    for (let i = 0; i < field.freqs.length; i++) body.varint(field.freqs[i]!)
  }
  return body.finish()
}

/** Decodes what encodeTermBody wrote, from `reader`'s position. */
export function decodeTermBody(reader: ByteReader): FieldPostings[] {
  const fields: FieldPostings[] = []
  for (let f = reader.varint(); f > 0; f--) {
    const fieldId = reader.varint()
    const count = reader.varint()
    const docs = new Uint32Array(count)
    const freqs = new Uint32Array(count)
    let doc = 0
    for (let k = 0; k < count; k++) docs[k] = doc += reader.varint()
    for (let k = 0; k < count; k++) freqs[k] = reader.varint()
    fields.push({ fieldId, docs, freqs })
  }
  return fields
}

/** Assembles a page from terms in ascending order and their encoded postings. */
export function assembleTermPage(entries: readonly { term: string; body: Uint8Array }[]): Uint8Array {
  const head = new ByteWriter().varint(PAGE_VERSION).varint(entries.length)
  let previous = ''
  for (const { term, body } of entries) {
    if (previous !== '' && term <= previous) throw new Error(`term pages: "${term}" is not after "${previous}"`)
    const shared = sharedPrefix(previous, term)
    head.varint(shared).text(term.slice(shared)).varint(body.length)
    previous = term
  }
  const out = new ByteWriter().raw(head.finish())
  for (const { body } of entries) out.raw(body)
  return out.finish()
}

/** Encodes a page: terms in ascending order, each with its postings per field. */
export function encodeTermPage(entries: readonly { term: string; fields: readonly FieldPostings[] }[]): Uint8Array {
  return assembleTermPage(entries.map(({ term, fields }) => ({ term, body: encodeTermBody(term, fields) })))
}

/** A decoded page: its terms (ascending) and, lazily, each term's data. */
export class TermPage {
  private readonly decoded = new Map<number, TermData>()
  /** Bytes held: the page itself, its terms, and the postings decoded so far. */
  bytes: number

  private constructor(
    readonly terms: string[],
    private readonly starts: Uint32Array,
    private readonly data: Uint8Array,
  ) {
    this.bytes = data.byteLength + starts.byteLength + terms.reduce((sum, term) => sum + 2 * term.length + 16, 0)
  }

  static decode(bytes: Uint8Array): TermPage {
    const reader = new ByteReader(bytes)
    const version = reader.varint()
    if (version !== PAGE_VERSION) throw new Error(`term page version ${version} is not ${PAGE_VERSION}`)
    const count = reader.varint()
    const terms: string[] = new Array(count)
    const lengths = new Uint32Array(count)
    let previous = ''
    for (let i = 0; i < count; i++) {
      const shared = reader.varint()
      const term = previous.slice(0, shared) + reader.text()
      terms[i] = term
      lengths[i] = reader.varint()
      previous = term
    }
    const starts = new Uint32Array(count + 1)
    starts[0] = reader.position
    for (let i = 0; i < count; i++) starts[i + 1] = starts[i]! + lengths[i]!
    if (starts[count]! !== bytes.length) throw new Error('term page: its postings do not fill the page')
    return new TermPage(terms, starts, bytes)
  }

  /** Where `term` is in this page, or -1. */
  indexOf(term: string): number {
    const at = firstAtOrAfter(this.terms, term)
    return this.terms[at] === term ? at : -1
  }

  /** The index of the first term at or after `term`. */
  lowerBound(term: string): number {
    return firstAtOrAfter(this.terms, term)
  }

  /** The data of the i-th term, decoded on first use and kept with the page. */
  dataAt(i: number): TermData {
    let data = this.decoded.get(i)
    if (data) return data
    const reader = new ByteReader(this.data, this.starts[i]!)
    data = new Map(decodeTermBody(reader).map(({ fieldId, docs, freqs }) => [fieldId, new PostingList(docs as Uint32Array, freqs as Uint32Array)]))
    if (reader.position !== this.starts[i + 1]) throw new Error(`term page: the postings of "${this.terms[i]}" are damaged`)
    for (const list of data.values()) this.bytes += list.bytes
    this.decoded.set(i, data)
    return data
  }

  /** Every term's postings, decoded (the builder's incremental update reads pages whole). */
  entries(): { term: string; fields: FieldPostings[] }[] {
    return this.terms.map((term, i) => ({
      term,
      fields: [...this.dataAt(i)].map(([fieldId, list]) => ({ fieldId, docs: list.docs, freqs: list.freqs })),
    }))
  }
}

/**
 * The page that holds `term`, if any page can: the last page whose first term is at or before it.
 * `firsts` are the pages' first terms, ascending.
 */
export function pageFor(firsts: readonly string[], term: string): number {
  return lastAtOrBefore(firsts, term)
}

/** The pages that may hold a term starting with `prefix`: from the page of `prefix` to the last page starting inside the range. */
export function pagesForPrefix(firsts: readonly string[], prefix: string): number[] {
  const start = Math.max(0, pageFor(firsts, prefix))
  const pages: number[] = []
  for (let i = start; i < firsts.length; i++) {
    if (i > start && !firsts[i]!.startsWith(prefix) && firsts[i]! > prefix) break
    pages.push(i)
  }
  return pages
}
