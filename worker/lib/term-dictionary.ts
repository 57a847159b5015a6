// The term dictionary for typo tolerance: every word of the index (stems aside), in buckets packed into small pieces,
// so a typo lookup reads only the buckets a match can be in, never the whole vocabulary. A bucket holds the words whose
// rest after their first `skip` characters (0 to 4) starts with one character and has one length.
//
// A word t within d edits of w (d ≤ 2, as MiniSearch allows here) is in one of these buckets:
// - no edit touches w's first character: t starts with it (skip 0, w[0], length ±d);
// - one edit touches it, the other (if any) is further on: a character added in front (skip 1, w[0]), the first
//   replaced (skip 1, w[1]) or dropped (skip 0, w[1]), each at w's length (±1 for the other edit);
// - both edits touch w's first two characters: the rest w[2..] is intact at t's end, after 0 to 4 characters
//   (skip 0 to 4, w[2], the rest's length).
// Every bucket is checked with the exact edit distance, so a candidate never matches that MiniSearch would not.
import { ByteReader, ByteWriter } from './binary'

const DICTIONARY_VERSION = 3
/** The most characters a word's rest starts after: two edits can leave w[2..] after up to four characters of t. */
const MAX_SKIP = 4

/** Where each bucket is: `${skip}` then first character → [length, piece index, length, piece index, ...]. */
export type BucketDirectory = Record<string, Record<string, number[]>>

export interface BucketKey {
  /** Characters (UTF-16 code units) before the rest the bucket is keyed by. */
  skip: number
  /** The rest's first character (a whole code point), or '' when the rest is empty. */
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
  // A cut inside a surrogate pair has no first character to key by; such words (rare) are not bucketed that way.
  if (skip > 0 && skip < term.length && term.charCodeAt(skip - 1) >= 0xd800 && term.charCodeAt(skip - 1) <= 0xdbff) return null
  const rest = term.slice(skip)
  return { skip, first: rest.length > 0 ? String.fromCodePoint(rest.codePointAt(0)!) : '', length: rest.length }
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

export function encodeDictionaryPiece(buckets: readonly DictionaryBucket[]): Uint8Array {
  const out = new ByteWriter().varint(DICTIONARY_VERSION).varint(buckets.length)
  for (const bucket of buckets) {
    out.varint(bucket.skip).text(bucket.first).varint(bucket.length).varint(bucket.terms.length)
    let previous = ''
    for (const term of bucket.terms) {
      let shared = 0
      const max = Math.min(previous.length, term.length)
      while (shared < max && previous.charCodeAt(shared) === term.charCodeAt(shared)) shared++
      if (shared > 0 && shared < term.length && term.charCodeAt(shared - 1) >= 0xd800 && term.charCodeAt(shared - 1) <= 0xdbff) shared--
      out.varint(shared).text(term.slice(shared))
      previous = term
    }
  }
  return out.finish()
}

export function decodeDictionaryPiece(bytes: Uint8Array): DictionaryBucket[] {
  const reader = new ByteReader(bytes)
  const version = reader.varint()
  if (version !== DICTIONARY_VERSION) throw new Error(`dictionary piece version ${version} is not ${DICTIONARY_VERSION}`)
  const buckets: DictionaryBucket[] = []
  for (let b = reader.varint(); b > 0; b--) {
    const skip = reader.varint()
    const first = reader.text()
    const length = reader.varint()
    const count = reader.varint()
    const terms: string[] = new Array(count)
    let previous = ''
    for (let i = 0; i < count; i++) {
      const shared = reader.varint()
      previous = terms[i] = previous.slice(0, shared) + reader.text()
    }
    buckets.push({ skip, first, length, terms })
  }
  if (!reader.done) throw new Error('dictionary piece: bytes left over')
  return buckets
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
  if (maxDistance >= 2 && term.length > 2) for (let skip = 0; skip <= MAX_SKIP; skip++) wanted.push(...at(skip, 0, 2))
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

// Two rows of the edit-distance table, reused by every call: a typo lookup checks thousands of candidates, and fresh
// arrays for each were most of its garbage.
let previousRow = new Int32Array(64)
let currentRow = new Int32Array(64)

/**
 * The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions of UTF-16 code units, as
 * MiniSearch counts them), or `max + 1` as soon as it is sure to exceed `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (b.length + 1 > previousRow.length) {
    previousRow = new Int32Array(2 * (b.length + 1))
    currentRow = new Int32Array(2 * (b.length + 1))
  }
  let previous = previousRow
  let current = currentRow
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let best = i
    const code = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1))
      current[j] = value
      if (value < best) best = value
    }
    if (best > max) return max + 1
    const swap = previous
    previous = current
    current = swap
  }
  return previous[b.length]!
}

/** The words of `buckets` within `maxDistance` edits of `term`, with their distance. */
export function termsWithin(buckets: readonly DictionaryBucket[], term: string, maxDistance: number): Map<string, number> {
  const wanted = candidateBuckets(term, maxDistance)
  const found = new Map<string, number>()
  const rejected = new Set<string>()
  for (const bucket of buckets) {
    if (!wanted.some((w) => inRange(bucket, w))) continue
    for (const candidate of bucket.terms) {
      if (found.has(candidate) || rejected.has(candidate)) continue
      const distance = boundedDistance(term, candidate, maxDistance)
      if (distance <= maxDistance) found.set(candidate, distance)
      else rejected.add(candidate)
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
