// The term dictionary for typo tolerance: every word of the index (stems aside), in buckets packed into small pieces,
// so a typo lookup reads only the buckets a match can be in, never the whole vocabulary. A bucket holds the words whose
// rest after their first `skip` characters (0 to 4) starts with one character and has one length. Characters are UTF-16
// code units, as MiniSearch counts edits.
//
// A word t within d edits of w (d ≤ 2, as MiniSearch allows here) is in one of these buckets:
// - no edit touches w's first character: t starts with it (skip 0, w[0], length ±d);
// - one edit touches it, the other (if any) is further on: a character added in front (skip 1, w[0]), the first
//   replaced (skip 1, w[1]) or dropped (skip 0, w[1]), each at w's length (±1 for the other edit);
// - both edits touch w's first two characters (or all of a shorter w): the rest w[2..], perhaps empty, is intact at
//   t's end, after 0 to 4 characters (skip 0 to 4, w[2], the rest's length).
// Every bucket is checked with the exact edit distance, so a candidate never matches that MiniSearch would not.
import { ByteReader, ByteWriter, sharedPrefix } from './binary'

const DICTIONARY_VERSION = 4
/** The most characters a word's rest starts after: two edits can leave w[2..] after up to four characters of t. */
const MAX_SKIP = 4

/** Where each bucket is: `${skip}` then first character → [length, piece index, length, piece index, ...]. */
export type BucketDirectory = Record<string, Record<string, number[]>>

export interface BucketKey {
  /** Characters (UTF-16 code units) before the rest the bucket is keyed by. */
  skip: number
  /** The rest's first UTF-16 code unit, or '' when the rest is empty. */
  first: string
  /** The rest's length in UTF-16 code units. */
  length: number
}

export interface DictionaryBucket extends BucketKey {
  /** Whole words, ascending. */
  terms: string[]
}

function keyOf(term: string, skip: number): BucketKey | null {
  if (skip > term.length) return null
  // Code units, not code points, as MiniSearch counts edits: a cut may fall inside a surrogate pair.
  return { skip, first: term.charAt(skip), length: term.length - skip }
}

/** A word's buckets, one per skip from 0 to 4 (as far as the word is long). */
export function bucketsOf(term: string): BucketKey[] {
  const keys: BucketKey[] = []
  for (let skip = 0; skip <= MAX_SKIP; skip++) {
    const key = keyOf(term, skip)
    if (key) keys.push(key)
  }
  return keys
}

// A piece: its buckets, each as its key, then per word how many code units it shares with the word before and how many
// follow, then all the words' own parts as one text (one UTF-8 decode per bucket, not one per word).
export function encodeDictionaryPiece(buckets: readonly DictionaryBucket[]): Uint8Array {
  const out = new ByteWriter().varint(DICTIONARY_VERSION).varint(buckets.length)
  for (const bucket of buckets) {
    // The first code unit as a number: half a surrogate pair is not text.
    out.varint(bucket.skip).varint(bucket.first === '' ? 0 : bucket.first.charCodeAt(0) + 1).varint(bucket.length).varint(bucket.terms.length)
    let previous = ''
    let own = ''
    for (const term of bucket.terms) {
      const shared = sharedPrefix(previous, term)
      out.varint(shared).varint(term.length - shared)
      own += term.slice(shared)
      previous = term
    }
    out.text(own)
  }
  return out.finish()
}

/** A bucket as the Worker reads it: its words front-coded over one string, spelled out only when one matches. */
export interface PackedBucket extends BucketKey {
  /** Per word: how many leading code units it shares with the word before it. */
  shared: Uint32Array
  /** Per word: where its own part ends in `own`. */
  ends: Uint32Array
  /** The words' own parts, one after another. */
  own: string
}

/** A dictionary piece as the Worker keeps it. */
export class DictionaryPiece {
  constructor(
    readonly buckets: readonly PackedBucket[],
    /** About what it holds in memory. */
    readonly bytes: number,
  ) {}

  static decode(bytes: Uint8Array): DictionaryPiece {
    const reader = new ByteReader(bytes)
    const version = reader.varint()
    if (version !== DICTIONARY_VERSION) throw new Error(`dictionary piece version ${version} is not ${DICTIONARY_VERSION}`)
    const buckets: PackedBucket[] = []
    let held = 0
    for (let b = reader.varint(); b > 0; b--) {
      const skip = reader.varint()
      const code = reader.varint()
      const first = code === 0 ? '' : String.fromCharCode(code - 1)
      const length = reader.varint()
      const count = reader.varint()
      const shared = new Uint32Array(count)
      const ends = new Uint32Array(count)
      let end = 0
      for (let i = 0; i < count; i++) {
        shared[i] = reader.varint()
        if (shared[i]! > (i === 0 ? 0 : skip + length)) throw new Error('dictionary piece: a word shares more than the word before it has')
        ends[i] = end += reader.varint()
      }
      const own = reader.text()
      if (own.length !== end) throw new Error('dictionary piece: the words do not match their text')
      buckets.push({ skip, first, length, shared, ends, own })
      held += 2 * own.length + 8 * count + 64
    }
    if (!reader.done) throw new Error('dictionary piece: bytes left over')
    return new DictionaryPiece(buckets, held)
  }
}

/** A packed bucket's words, spelled out. */
export function wordsOf(bucket: PackedBucket): string[] {
  const words: string[] = new Array(bucket.shared.length)
  let previous = ''
  for (let i = 0; i < words.length; i++) {
    previous = words[i] = previous.slice(0, bucket.shared[i]) + bucket.own.slice(i === 0 ? 0 : bucket.ends[i - 1], bucket.ends[i])
  }
  return words
}

/** A piece's buckets with their words spelled out (the builder patches them). */
export function decodeDictionaryPiece(bytes: Uint8Array): DictionaryBucket[] {
  return DictionaryPiece.decode(bytes).buckets.map(({ skip, first, length, ...packed }) => ({ skip, first, length, terms: wordsOf({ skip, first, length, ...packed }) }))
}

/** The buckets a word within `maxDistance` edits of `term` can be in (see the top of this module), as length ranges. */
function candidateBuckets(term: string, maxDistance: number): (BucketKey & { spread: number })[] {
  const at = (skip: number, spread: number, from = skip) => {
    const key = keyOf(term, from)
    return key ? [{ ...key, skip, spread }] : []
  }
  const wanted = at(0, maxDistance)
  if (maxDistance >= 1 && term.length > 0) {
    // w[0] added in front of (skip 1, keyed by w), replaced (skip 1, keyed by w[1..]) or dropped (skip 0, keyed by w[1..]).
    wanted.push(...at(1, maxDistance - 1, 0), ...at(1, maxDistance - 1, 1))
    if (term.length > 1) wanted.push(...at(0, maxDistance - 1, 1))
  }
  // A word of one or two characters: its rest past them is empty, so every word of up to four characters.
  if (maxDistance >= 2 && term.length > 0) for (let skip = 0; skip <= MAX_SKIP; skip++) wanted.push(...at(skip, 0, Math.min(2, term.length)))
  return wanted
}

function inRange(bucket: BucketKey, wanted: BucketKey & { spread: number }): boolean {
  return bucket.skip === wanted.skip && bucket.first === wanted.first && Math.abs(bucket.length - wanted.length) <= wanted.spread
}

/** The piece indexes holding the buckets a word within `maxDistance` edits of `term` can be in. */
export function piecesForTypos(directory: BucketDirectory, term: string, maxDistance: number): number[] {
  const pieces = new Set<number>()
  for (const wanted of candidateBuckets(term, maxDistance)) {
    const byFirst = directory[String(wanted.skip)]
    const pairs = byFirst && Object.hasOwn(byFirst, wanted.first) ? byFirst[wanted.first]! : []
    for (let i = 0; i + 1 < pairs.length; i += 2) if (Math.abs(pairs[i]! - wanted.length) <= wanted.spread) pieces.add(pairs[i + 1]!)
  }
  return [...pieces]
}

/**
 * Edits between two words, a swap of two neighbouring letters counting as one (optimal string alignment): the
 * commonest typo. Ranks corrections; typo lookups use Levenshtein's distance, as MiniSearch's fuzzy matching does.
 *
 * @example typoDistance('wahle', 'whale') // 1
 * @example typoDistance('wahle', 'while') // 2
 */
export function typoDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1]
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (same ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current.push(value)
    }
    before = previous
    previous = current
  }
  return previous[b.length]!
}

// The edit-distance table, one row per character of a candidate, reused by every lookup and grown as needed.
let table = new Int32Array(1024)

/**
 * The words of `buckets` within `maxDistance` edits of `term`, with their distance (Levenshtein over UTF-16 code units,
 * as MiniSearch counts). A bucket's words are sorted and front-coded, so the rows for a shared beginning are computed
 * once, and once a beginning is more than `maxDistance` from every start of `term`, the words after it that share that
 * beginning are passed over. Only matching words are spelled out.
 */
export function termsWithin(buckets: readonly PackedBucket[], term: string, maxDistance: number): Map<string, number> {
  const wanted = candidateBuckets(term, maxDistance)
  const found = new Map<string, number>()
  const width = term.length + 1
  for (const bucket of buckets) {
    if (!wanted.some((w) => inRange(bucket, w))) continue
    const wordLength = bucket.skip + bucket.length
    if (Math.abs(wordLength - term.length) > maxDistance) continue
    if ((wordLength + 1) * width > table.length) table = new Int32Array(2 * (wordLength + 1) * width)
    for (let j = 0; j < width; j++) table[j] = j
    const chars = new Uint16Array(wordLength)
    // Rows 0..valid are computed for the word in `chars`; a row past `dead` is over the limit everywhere.
    let valid = 0
    let dead = Number.POSITIVE_INFINITY
    let start = 0
    for (let w = 0; w < bucket.shared.length; w++) {
      const shared = bucket.shared[w]!
      const end = bucket.ends[w]!
      for (let k = shared; k < wordLength; k++) chars[k] = bucket.own.charCodeAt(start + k - shared)
      start = end
      if (shared >= dead) continue
      dead = Number.POSITIVE_INFINITY
      valid = Math.min(valid, shared)
      for (let k = valid + 1; k <= wordLength; k++) {
        const code = chars[k - 1]!
        const row = k * width
        const above = row - width
        table[row] = k
        let best = k
        for (let j = 1; j < width; j++) {
          const value = Math.min(table[above + j]! + 1, table[row + j - 1]! + 1, table[above + j - 1]! + (code === term.charCodeAt(j - 1) ? 0 : 1))
          table[row + j] = value
          if (value < best) best = value
        }
        valid = k
        if (best > maxDistance) {
          dead = k
          break
        }
      }
      if (dead !== Number.POSITIVE_INFINITY) continue
      const distance = table[wordLength * width + term.length]!
      if (distance <= maxDistance) found.set(String.fromCharCode(...chars), distance)
    }
  }
  return found
}

/** Groups words into their buckets, sorted by skip, first character and length. */
export function bucketWords(words: Iterable<string>): DictionaryBucket[] {
  const byKey = new Map<string, DictionaryBucket>()
  for (const word of words) {
    for (const key of bucketsOf(word)) {
      const id = bucketId(key)
      let bucket = byKey.get(id)
      if (!bucket) byKey.set(id, (bucket = { ...key, terms: [] }))
      bucket.terms.push(word)
    }
  }
  for (const bucket of byKey.values()) bucket.terms.sort()
  return [...byKey.keys()].sort().map((id) => byKey.get(id)!)
}

/** A bucket's key as one string that sorts by skip, first character and length. */
export function bucketId(key: BucketKey): string {
  return `${key.skip}\u0000${key.first}\u0000${String(key.length).padStart(6, '0')}`
}

/** The piece holding a bucket, or -1. */
export function pieceOfBucket(directory: BucketDirectory, key: BucketKey): number {
  const pairs = directory[String(key.skip)]?.[key.first] ?? []
  for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i] === key.length) return pairs[i + 1]!
  return -1
}
