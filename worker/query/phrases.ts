// Phrases checked against story text: words in a row, in one field, as the reader typed them. The index holds each
// pair of adjacent words, so it answers a phrase of two words itself; a longer one has every pair in the stories the
// index finds, but only the text says whether they stand in one row.
import { wordsOf, type QueryNode, type TextField } from './query-parser'
import { indexedFandoms, phraseTexts, tripleHashes, type StoryTriples } from '../../core/word-triples'
import { CONTRACTED_IS, mayFoldBeyondAscii, phraseWord, queryWords, stemIsWord, stemOf } from '../../core/text'
import { utf8 } from '../../core/binary'
import { bytePhrase, hasBytePhrase, type BytePhrase } from './phrase-bytes'
import type { PhraseStory } from '../../core/text-packs'

/** Whether a query tree has a phrase the index cannot answer alone: one of three words or more. */
export function needsTextCheck(node: QueryNode): boolean {
  if (node.type === 'phrase') return queryWords(node.text).length > 2
  return (node.type === 'and' || node.type === 'or') && node.children.some(needsTextCheck)
}

// Folding a long story into words costs milliseconds, and whether folding may change a field's words is a scan of the
// whole text: both are kept with the story object (an unpacked record, or a plain story's kept text), per field.
const wordsCache = new WeakMap<PhraseStory, Map<TextField | 'all', string>>()
const foldsCache = new WeakMap<PhraseStory, Map<TextField | 'all', boolean>>()

/** What `compute` gives for the story's field (or all fields), worked out once per story object. */
function perField<V>(cache: WeakMap<PhraseStory, Map<TextField | 'all', V>>, story: PhraseStory, field: TextField | null, compute: () => V): V {
  let values = cache.get(story)
  if (!values) cache.set(story, (values = new Map()))
  const key = field ?? 'all'
  if (!values.has(key)) values.set(key, compute())
  return values.get(key)!
}

function mayFold(story: PhraseStory, field: TextField | null, plain: boolean): boolean {
  return !plain && perField(foldsCache, story, field, () => fieldTexts(story, field).some((part) => mayFoldBeyondAscii(asString(part))))
}

/** The searchable text of a story for one field (or all of them), folded and reduced to single-spaced words as phrases see them. */
function wordsOfField(story: PhraseStory, field: TextField | null): string {
  return perField(wordsCache, story, field, () => fieldTexts(story, field).map((part) => ` ${queryWords(asString(part)).map(phraseWord).join(' ')} `).join('\u0000'))
}

/**
 * Does the story have the phrase's words in a row, in one field (or any field)? `plain`: the story table says folding
 * changes none of its text, so it need not be scanned to know.
 */
export function containsPhrase(story: PhraseStory, phrase: string, field: TextField | null, plain = false): boolean {
  const { inWordList, ascii } = compiledPhrase(phrase)
  if (inWordList === null) return true
  // A plain story's words are ASCII: a phrase with a word that is not cannot stand in it.
  if (ascii === null && plain) return false
  if (ascii !== null && !mayFold(story, field, plain)) {
    return fieldTexts(story, field).some((part) => (typeof part === 'string' ? ascii.pattern.test(part) : hasBytePhrase(part, ascii.bytes)))
  }
  return wordsOfField(story, field).includes(inWordList)
}

interface CompiledPhrase {
  /** The phrase as it appears in a folded word list (` a b c `); null for a phrase without words. */
  inWordList: string | null
  /** The hashes of its runs of three words (none for a phrase of two words or fewer). */
  triples: number[]
  /** Its ASCII pattern, for text and for UTF-8 bytes; null when a word is not plain ASCII. */
  ascii: { pattern: RegExp; bytes: BytePhrase } | null
}

// One phrase is checked against up to MAX_PHRASE_CANDIDATES stories per search: fold it and build its regex once.
const compiledPhrases = new Map<string, CompiledPhrase>()
const COMPILED_PHRASES_KEPT = 256

function compiledPhrase(phrase: string): CompiledPhrase {
  let compiled = compiledPhrases.get(phrase)
  if (!compiled) {
    const words = queryWords(phrase).map(phraseWord)
    const pattern = words.length === 0 ? null : phrasePattern(words)
    compiled = {
      inWordList: words.length === 0 ? null : ` ${words.join(' ')} `,
      triples: tripleHashes(words),
      ascii: pattern === null ? null : { pattern, bytes: bytePhrase(words, words.map(takesPossessive)) },
    }
    if (compiledPhrases.size >= COMPILED_PHRASES_KEPT) compiledPhrases.clear()
    compiledPhrases.set(phrase, compiled)
  }
  return compiled
}

/**
 * What folds to a joiner inside a word (foldForMatching), among the characters plain text may hold: the same joiners
 * as phrase-bytes.ts's joinerAt, byte by byte (its property test holds the two to one answer).
 */
const JOINERS: Record<string, string> = { "'": "['`\\u2018\\u2019\\u201B\\u2032]", '-': '[\\-\\u2010\\u2011]', '/': '/' }
const ANY_JOINER = "['`\\u2018\\u2019\\u201B\\u2032\\-\\u2010\\u2011/]"
// A possessive `'s` after a word, which phraseWord drops.
const POSSESSIVE = `(?:${JOINERS["'"]}s)?`
// Between two words: two or more characters that are not letters or digits, or one that is not a joiner.
const BETWEEN_WORDS = `(?:[^A-Za-z0-9]{2,}|(?!${ANY_JOINER})[^A-Za-z0-9])`

/**
 * A regex finding the phrase in text without letters past ASCII, as the folded word list would: each word whole
 * (not part of a joined word, though it may have a possessive `'s`), separated as queryWords separates them. Reading a story's words one by one was
 * most of a phrase search's time. Null when a word is not plain ASCII (then the folded word list is used).
 */
function phrasePattern(words: string[]): RegExp | null {
  if (!words.every((word) => /^[a-z0-9]+(?:['\-/][a-z0-9]+)*$/.test(word))) return null
  // A word whose `'s` would be a contraction (`let's`) takes none: phraseWord keeps those whole.
  const body = words.map((word) => word.replace(/['\-/]/g, (joiner) => JOINERS[joiner]!) + (takesPossessive(word) ? POSSESSIVE : '')).join(BETWEEN_WORDS)
  return new RegExp(`(?<![A-Za-z0-9])(?<![A-Za-z0-9]${ANY_JOINER})${body}(?![A-Za-z0-9])(?!${ANY_JOINER}[A-Za-z0-9])`, 'i')
}

/** Whether a possessive `'s` may follow the word in the text: not when `'s` would make a contraction (`let's`). */
function takesPossessive(word: string): boolean {
  return !CONTRACTED_IS.has(`${word}'s`)
}

function asString(part: string | Uint8Array): string {
  return typeof part === 'string' ? part : utf8(part)
}

/** The texts of one field (or of every field: phraseTexts), each searched on its own. */
function fieldTexts(story: PhraseStory, field: TextField | null): (string | Uint8Array)[] {
  if (field === 'fandoms') return indexedFandoms(story)
  if (field !== null) return field === 'title' || field === 'summary' || field === 'body' ? [story[field]] : story[field]
  return phraseTexts(story)
}

/**
 * Whether the story may satisfy the query tree, by its runs of three words alone (core/word-triples.ts): false when a
 * phrase the tree needs has a run of three words the story lacks. Nothing else is ruled out: plain words, phrases of
 * two words (the index answered those), and a hash shared by another run all answer "may".
 */
export function mayHavePhrases(node: QueryNode, triples: StoryTriples): boolean {
  if (node.type === 'phrase') return compiledPhrase(node.text).triples.every((hash) => triples.has(hash))
  if (node.type === 'term') return true
  return node.type === 'and' ? node.children.every((child) => mayHavePhrases(child, triples)) : node.children.some((child) => mayHavePhrases(child, triples))
}

/**
 * Whether a story's runs of three words say as much as its text would of the query tree (mayHavePhrases, a hash
 * shared by two runs aside): every phrase needing a check has three words and no field (the runs cover every field
 * together), and none stands in an OR (whose plain words are looked for in the text).
 */
export function settledByRuns(node: QueryNode): boolean {
  if (node.type === 'phrase') return !needsTextCheck(node) || (node.field === null && compiledPhrase(node.text).triples.length === 1)
  if (node.type === 'term') return true
  return node.type === 'and' ? node.children.every(settledByRuns) : !needsTextCheck(node)
}

/**
 * Does the story, found by the index for this query tree, satisfy it with phrases checked in order? Plain words are
 * trusted to the index where it required them (every word of an AND it matched, as a typo or a stem too); inside an
 * OR they are looked for in the text. `plain` as for containsPhrase.
 */
export function satisfies(node: QueryNode, story: PhraseStory, plain = false): boolean {
  const check = (child: QueryNode, required: boolean): boolean => {
    if (child.type === 'phrase') return containsPhrase(story, child.text, child.field, plain)
    if (child.type === 'term') return required || termPresent(story, child)
    return child.type === 'and' ? child.children.every((next) => check(next, required)) : child.children.some((next) => check(next, false))
  }
  return check(node, true)
}

// Inside an OR with a phrase, a plain word must be checked too, or the OR would pass on the phrase's words alone.
function termPresent(story: PhraseStory, node: QueryNode & { type: 'term' }): boolean {
  const haystack = wordsOfField(story, node.field)
  return queryWords(node.text).map(phraseWord).every((word) => {
    if (haystack.includes(` ${word}`)) return true // the word itself, or a longer word it starts (as-you-type)
    const stem = stemOf(word, story.language)
    return stem !== null && stemIsWord(stem) && haystack.includes(` ${stem}`)
  })
}

/**
 * Where the first of `phrases` (their words as phraseWord gives them) stands whole in `text`, found with its ASCII
 * pattern: the position of its first character, or -1 when none does. Null when a pattern cannot tell (a phrase word
 * past ASCII, or text that folding may change).
 */
export function firstPhraseAt(text: string, phrases: readonly (readonly string[])[], mayFold: boolean): number | null {
  if (mayFold) return null
  let first = -1
  for (const words of phrases) {
    const { ascii } = compiledPhrase(words.join(' '))
    if (ascii === null) return null
    const at = ascii.pattern.exec(text)?.index ?? -1
    if (at !== -1 && (first === -1 || at < first)) first = at
  }
  return first
}

/** A marked word of a text: where it is, and the word as written, folded. */
interface MarkedWord {
  start: number
  end: number
  word: string
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/**
 * Of the marked words of a text (in order), those the reader's phrases are made of stay marked only where they stand
 * as a phrase: `"call me ishmael"` marks the line, not every "me" near it. A word also typed on its own (`loose`)
 * stays marked anywhere, as does any word no phrase has (a stem or a typo match).
 *
 * @example keepPhraseRuns('me, call me Ishmael', spans, [['call', 'me', 'ishmael']], new Set()) // the last three words
 */
export function keepPhraseRuns<T extends MarkedWord>(text: string, marked: readonly T[], phrases: readonly (readonly string[])[], loose: ReadonlySet<string>): T[] {
  const inPhrases = new Set(phrases.flat())
  if (inPhrases.size === 0) return [...marked]
  const words = marked.map((span) => phraseWord(span.word))
  const inRun = new Array<boolean>(marked.length).fill(false)
  // Next to each other in the text: nothing but spaces and punctuation between, as a phrase is checked.
  const adjacent = (i: number) => !LETTER_OR_DIGIT.test(text.slice(marked[i]!.end, marked[i + 1]!.start))
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= marked.length; i++) {
      let k = 0
      while (k < phrase.length && words[i + k] === phrase[k] && (k === phrase.length - 1 || adjacent(i + k))) k++
      if (k === phrase.length) for (let j = i; j < i + k; j++) inRun[j] = true
    }
  }
  return marked.filter((_, i) => inRun[i] || loose.has(words[i]!) || !inPhrases.has(words[i]!))
}

/** A query's phrases (their words, folded) and the words typed loose, outside any phrase. */
export interface QueryPhrases {
  phrases: readonly (readonly string[])[]
  loose: ReadonlySet<string>
}

/** The words of each phrase of a query tree (possessives dropped, as phrases compare them), and the words typed loose. */
export function phrasesOf(node: QueryNode): QueryPhrases {
  const phrases: string[][] = []
  const visit = (child: QueryNode) => {
    if (child.type === 'and' || child.type === 'or') child.children.forEach(visit)
    else if (child.type === 'phrase') phrases.push(queryWords(child.text).map(phraseWord))
  }
  visit(node)
  const loose = new Set(wordsOf(node, 'term').map(phraseWord))
  return { phrases, loose }
}
