// A phrase found in a story's UTF-8 bytes as they lie in its text pack, without decoding them: phrase checks read the
// whole text of dozens of long candidates, and decoding it (then collecting the strings) cost more than the search.
// It answers exactly as the phrase's ASCII pattern (phrases.ts) answers on the decoded text, so it serves the same
// stories: those folding leaves as they are.

// U+2010–U+203F are E2 80 xx in UTF-8: the first two bytes of the joiners past ASCII.
const PUNCTUATION_LEAD = 0xe2
const PUNCTUATION_SECOND = 0x80
// Joiners as one number: the kind (what a phrase word's `'`, `-` or `/` matches) times 4, plus the length in bytes.
const APOSTROPHE = 1
const HYPHEN = 2
const SLASH = 3
const kindOf = (joiner: number) => joiner >> 2
const lengthOf = (joiner: number) => joiner & 3

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
}

/**
 * The joiner starting at `at` (as foldForMatching reads one inside a word: ' ` ‘ ’ ‛ ′, - ‐ ‑, /), or 0: the same
 * joiners as the patterns of phrases.ts (JOINERS). Numbers, not objects: this runs at every candidate start of every
 * text read.
 */
function joinerAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at]
  if (b === 0x27 || b === 0x60) return (APOSTROPHE << 2) | 1
  if (b === 0x2d) return (HYPHEN << 2) | 1
  if (b === 0x2f) return (SLASH << 2) | 1
  if (b === PUNCTUATION_LEAD && bytes[at + 1] === PUNCTUATION_SECOND) {
    const third = bytes[at + 2]
    // U+2018 ‘, U+2019 ’, U+201B ‛, U+2032 ′; U+2010 ‐, U+2011 ‑.
    if (third === 0x98 || third === 0x99 || third === 0x9b || third === 0xb2) return (APOSTROPHE << 2) | 3
    if (third === 0x90 || third === 0x91) return (HYPHEN << 2) | 3
  }
  return 0
}

/** Bytes of the joiner ending just before `at`, or 0. */
function joinerBefore(bytes: Uint8Array, at: number): number {
  if (at >= 1 && lengthOf(joinerAt(bytes, at - 1)) === 1) return 1
  if (at >= 3 && lengthOf(joinerAt(bytes, at - 3)) === 3) return 3
  return 0
}

/** What each character of a phrase word matches: a byte (either case for a letter) or a kind of joiner. */
type WordPart = { lower: number; upper: number } | number

function wordParts(word: string): WordPart[] {
  return [...word].map((ch): WordPart => {
    if (ch === "'") return APOSTROPHE
    if (ch === '-') return HYPHEN
    if (ch === '/') return SLASH
    const lower = ch.charCodeAt(0)
    return { lower, upper: lower >= 0x61 && lower <= 0x7a ? lower - 0x20 : lower }
  })
}

/** Where the word ends when it stands at `at`, or -1. */
function wordEnd(bytes: Uint8Array, at: number, parts: readonly WordPart[]): number {
  let p = at
  for (const part of parts) {
    if (typeof part === 'number') {
      const joiner = joinerAt(bytes, p)
      if (kindOf(joiner) !== part) return -1
      p += lengthOf(joiner)
    } else {
      const b = bytes[p]
      if (b !== part.lower && b !== part.upper) return -1
      p++
    }
  }
  return p
}

export interface BytePhrase {
  words: WordPart[][]
  /** Per word: whether a possessive `'s` may follow it (not for a word whose `'s` is a contraction). */
  possessive: boolean[]
}

/** The phrase's words (lowercase ASCII letters and digits, joined by `'`, `-` or `/`), ready to look for. */
export function bytePhrase(words: readonly string[], possessive: readonly boolean[]): BytePhrase {
  return { words: words.map(wordParts), possessive: [...possessive] }
}

/**
 * Whether `bytes` (UTF-8) has the phrase: each word whole (no letter or digit, and no joiner after one, just before
 * it; none after it), possibly with a possessive `'s`, the words separated by characters that are not ASCII letters
 * or digits, two or more of them or one that is not a joiner.
 */
export function hasBytePhrase(bytes: Uint8Array, phrase: BytePhrase): boolean {
  // Every phrase word starts with a letter or a digit (phrasePattern's words): never a joiner.
  const { lower, upper } = phrase.words[0]![0]! as { lower: number; upper: number }
  const n = bytes.length
  for (let at = 0; at < n; at++) {
    const b = bytes[at]!
    if (b !== lower && b !== upper) continue
    if (at > 0 && isAlnum(bytes[at - 1]!)) continue
    if (!matchesFrom(bytes, at, 0, phrase)) continue
    // Not the end of a joined word (`x’to`): checked last, as few starts get this far.
    const joiner = joinerBefore(bytes, at)
    if (joiner === 0 || at - joiner - 1 < 0 || !isAlnum(bytes[at - joiner - 1]!)) return true
  }
  return false
}

/** Whether word k stands at `at`, with the words after it. */
function matchesFrom(bytes: Uint8Array, at: number, k: number, phrase: BytePhrase): boolean {
  const end = wordEnd(bytes, at, phrase.words[k]!)
  if (end === -1) return false
  if (phrase.possessive[k]) {
    const joiner = joinerAt(bytes, end)
    if (kindOf(joiner) === APOSTROPHE) {
      const s = bytes[end + lengthOf(joiner)]
      if ((s === 0x73 || s === 0x53) && followsWord(bytes, end + lengthOf(joiner) + 1, k, phrase)) return true
    }
  }
  return followsWord(bytes, end, k, phrase)
}

/** Whether what follows word k, ending at `end`, ends the phrase (k is its last word) or leads to word k + 1. */
function followsWord(bytes: Uint8Array, end: number, k: number, phrase: BytePhrase): boolean {
  const n = bytes.length
  if (k === phrase.words.length - 1) {
    if (end === n) return true
    if (isAlnum(bytes[end]!)) return false
    const joiner = lengthOf(joinerAt(bytes, end))
    return joiner === 0 || end + joiner >= n || !isAlnum(bytes[end + joiner]!)
  }
  let next = end
  while (next < n && !isAlnum(bytes[next]!)) next++
  if (next === end || next === n) return false
  // One character between the words must not be a joiner: `to-do` is a word, not "to do".
  const joiner = lengthOf(joinerAt(bytes, end))
  if (joiner > 0 && end + joiner === next) return false
  return matchesFrom(bytes, next, k + 1, phrase)
}
