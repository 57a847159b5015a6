// Finds where a search query's words occur in story text, so the story page can mark them.
import { keepPhraseRuns, phrasesOf, type QueryPhrases } from '../query/phrases'
import { lastTermNode, wordsOf, type QueryNode } from '../query/query-parser'
import { cjkMatches, foldForMatching, hasCjk, queryWords, stemIsWord, stemOf } from '../../core/text'

/**
 * What a paragraph is matched against: the query's words, their stems, the words a typo was searched as, and the word
 * being typed as a prefix.
 */
export interface MatchTerms {
  words: Set<string>
  stems: Set<string>
  /** The query's last word, matched as a prefix as the search did (`lea` finds `leather`); null when under 3 letters. */
  prefix: string | null
  /** The story's language, whose stemmer finds other forms (English when null). */
  language: string | null
  /** The query's phrases and the words typed loose: a phrase's words are marked only where they stand as the phrase. */
  phrases: QueryPhrases
}

const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu
const MIN_PREFIX = 3

/**
 * The terms to mark for a parsed query (its root): the words it searches for (not those it excludes), with their parts; other forms and
 * the prefix being typed only for words typed loose (a phrase is matched as written, and marked where it stands whole).
 * `meant`: for a loose word the archive lacks, the words the search took it for (readTypedWords); they are marked as
 * written, as the results' snippets mark them.
 *
 * @example matchTermsOf(parseQuery('kissing -rain').root).words // Set { 'kissing' }
 * @example matchTermsOf(parseQuery('fohgorn').root, null, new Map([['fohgorn', new Map([['foghorn', 1]])]])).words // Set { 'fohgorn', 'foghorn' }
 */
export function matchTermsOf(root: QueryNode | null, language: string | null = null, meant: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map()): MatchTerms {
  const phrases = root ? phrasesOf(root) : { phrases: [], loose: new Set<string>() }
  const withParts = (typed: string[]) => typed.flatMap((word) => [word, ...word.split(/['\-/]/).filter(Boolean)])
  const typed = root ? wordsOf(root, 'term') : []
  const loose = withParts(typed)
  const typos = typed.flatMap((word) => [...(meant.get(word)?.keys() ?? [])])
  const words = new Set([...loose, ...withParts(root ? wordsOf(root, 'phrase') : []), ...typos])
  const stems = new Set(loose.flatMap((word) => stemOf(word, language) ?? (stemIsWord(word) ? [word] : [])))
  // The word being typed, as the search has it: the last one, unless a phrase closes the query.
  const lastTerm = root ? lastTermNode(root) : null
  const last = lastTerm ? (queryWords(lastTerm.text).at(-1) ?? null) : null
  const prefix = last !== null && last.length >= MIN_PREFIX && /^[\p{L}\p{N}]+$/u.test(last) ? last : null
  return { words, stems, prefix, language, phrases }
}

/**
 * `[start, end)` offsets of the words in `text` that match: same folded form, same stem, or the typed prefix.
 * Parts of joined words (`well-known`, `he’d`) match on their own.
 *
 * @example findMatches('He kissed her.', matchTermsOf(parseQuery('kissing').root)) // [[3, 9]]
 */
export function findMatches(text: string, terms: MatchTerms): [number, number][] {
  if (terms.words.size === 0) return []
  const found: [number, number][] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const start = match.index
    if (hasCjk(word)) {
      for (const [from, to] of cjkMatches(word, (term) => terms.words.has(term))) found.push([start + from, start + to])
      continue
    }
    const folded = foldForMatching(word)
    const joined = /['\-]/.test(folded)
    // A prefix marks the part it starts (`lea` in `leather-clad` marks `leather`), not the joined whole.
    if (matchesWord(folded, terms, !joined)) {
      found.push([start, start + word.length])
      continue
    }
    let offset = 0
    for (const part of word.split(/['’\-]/)) {
      if (part && matchesWord(foldForMatching(part), terms, true)) found.push([start + offset, start + offset + part.length])
      offset += part.length + 1
    }
  }
  if (terms.phrases.phrases.length === 0) return found
  const marked = found.map(([start, end]) => ({ start, end, word: foldForMatching(text.slice(start, end)) }))
  return keepPhraseRuns(text, marked, terms.phrases.phrases, terms.phrases.loose).map(({ start, end }): [number, number] => [start, end])
}

function matchesWord(folded: string, terms: MatchTerms, asPrefix: boolean): boolean {
  if (terms.words.has(folded)) return true
  // A word that is a stem itself matches as one only where search finds it (stemIsWord): `in` is not marked for `ines`.
  const stem = stemOf(folded, terms.language) ?? (stemIsWord(folded) ? folded : null)
  if (stem !== null && terms.stems.has(stem)) return true
  return asPrefix && terms.prefix !== null && folded.startsWith(terms.prefix)
}
