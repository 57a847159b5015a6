// The term dictionary for typo tolerance: every word of the index (stems aside), grouped in buckets by first character
// and length, and packed into small pieces. A typo lookup reads only the buckets a match could be in: words that start
// with the same character and differ in length by at most the edits allowed.
import { ByteReader, ByteWriter } from './binary'

const DICTIONARY_VERSION = 1

/** Where each bucket is: first character → [length, piece index, length, piece index, ...]. */
export type BucketDirectory = Record<string, number[]>

export interface DictionaryBucket {
  first: string
  length: number
  /** Ascending. */
  terms: string[]
}

/** The first character of a term (a whole code point) and its length in UTF-16 code units: its bucket. */
export function bucketOf(term: string): { first: string; length: number } {
  const code = term.codePointAt(0)!
  return { first: String.fromCodePoint(code), length: term.length }
}

export function encodeDictionaryPiece(buckets: readonly DictionaryBucket[]): Uint8Array {
  const out = new ByteWriter().varint(DICTIONARY_VERSION).varint(buckets.length)
  for (const bucket of buckets) {
    out.text(bucket.first).varint(bucket.length).varint(bucket.terms.length)
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
    const first = reader.text()
    const length = reader.varint()
    const count = reader.varint()
    const terms: string[] = new Array(count)
    let previous = ''
    for (let i = 0; i < count; i++) {
      const shared = reader.varint()
      previous = terms[i] = previous.slice(0, shared) + reader.text()
    }
    buckets.push({ first, length, terms })
  }
  if (!reader.done) throw new Error('dictionary piece: bytes left over')
  return buckets
}

/** The piece indexes holding the buckets a term within `maxDistance` edits of `term` (same first character) can be in. */
export function piecesForTypos(directory: BucketDirectory, term: string, maxDistance: number): number[] {
  const { first, length } = bucketOf(term)
  const pairs = Object.hasOwn(directory, first) ? directory[first]! : []
  const pieces = new Set<number>()
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    if (Math.abs(pairs[i]! - length) <= maxDistance) pieces.add(pairs[i + 1]!)
  }
  return [...pieces]
}

/**
 * The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions of UTF-16 code units, as
 * MiniSearch counts them), or `max + 1` as soon as it is sure to exceed `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous = new Array<number>(b.length + 1)
  let current = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      current[j] = value
      if (value < best) best = value
    }
    if (best > max) return max + 1
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]!
}

/** The terms of `buckets` within `maxDistance` edits of `term`, with their distance. */
export function termsWithin(buckets: readonly DictionaryBucket[], term: string, maxDistance: number): Map<string, number> {
  const { first, length } = bucketOf(term)
  const found = new Map<string, number>()
  for (const bucket of buckets) {
    if (bucket.first !== first || Math.abs(bucket.length - length) > maxDistance) continue
    for (const candidate of bucket.terms) {
      const distance = boundedDistance(term, candidate, maxDistance)
      if (distance <= maxDistance) found.set(candidate, distance)
    }
  }
  return found
}
