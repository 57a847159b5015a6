// Text folding, tokenizing and stemming shared by the index builder and the Worker, so a term means the same on both sides.
import { stemmer as german } from '@orama/stemmers/german'
import { stemmer as french } from '@orama/stemmers/french'
import { stemmer as italian } from '@orama/stemmers/italian'
import { stemmer as portuguese } from '@orama/stemmers/portuguese'
import { stemmer as russian } from '@orama/stemmers/russian'
import { stemmer as spanish } from '@orama/stemmers/spanish'
import { stemmer } from 'stemmer'

const CURLY_APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\uFF07`´]/g
const CURLY_DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g
const COMBINING_MARKS = /\p{M}+/gu
// Hyphens join words (`well-known`); dashes separate them (`Starbuck—a man` is two words, not `starbuck-a`).
const HYPHENS = /[\u2010\u2011]/g
const DASHES = /[\u2012\u2013\u2014\u2015\u2212]/g

/**
 * Folds text for matching: curly quotes to straight ones, diacritics dropped, lower case.
 * Display text keeps the original; only the search side sees the folded form.
 *
 * @example foldForMatching('Zürich, he’d') // 'zurich, he\'d'
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(CURLY_APOSTROPHES, "'")
    .replace(CURLY_DOUBLE_QUOTES, '"')
    .replace(HYPHENS, '-')
    .replace(DASHES, ' ')
    .toLowerCase()
}

// A word is letters and digits, joined inside by apostrophes, hyphens or slashes (he'd, well-known, clark/lana).
const WORD = /[\p{L}\p{N}]+(?:['\-/][\p{L}\p{N}]+)*/gu
const JOINERS = /['\-/]/

// Chinese and Japanese write words without spaces between them. A run of their characters is indexed as its
// characters and its overlapping pairs (bigrams), as Lucene's CJK analyzer does: any word is found by its pairs (a
// one-character word by itself), with no dictionary, and the same terms on every runtime (Intl.Segmenter's
// dictionaries come with the ICU version, and the builder's Node and the Worker's workerd need not share one).
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005]/u
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005]+/gu

/** True when a word has Chinese or Japanese characters in it. */
export function hasCjk(word: string): boolean {
  return CJK_CHAR.test(word)
}

/**
 * A word with Chinese or Japanese in it, as search terms: its other parts as words, and each run of CJK characters as
 * its overlapping pairs (`静かに` → `静か`, `かに`), or the one character of a run of one. With `characters`, each
 * character of a run too (what the index holds, so a one-character query finds it).
 */
export function cjkTerms(word: string, characters: boolean): string[] {
  const terms: string[] = []
  let last = 0
  for (const match of word.matchAll(CJK_RUN)) {
    if (match.index > last) terms.push(...word.slice(last, match.index).split(/['\-/]/).filter(Boolean))
    const run = Array.from(match[0])
    if (run.length === 1 || characters) terms.push(...run)
    for (let i = 0; i + 1 < run.length; i++) terms.push(run[i]! + run[i + 1]!)
    last = match.index + match[0].length
  }
  if (last < word.length) terms.push(...word.slice(last).split(/['\-/]/).filter(Boolean))
  return terms
}

/**
 * Where in a word with Chinese or Japanese the wanted (folded) terms are: each wanted pair (or character) of its CJK
 * runs, overlapping matches merged into one span, as [start, end) offsets into the word as written.
 *
 * @example cjkMatches('彼女は静かに', (term) => term === '静か' || term === 'かに') // [[3, 6]]
 */
export function cjkMatches(written: string, wanted: (term: string) => boolean): [number, number][] {
  // Folding leaves almost all CJK text as it is; half-width kana and the like change length, and are folded a pair at a time.
  const folded = foldForMatching(written)
  const word = folded.length === written.length ? folded : written
  const has = word === folded ? wanted : (term: string) => wanted(foldForMatching(term))
  const spans: [number, number][] = []
  const add = (start: number, end: number) => {
    const last = spans[spans.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else spans.push([start, end])
  }
  for (const match of word.matchAll(CJK_RUN)) {
    const run = Array.from(match[0])
    let at = match.index
    for (let i = 0; i < run.length; i++) {
      const here = run[i]!
      const next = run[i + 1]
      if (next !== undefined && has(here + next)) add(at, at + here.length + next.length)
      else if (has(here)) add(at, at + here.length)
      at += here.length
    }
  }
  return spans
}

/**
 * Splits already-folded text into search terms. A joined word yields its whole form and its parts,
 * so `well-known` is found by `well`, `known` and `well-known`, and `clark/lana` by `clark` too.
 * Possessive and contracted forms keep their whole form (`he'd`) and the stem before the apostrophe (`he`).
 * Chinese and Japanese give their characters and character pairs (cjkTerms).
 */
export function tokenizeFolded(folded: string): string[] {
  const terms: string[] = []
  for (const match of folded.matchAll(WORD)) {
    const word = match[0]
    if (hasCjk(word)) {
      terms.push(...cjkTerms(word, true))
      continue
    }
    terms.push(word)
    if (JOINERS.test(word)) {
      for (const part of word.split(/['\-/]/)) if (part.length > 0) terms.push(part)
      // Contractions typed without the apostrophe (`ive`, `dont`) still find `I've`, `don't`.
      if (word.includes("'")) terms.push(word.replace(/'/g, ''))
    }
  }
  return terms
}

/**
 * The folded main words of a piece of query text: joined words (`clark/lana`, `he'd`) stay whole; Chinese and
 * Japanese become their character pairs, all of which a story must have.
 */
export function queryWords(text: string): string[] {
  return [...foldForMatching(text).matchAll(WORD)].flatMap((match) => (hasCjk(match[0]) ? cjkTerms(match[0], false) : [match[0]]))
}

/**
 * Marks a pair of adjacent words in the index (`~~=call me`): a quoted phrase is looked up by its pairs, so the index
 * answers it instead of the story text. Sorts apart from words, and like STEM_MARK is out of a typo's reach.
 */
export const PAIR_MARK = '~~='

/**
 * A folded word as phrases and pairs compare it: without a possessive `'s`, so `Mr. Knightley's` stands for the
 * phrase `mr knightley` (and `"knightley's letter"` finds "Knightley letter" too; names are typed without it).
 *
 * @example phraseWord("knightley's") // 'knightley'
 */
export function phraseWord(word: string): string {
  return word.length > 2 && word.endsWith("'s") && !CONTRACTED_IS.has(word) ? word.slice(0, -2) : word
}

/** Words whose `'s` is "is" or "us", not a possessive: `"let's go"` is not "let go". */
export const CONTRACTED_IS: ReadonlySet<string> = new Set(
  ['let', 'it', 'he', 'she', 'that', 'there', 'here', 'what', 'who', 'where', 'how', 'when', 'why', 'this'].map((word) => `${word}'s`),
)

/** The index terms for each pair of adjacent words, in order: what a phrase of these words must have. */
export function wordPairs(words: readonly string[]): string[] {
  const pairs: string[] = []
  for (let i = 0; i + 1 < words.length; i++) pairs.push(`${PAIR_MARK}${phraseWord(words[i]!)} ${phraseWord(words[i + 1]!)}`)
  return pairs
}

/** Whether an index term is a word (or part of one) as written, not a marked stem or pair. */
export function isWordTerm(term: string): boolean {
  return !term.startsWith(STEM_MARK) && !term.startsWith(PAIR_MARK)
}

/** Folds and tokenizes raw text in one step. */
export function tokenize(text: string): string[] {
  return tokenizeFolded(foldForMatching(text))
}

/**
 * Counts words the way readers do: runs of letters or digits, with inner apostrophes and hyphens; in Chinese and
 * Japanese, which have no spaces, each character counts as AO3 counts it.
 */
export function countWords(text: string): number {
  let count = 0
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)) {
    if (!hasCjk(match[0])) {
      count++
      continue
    }
    const characters = match[0].match(CJK_RUN)!.reduce((sum, run) => sum + Array.from(run).length, 0)
    count += characters + match[0].replace(CJK_RUN, ' ').split(/\s+/).filter(Boolean).length
  }
  return count
}

/**
 * A character class of what, past ASCII, may be (part of) a letter or digit: General Punctuation (curly quotes,
 * dashes, the ellipsis) and Latin-1's signs below ª are left out; some signs inside the ranges (´ « » ×, CJK
 * punctuation) are in, so a scan using it must skip a candidate that turns out to be no letter. Text without any of
 * these folds to itself lower-cased, so plain ASCII regexes can search it. Ranges rather than Unicode property classes:
 * scans with those were about ten times slower, and this runs over every story a search reads.
 */
export const BEYOND_ASCII_CLASS = '[\\u00AA-\\u1FFF\\u2070-\\uFFFF]'
const BEYOND_ASCII = new RegExp(BEYOND_ASCII_CLASS)

/** Whether folding may change some word of `text` (it has a character of BEYOND_ASCII_CLASS); when not, ASCII regexes find what folded words would. */
export function mayFoldBeyondAscii(text: string): boolean {
  return BEYOND_ASCII.test(text)
}

/**
 * Marks a stem in the index so it never collides with a real word (`~~~run` is the stem of `running`).
 * Three characters, so no typo-tolerant match (at most two edits) can reach a stem from a real word.
 */
export const STEM_MARK = '~~~'

// Snowball stemmers (Orama's ports) for the languages fans write in most after English, by the English name a
// story's language has (index-builder/ingest/language.ts). English, and any language without one, uses Porter's.
const STEMMERS: Record<string, (word: string) => string> = {
  Spanish: spanish, French: french, German: german, Portuguese: portuguese, Italian: italian, Russian: russian,
}

/** The languages with a stemmer of their own, besides English. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(STEMMERS)

/**
 * Whether a stem is also the word it spells, for a search: not under three letters. Such a stem is another word, and
 * one of the commonest (`its` → `it`, `used` → `us`, `ines` → `in`): searched as a word, `Ines` found nearly every story,
 * and scored them all. The words that share the stem are found by it all the same (`uses` for `using`). The price:
 * `going` does not find a story that has only `go`.
 */
export function stemIsWord(stem: string): boolean {
  return stem.length >= 3
}

/**
 * The stem of a folded word in a language (English by default: Porter), or null when stemming would not change it
 * (or it is no plain word).
 *
 * @example stemOf('hugging') // 'hug'
 * @example stemOf('faros', 'Spanish') // 'far'
 */
export function stemOf(term: string, language: string | null = null): string | null {
  const snowball = language === null ? undefined : STEMMERS[language]
  if (term.length < 3 || !(snowball ? /^\p{L}+$/u : /^[a-z]+$/).test(term)) return null
  const stem = (snowball ?? stemmer)(term)
  return stem === term ? null : stem
}

/**
 * How every word with this stem begins, as far as a scan for candidate words needs: Porter (English) changes no letter
 * of a word before its stem's last, and that one only where it adds an `e` (`hope` from `hoping`), makes a `y` an `i`
 * (`happi`), or leaves the `l` of `-bility` (`probabl`); so other stems begin their words whole (`bed` for `bedded`,
 * not every word in `be`). Other languages' stemmers are taken to change at most the last letter. Checked against
 * every word of the fiction corpus (text.test.ts).
 */
export function stemStart(stem: string, language: string | null = null): string {
  const porter = language === null || !STEMMERS[language]
  return porter && !/(?:[ei]|bl)$/.test(stem) ? stem : stem.slice(0, Math.max(1, stem.length - 1))
}

/**
 * The index-side term processor: every word is indexed as written (folded), and words that stemming changes
 * are also indexed under their marked stem, in the story's language. A search can then rank an exact form above a
 * stemmed one.
 */
export function indexTerms(term: string, language: string | null = null): string | string[] {
  const stem = stemOf(term, language)
  return stem === null ? term : [term, STEM_MARK + stem]
}
