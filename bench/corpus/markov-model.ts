// An order-2 word-level Markov chain trained on real prose, with paragraph breaks as a token of their own.

import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { countWords } from '../../core/text'

/** What a token is, so the prose writer knows which ones it may rename, misspell or replace. */
export const TokenKind = {
  /** An ordinary word (`sea,`). */
  Word: 0,
  /** A proper noun used for a person (`Emma's`): becomes a character of the story's fandom. */
  Name: 1,
  /** A proper noun mostly seen after `in`, `at`, `to`, `from` (`Hartfield`): becomes a place of the fandom. */
  Place: 2,
  /** A capitalized `He` or `She`: sometimes becomes a character's name, as fan fiction names its leads often. */
  Subject: 3,
  /** `Mr.`, `Mrs.`, `Miss`: the next name is rendered as a surname. */
  Honorific: 4,
  /** Punctuation alone (`—`, `&`). */
  Other: 5,
  /** The paragraph break. */
  Paragraph: 6,
} as const

export interface MarkovModel {
  /** The paragraph-break token; always id 0. */
  readonly paragraph: number
  /** The state at the start of a text (after two paragraph breaks). */
  readonly start: number
  /** Per token: text as written, and its parts around the core word (`"Emma's,` → `"`, `Emma`, `'s,`). */
  readonly text: readonly string[]
  readonly prefix: readonly string[]
  readonly core: readonly string[]
  readonly suffix: readonly string[]
  readonly kind: Uint8Array
  /** 1 when the token has a letter or digit. */
  readonly isWord: Uint8Array
  /** Words in the token as the index builder counts them (`countWords`): usually 1, 0 for punctuation, 2 for `p.m.`. */
  readonly wordCount: Uint8Array
  /** 1 when the token ends a sentence (`him.`, `"No!"`), abbreviations excluded. */
  readonly endsSentence: Uint8Array
  /** 1 for lower-case words of four letters or more: safe to misspell or swap for an invented term. */
  readonly replaceable: Uint8Array
  /** Per token: the state after this token and a paragraph break, or `start` when the corpus never had one. */
  readonly breakState: Int32Array
  /** Successors of state s are entries offsets[s] .. offsets[s+1]-1, repeated as often as seen in the corpus. */
  readonly offsets: Int32Array
  readonly nextToken: Int32Array
  readonly nextState: Int32Array
  readonly stateCount: number
  readonly trainingWords: number
}

const HONORIFICS = new Set(['Mr', 'Mrs', 'Miss', 'Dr', 'Sir', 'Lady', 'Lord', 'Captain', 'Colonel', 'Admiral', 'St'])
// Capitalized words that are not characters even though they are rarely seen in lower case.
const NOT_NAMES = new Set([
  'I', 'God', 'Heaven', 'Heavens', 'Christian', 'Christians', 'English', 'Englishman', 'French', 'Dutch', 'American',
  'Indian', 'Irish', 'Italian', 'Sept', 'Rev', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February',
  'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Christmas',
  'Easter', 'Michaelmas', 'Oh', 'Ah', 'Aye', 'Ay', 'Lord', 'Lady', 'Sir', 'Madam', 'Ma', 'Am', 'Pray', 'Bless',
])
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near', 'of'])
const HEADING = /^(chapter|volume|book|epilogue|etymology|extracts)\b/i

const modelCache = new Map<string, Promise<MarkovModel>>()

/**
 * Trains (once per process and folder) a chain on every `.txt` file in `corpusDir`, read in name order.
 * The promise is cached, so concurrent callers share one training run.
 */
export function loadMarkovModel(corpusDir: string): Promise<MarkovModel> {
  corpusDir = resolve(corpusDir)
  let model = modelCache.get(corpusDir)
  if (!model) {
    model = readCorpus(corpusDir).then(trainMarkovModel)
    modelCache.set(corpusDir, model)
    model.catch(() => modelCache.delete(corpusDir))
  }
  return model
}

async function readCorpus(corpusDir: string): Promise<string[]> {
  const names = (await readdir(corpusDir)).filter((name) => name.endsWith('.txt')).sort()
  if (names.length === 0) throw new Error(`story-search corpus: no .txt files in ${corpusDir}`)
  return Promise.all(names.map((name) => readFile(join(corpusDir, name), 'utf8')))
}

/** Splits a chapter into paragraphs of tokens, dropping headings and italics underscores. */
export function tokenizeChapter(chapter: string): string[][] {
  const paragraphs: string[][] = []
  for (const block of chapter.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const flat = block.replace(/_/g, '').replace(/\s+/g, ' ').trim()
    if (flat === '') continue
    // Headings (`CHAPTER XVII`, `Epilogue "AND I ONLY..."`) and all-capitals lines are not prose.
    if ((HEADING.test(flat) && flat.split(' ').length < 15) || !/\p{Ll}/u.test(flat)) continue
    const tokens: string[] = []
    for (const chunk of flat.split(' ')) {
      // Dashes join words without spaces (`ago—never`, `e--a`); keep the dash on the word before it.
      for (const piece of chunk.split(/(?<=—|--)(?=\S)/)) {
        if (/^(—|--)+$/.test(piece) && tokens.length > 0) tokens[tokens.length - 1] += piece
        else tokens.push(piece)
      }
    }
    if (tokens.length > 0) paragraphs.push(tokens)
  }
  return paragraphs
}

/** Builds the chain from chapter texts. Deterministic: the same chapters in the same order give the same model. */
export function trainMarkovModel(chapters: readonly string[]): MarkovModel {
  const ids = new Map<string, number>([['\n\n', 0]])
  const text: string[] = ['\n\n']
  const stream: number[] = [0, 0]
  for (const chapter of chapters) {
    for (const paragraph of tokenizeChapter(chapter)) {
      for (const token of paragraph) {
        let id = ids.get(token)
        if (id === undefined) {
          id = text.length
          ids.set(token, id)
          text.push(token)
        }
        stream.push(id)
      }
      stream.push(0)
    }
    stream.push(0)
  }
  stream.push(0)

  const tokenCount = text.length
  const { prefix, core, suffix, kind, isWord, endsSentence, replaceable } = classifyTokens(text, stream)

  // States are (previous token, current token) pairs, numbered in order of first appearance.
  const stateIds = new Map<number, number>()
  const stateOfPosition = new Int32Array(stream.length)
  for (let i = 1; i < stream.length; i++) {
    const key = stream[i - 1]! * tokenCount + stream[i]!
    let s = stateIds.get(key)
    if (s === undefined) {
      s = stateIds.size
      stateIds.set(key, s)
    }
    stateOfPosition[i] = s
  }
  const stateCount = stateIds.size
  const offsets = new Int32Array(stateCount + 1)
  for (let i = 1; i < stream.length - 1; i++) offsets[stateOfPosition[i]! + 1]!++
  for (let s = 0; s < stateCount; s++) offsets[s + 1]! += offsets[s]!
  const fill = offsets.slice(0, stateCount)
  const nextToken = new Int32Array(stream.length)
  const nextState = new Int32Array(stream.length)
  for (let i = 1; i < stream.length - 1; i++) {
    const slot = fill[stateOfPosition[i]!]!++
    nextToken[slot] = stream[i + 1]!
    nextState[slot] = stateOfPosition[i + 1]!
  }

  const start = stateIds.get(0)! // the pair (paragraph, paragraph)
  const breakState = new Int32Array(tokenCount).fill(start)
  for (let t = 0; t < tokenCount; t++) {
    const s = stateIds.get(t * tokenCount)
    if (s !== undefined) breakState[t] = s
  }
  // The stream ends on two paragraph breaks, the start state, so every state has a successor; the walk relies on it.
  for (let s = 0; s < stateCount; s++) {
    if (offsets[s + 1] === offsets[s]) throw new Error('story-search corpus: a Markov state has no successor')
  }

  let trainingWords = 0
  const wordCount = new Uint8Array(tokenCount)
  for (let t = 0; t < tokenCount; t++) wordCount[t] = countWords(text[t]!)
  for (const id of stream) trainingWords += wordCount[id]!
  return {
    paragraph: 0,
    start,
    text,
    prefix,
    core,
    suffix,
    kind,
    isWord,
    wordCount,
    endsSentence,
    replaceable,
    breakState,
    offsets,
    nextToken,
    nextState,
    stateCount,
    trainingWords,
  }
}

function classifyTokens(text: readonly string[], stream: readonly number[]) {
  const n = text.length
  const prefix: string[] = new Array(n)
  const core: string[] = new Array(n)
  const suffix: string[] = new Array(n)
  const kind = new Uint8Array(n)
  const isWord = new Uint8Array(n)
  const endsSentence = new Uint8Array(n)
  const replaceable = new Uint8Array(n)

  for (let t = 0; t < n; t++) {
    const m = /^([^\p{L}\p{N}]*)(.*?)((?:['’]s)?[^\p{L}\p{N}]*)$/u.exec(text[t]!)!
    prefix[t] = m[1]!
    core[t] = m[2]!
    suffix[t] = m[3]!
    isWord[t] = core[t] === '' ? 0 : 1
    endsSentence[t] = /[.!?]["'’”)\]]*$/.test(text[t]!) && !HONORIFICS.has(core[t]!) ? 1 : 0
    replaceable[t] = /^\p{Ll}{4,}$/u.test(core[t]!) ? 1 : 0
  }
  kind[0] = TokenKind.Paragraph

  // Count, per core word, how often it is capitalized in mid-sentence, seen in lower case, and follows a preposition.
  const capitalizedMid = new Map<string, number>()
  const lowerSeen = new Map<string, number>()
  const afterPreposition = new Map<string, number>()
  for (let i = 2; i < stream.length; i++) {
    const t = stream[i]!
    const word = core[t]!
    if (word === '') continue
    const previous = stream[i - 1]!
    if (/^\p{Lu}\p{Ll}+$/u.test(word)) {
      if (previous !== 0 && !endsSentence[previous] && prefix[t] === '') {
        capitalizedMid.set(word, (capitalizedMid.get(word) ?? 0) + 1)
        if (PLACE_PREPOSITIONS.has(core[previous]!)) afterPreposition.set(word, (afterPreposition.get(word) ?? 0) + 1)
      }
    } else if (/^\p{Ll}+$/u.test(word)) {
      lowerSeen.set(word, (lowerSeen.get(word) ?? 0) + 1)
    }
  }

  for (let t = 1; t < n; t++) {
    const word = core[t]!
    if (isWord[t] === 0) kind[t] = TokenKind.Other
    else if (HONORIFICS.has(word)) kind[t] = TokenKind.Honorific
    else if (word === 'He' || word === 'She') kind[t] = TokenKind.Subject
    else if (isProperNoun(word, capitalizedMid, lowerSeen)) {
      const mid = capitalizedMid.get(word)!
      kind[t] = (afterPreposition.get(word) ?? 0) * 2 > mid ? TokenKind.Place : TokenKind.Name
    } else kind[t] = TokenKind.Word
  }
  return { prefix, core, suffix, kind, isWord, endsSentence, replaceable }
}

// A proper noun is capitalized in mid-sentence at least twice and almost never seen in lower case.
function isProperNoun(word: string, capitalizedMid: Map<string, number>, lowerSeen: Map<string, number>): boolean {
  if (NOT_NAMES.has(word) || word.length < 3) return false
  const mid = capitalizedMid.get(word) ?? 0
  if (mid < 2) return false
  return (lowerSeen.get(word.toLowerCase()) ?? 0) * 20 < mid
}
