// Picks the passages of a story that best show why it matched, with the matched words marked by offsets.
import { firstPhraseAt, keepPhraseRuns, type QueryPhrases } from '../query/phrases'
import { BEYOND_ASCII_CLASS, STEM_MARK, cjkMatches, foldForMatching, hasCjk, stemOf, stemStart } from '../../core/text'

export interface Snippet {
  /** Plain text of the passages, joined by ` … `. */
  text: string
  /** [start, end) offsets into `text` of each matched word. */
  highlights: [number, number][]
}

export interface SnippetOptions {
  /** Characters per passage, before widening to word boundaries. */
  passageLength: number
  maxPassages: number
  /** The story's language, whose stemmer finds other forms of the words (English when null). */
  language: string | null
  /** The query's phrases and the words typed loose: a phrase's words are marked only where they stand as the phrase. */
  phrases: QueryPhrases | null
  /** False when folding changes no word of the text (mayFoldBeyondAscii): then it is scanned with ASCII patterns alone. */
  mayFold: boolean
}

const DEFAULT_SNIPPET_OPTIONS: SnippetOptions = { passageLength: 200, maxPassages: 2, language: null, phrases: null, mayFold: true }
/** Matches collected before the scan stops: plenty to find two good passages without reading a whole novel. */
const MAX_MATCHES = 120
const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu
const ASCII = /^[\x00-\x7F]*$/

interface WordSpan {
  start: number
  end: number
  folded: string
}

/**
 * Finds the words of `text` that match one of `terms` (already folded, as the index stores them) and returns
 * up to `maxPassages` windows around the densest clusters of distinct matches, and where in `text` the first passage's
 * first match is (which chapter the words are in). Returns null when nothing matches.
 *
 * @example makeSnippet('He’d gone to Zürich.', ['zurich']) // { snippet: { text: 'He’d gone to Zürich.', highlights: [[13, 19]] }, start: 13 }
 */
export function makeSnippet(text: string, terms: Iterable<string>, options: Partial<SnippetOptions> = {}): { snippet: Snippet; start: number } | null {
  const { passageLength, maxPassages, language, phrases, mayFold } = { ...DEFAULT_SNIPPET_OPTIONS, ...options }
  const wanted = new Set(terms)
  if (wanted.size === 0) return null
  // Where a phrase stands, when its pattern can say: the scan starts near it.
  const phraseAt = phrases ? firstPhraseAt(text, phrases.phrases, mayFold) : null
  // A query of phrases alone, none of which stands in this text: nothing here to show (its words apart are no snippet
  // of it), and nothing to scan.
  if (phraseAt === -1 && phrases!.phrases.length > 0 && phrases!.loose.size === 0) return null
  let from = phraseAt !== null && phraseAt > 0 ? Math.max(0, phraseAt - passageLength) : 0
  let matches: WordSpan[]
  for (;;) {
    const found = findMatchingWords(text, wanted, language, mayFold, from)
    matches = phrases ? keepPhraseRuns(text, found.map((span) => ({ ...span, word: foldForMatching(text.slice(span.start, span.end)) })), phrases.phrases, phrases.loose) : found
    // The scan stops at MAX_MATCHES words, counted before phrases keep only their runs: a phrase of common words may
    // stand past the first batch of them. Unless the pattern said where it is (or that it is not here), scan on, from
    // the last words of this batch (a phrase may straddle the two).
    if (matches.length > 0 || !phrases || found.length < MAX_MATCHES || phraseAt !== null) break
    const longest = Math.max(1, ...phrases.phrases.map((words) => words.length))
    from = found[Math.max(1, found.length - longest + 1)]!.start
  }
  if (matches.length === 0) return null

  const windows: { start: number; end: number }[] = []
  const used = new Set<number>()
  for (let pass = 0; pass < maxPassages; pass++) {
    const best = densestWindow(matches, passageLength, used)
    if (!best) break
    windows.push(widen(text, best.start, best.end, passageLength))
    for (const i of best.members) used.add(i)
  }
  windows.sort((a, b) => a.start - b.start)

  // Copy each window, folding whitespace runs to one space, and map match offsets into the copy as we go.
  let out = ''
  const highlights: [number, number][] = []
  windows.forEach((window, n) => {
    if (n > 0) out += ' … '
    else if (window.start > 0) out += '…'
    // Where each character of the window lands in the copy (one number per character: no map to grow).
    const at = new Int32Array(window.end - window.start + 1)
    let previousSpace = false
    for (let i = window.start; i < window.end; i++) {
      at[i - window.start] = out.length
      const ch = text[i]!
      const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r'
      if (space && previousSpace) continue
      out += space ? ' ' : ch
      previousSpace = space
    }
    at[window.end - window.start] = out.length
    for (const match of matches) {
      if (match.start >= window.start && match.end <= window.end) highlights.push([at[match.start - window.start]!, at[match.end - window.start]!])
    }
  })
  if (windows.at(-1)!.end < text.length) out += '…'
  const first = windows[0]!
  const at = matches.find((match) => match.start >= first.start && match.end <= first.end)?.start ?? first.start
  return { snippet: { text: out, highlights }, start: at }
}

/**
 * The words of `text` that match, in order, at most MAX_MATCHES of them. Most words of a story match nothing, and
 * folding and stemming each one was most of a search's time; so a regex first finds the words that could match (they
 * start with a wanted term, or as a wanted stem's words begin: stemStart), or have a letter outside ASCII that folding
 * may change (`Zürich` is found by `zurich`);
 * only those are checked in full.
 */
export function findMatchingWords(text: string, wanted: Set<string>, language: string | null = null, mayFold = true, from = 0): WordSpan[] {
  const starts = candidateStarts(wanted, language)
  return scanWords(text, wanted, starts === null ? [EVERY_WORD] : mayFold ? [starts, NON_ASCII_LETTER] : [starts], language, from)
}

/** Checks each word where a finder matches (the whole joined word around it, once) against the wanted terms. */
function scanWords(text: string, wanted: Set<string>, finders: RegExp[], language: string | null, from: number): WordSpan[] {
  const spans: WordSpan[] = []
  // Stems arrive marked (`~~~kiss`), as the index stores them; only then are the text's words stemmed.
  const stems = [...wanted].some((term) => term.startsWith(STEM_MARK))
  const word = new RegExp(WORD.source, 'uy')
  // From the start of the word `from` is in.
  let position = from > 0 ? wordStart(text, from) : 0
  const next = finders.map((finder) => {
    finder.lastIndex = position
    return finder.exec(text)
  })
  while (spans.length < MAX_MATCHES) {
    // The earliest candidate of any finder past the words already checked.
    let earliest = -1
    for (let i = 0; i < finders.length; i++) {
      if (next[i] !== null && next[i]!.index < position) {
        finders[i]!.lastIndex = position
        next[i] = finders[i]!.exec(text)
      }
      if (next[i] !== null && (earliest < 0 || next[i]!.index < next[earliest]!.index)) earliest = i
    }
    if (earliest < 0) break
    const at = next[earliest]!.index
    // A candidate inside a joined word (`known` in `well-known`) stands for the whole word, which is checked as a whole.
    const start = wordStart(text, at)
    word.lastIndex = start
    const whole = word.exec(text)
    // A candidate that is no letter (a full-width comma after Chinese text, a » after a word) is in no word: the word
    // before it was checked already. Skip it, or the scan finds that word again (twice marked) or it forever.
    if (whole === null || start + whole[0].length <= at) {
      position = at + 1
      continue
    }
    position = start + whole[0].length
    const written = whole[0]
    if (hasCjk(written)) {
      for (const [from, to] of cjkMatches(written, (term) => wanted.has(term))) spans.push({ start: start + from, end: start + to, folded: foldForMatching(written.slice(from, to)) })
      continue
    }
    const folded = ASCII.test(written) ? written.toLowerCase() : foldForMatching(written)
    const stem = stems ? cachedStem(folded, language) : null
    if (wanted.has(folded) || (stem !== null && wanted.has(STEM_MARK + stem))) {
      spans.push({ start, end: start + written.length, folded: stem ?? folded })
      continue
    }
    if (!JOINED.test(folded)) continue
    // Parts of joined words (`well-known`, `he’d`) are indexed too.
    let offset = 0
    for (const part of folded.split(/['\-]/)) {
      if (part && wanted.has(part)) spans.push({ start: start + offset, end: start + offset + part.length, folded: part })
      offset += part.length + 1
    }
  }
  return spans
}

const EVERY_WORD = new RegExp(WORD.source, 'gu')
/** Where folding may make a word match that does not look like it (`Zürich` for `zurich`). */
const NON_ASCII_LETTER = new RegExp(BEYOND_ASCII_CLASS, 'g')
const WORD_CHAR = /[\p{L}\p{N}\uD800-\uDFFF]/u
const JOINER = /['’\-]/
/** A folded word made of parts (folding turns `’` into `'`). */
const JOINED = /['\-]/

/** Where the joined word around `at` begins: back over letters, and over joiners that follow a letter. */
function wordStart(text: string, at: number): number {
  let start = at
  while (start > 0 && (WORD_CHAR.test(text[start - 1]!) || (start > 1 && JOINER.test(text[start - 1]!) && WORD_CHAR.test(text[start - 2]!)))) start--
  return start
}

/**
 * A regex finding where a word that could match starts: at a word start (or after the apostrophe or hyphen of a
 * joined word), the beginning of a wanted term up to its first joiner, or how a wanted stem's words begin (stemStart,
 * in the story's language). Null when a term has no such beginning (then every word is checked).
 */
function candidateStarts(wanted: Set<string>, language: string | null): RegExp | null {
  const prefixes = new Set<string>()
  for (const term of wanted) {
    const stem = term.startsWith(STEM_MARK) ? term.slice(STEM_MARK.length) : null
    const prefix = stem !== null ? stemStart(stem, language) : term.split(/['\-\/]/)[0]!
    if (prefix.length === 0 || !/^[a-z0-9]+$/.test(prefix)) return null
    prefixes.add(prefix)
  }
  if (prefixes.size === 0) return null
  // Not after an ASCII letter or digit (a word start, or past a joiner); a word starting after a letter outside
  // ASCII is found by NON_ASCII_LETTER too. ASCII classes only, for speed, as there.
  return new RegExp(`(?<![A-Za-z0-9])(?:${[...prefixes].join('|')})`, 'gi')
}

const STEMS = new Map<string, string | null>()
const STEM_CACHE_SIZE = 50_000

/** Porter stems already computed: stories repeat their words, and share most of them. Emptied when full. */
function cachedStem(folded: string, language: string | null): string | null {
  const key = language === null ? folded : `${language}:${folded}`
  let stem = STEMS.get(key)
  if (stem === undefined) {
    if (STEMS.size >= STEM_CACHE_SIZE) STEMS.clear()
    stem = stemOf(folded, language)
    STEMS.set(key, stem)
  }
  return stem
}

function densestWindow(matches: WordSpan[], length: number, used: Set<number>) {
  let best: { start: number; end: number; members: number[]; score: number } | null = null
  let j = 0
  for (let i = 0; i < matches.length; i++) {
    if (used.has(i)) continue
    const start = matches[i]!.start
    if (j < i) j = i
    while (j + 1 < matches.length && matches[j + 1]!.end - start <= length) j++
    const members: number[] = []
    const distinct = new Set<string>()
    for (let k = i; k <= j; k++) {
      if (used.has(k)) continue
      members.push(k)
      distinct.add(matches[k]!.folded)
    }
    const score = distinct.size * 100 + members.length
    if (!best || score > best.score) best = { start, end: matches[j]!.end, members, score }
  }
  return best
}

/** Centres the matched span in a window of about `length` characters, cut at word boundaries. */
function widen(text: string, start: number, end: number, length: number): { start: number; end: number } {
  const slack = Math.max(0, length - (end - start))
  let from = Math.max(0, start - Math.floor(slack / 2))
  let to = Math.min(text.length, end + Math.ceil(slack / 2))
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < start) from = space + 1
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > end) to = space
  }
  return { start: from, end: to }
}
