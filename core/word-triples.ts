// Every three words in a row of a story, hashed: what lets a phrase of three words or more be ruled out without reading
// the story's text. The index has pairs of words, and a long phrase's candidates have all its pairs; most of them do
// not have the phrase (a story with "to do" and "do you" rarely has "to do you"), and their texts were most of a phrase
// search's work. The builder stores each story's hashes beside its text (text packs); a check reads the text only of
// candidates that have every three-word run of the phrase.
import { fandomsAsIndexed } from './index-contract'
import type { StoryRecord } from './story-record'
import { firstAtOrAfterBy } from './sorted'
import { phraseWord, queryWords } from './text'

type Texts<Body> = Pick<StoryRecord, 'title' | 'authors' | 'fandoms' | 'relationships' | 'characters' | 'tags' | 'warnings' | 'summary'> & { body: Body }

// A story's fandoms with their short names, as the index has them: made once per story, not once per phrase checked.
const fandomsCache = new WeakMap<object, string[]>()

/** A story's fandoms as the index and phrase checks read them: with their short names. */
export function indexedFandoms(story: Pick<StoryRecord, 'fandoms'>): string[] {
  let fandoms = fandomsCache.get(story)
  if (!fandoms) fandomsCache.set(story, (fandoms = fandomsAsIndexed(story)))
  return fandoms
}

/**
 * Every text of a story a phrase is looked for in, each on its own, as the index pairs words: a phrase never spans two
 * fields, or two items of a list (two characters).
 */
export function phraseTexts<Body>(story: Texts<Body>): (string | Body)[] {
  return [story.title, ...story.authors, ...indexedFandoms(story), ...story.relationships, ...story.characters, ...story.tags, ...story.warnings, story.summary, story.body]
}

/** The hash of three words in a row (FNV-1a over their UTF-16 code units, a space between). */
function tripleHash(first: string, second: string, third: string): number {
  let hash = 0x811c9dc5
  const text = `${first} ${second} ${third}`
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** The hashes of every run of three words in `words`. */
export function tripleHashes(words: readonly string[]): number[] {
  const hashes: number[] = []
  for (let i = 0; i + 2 < words.length; i++) hashes.push(tripleHash(words[i]!, words[i + 1]!, words[i + 2]!))
  return hashes
}

/** A story's three-word runs, as phrase checks read its words (folded, a possessive dropped): sorted, 4 bytes each. */
export function encodeStoryTriples(story: Texts<string>): Uint8Array {
  const hashes = new Set<number>()
  for (const text of phraseTexts(story)) for (const hash of tripleHashes(queryWords(text).map(phraseWord))) hashes.add(hash)
  const sorted = Uint32Array.from(hashes).sort()
  const bytes = new Uint8Array(sorted.length * 4)
  const view = new DataView(bytes.buffer)
  sorted.forEach((hash, i) => view.setUint32(i * 4, hash))
  return bytes
}

/** A story's three-word runs, read in place from its pack. */
export class StoryTriples {
  private readonly view: DataView
  private readonly count: number

  constructor(bytes: Uint8Array) {
    if (bytes.length % 4 !== 0) throw new Error('word triples: not a whole number of hashes')
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.count = bytes.length / 4
  }

  /** Whether the story may have the run whose hash this is (a different run with the same hash answers yes too). */
  has(hash: number): boolean {
    const at = firstAtOrAfterBy(this.count, (i) => this.hashAt(i), hash)
    return at < this.count && this.hashAt(at) === hash
  }

  private hashAt(i: number): number {
    return this.view.getUint32(i * 4)
  }
}
