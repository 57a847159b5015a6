// Text folding, tokenizing and stemming shared by the index builder and the Worker, so a term means the same on both sides.
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

/**
 * Splits already-folded text into search terms. A joined word yields its whole form and its parts,
 * so `well-known` is found by `well`, `known` and `well-known`, and `clark/lana` by `clark` too.
 * Possessive and contracted forms keep their whole form (`he'd`) and the stem before the apostrophe (`he`).
 */
export function tokenizeFolded(folded: string): string[] {
  const terms: string[] = []
  for (const match of folded.matchAll(WORD)) {
    const word = match[0]
    terms.push(word)
    if (JOINERS.test(word)) {
      for (const part of word.split(/['\-/]/)) if (part.length > 0) terms.push(part)
      // Contractions typed without the apostrophe (`ive`, `dont`) still find `I've`, `don't`.
      if (word.includes("'")) terms.push(word.replace(/'/g, ''))
    }
  }
  return terms
}

/** The folded main words of a piece of query text: joined words (`clark/lana`, `he'd`) stay whole. */
export function queryWords(text: string): string[] {
  return [...foldForMatching(text).matchAll(WORD)].map((match) => match[0])
}

/** Folds and tokenizes raw text in one step. */
export function tokenize(text: string): string[] {
  return tokenizeFolded(foldForMatching(text))
}

/** Counts words the way readers do: runs of letters or digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  let count = 0
  for (const _ of text.matchAll(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)) count++
  return count
}

/**
 * A character class of what, past ASCII, may be (part of) a letter or digit: General Punctuation (curly quotes,
 * dashes, the ellipsis) and Latin-1's signs are left out. Text without any of these folds to itself lower-cased, so
 * plain ASCII regexes can search it. Ranges rather than Unicode property classes: scans with those were about ten
 * times slower, and this runs over every story a search reads.
 */
export const BEYOND_ASCII_CLASS = '[\\u00AA-\\u1FFF\\u2070-\\uFFFF]'

/**
 * Marks a stem in the index so it never collides with a real word (`~~~run` is the stem of `running`).
 * Three characters, so no typo-tolerant match (at most two edits) can reach a stem from a real word.
 */
export const STEM_MARK = '~~~'

/** The Porter stem of a folded word, or null when stemming would not change it (or it is no plain word). */
export function stemOf(term: string): string | null {
  if (term.length < 3 || !/^[a-z]+$/.test(term)) return null
  const stem = stemmer(term)
  return stem === term ? null : stem
}

/**
 * The index-side term processor: every word is indexed as written (folded), and words that stemming changes
 * are also indexed under their marked stem. A search can then rank an exact form above a stemmed one.
 */
export function indexTerms(term: string): string | string[] {
  const stem = stemOf(term)
  return stem === null ? term : [term, STEM_MARK + stem]
}
