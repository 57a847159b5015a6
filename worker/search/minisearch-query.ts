// A parsed query as MiniSearch queries: each word as written (completed when it is being typed), its stems in the
// archive's languages, the words a typo may have meant, and a phrase by its pairs of words.
import type { Query } from 'minisearch'
import { STEM_MARK, queryWords, stemIsWord, stemOf, wordPairs } from '../../core/text'
import type { QueryNode, TextField } from '../query/query-parser'
import { TUNING } from './tuning'

/** A typo match counts this much of an exact one, less with each edit (MiniSearch's own weight for fuzzy matches). */
const TYPO_WEIGHT = 0.45

/** What a search knows of the typed words. */
export interface WordPolicy {
  /**
   * What a typed word may have been meant as: the archive's words within its reach (typoReach, a swap of two letters
   * counting as one edit), each with its distance. Only for words none of whose forms the archive has: other words
   * match only themselves.
   */
  typos: (word: string) => ReadonlyMap<string, number> | undefined
  /** Whether the archive has the word as typed. */
  isWord: (word: string) => boolean
}
/** Words as typed: no typos looked up. */
export const AS_TYPED: WordPolicy = { typos: () => undefined, isWord: () => false }

export const ONE_TOKEN = (text: string) => [text]
export const AS_IS = (term: string) => term

function fieldsOf(field: TextField | null): { fields?: string[] } {
  return field === null ? {} : { fields: [field] }
}

/**
 * One word: its exact form (prefix-matched when it is the word being typed, typo-tolerant when long), or its stems in
 * the archive's languages.
 */
function wordQuery(word: string, field: TextField | null, asYouType: boolean, policy: WordPolicy, languages: readonly (string | null)[]): Query {
  const exact: Query = { queries: [word], tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: asYouType && word.length >= 2, fuzzy: false, ...fieldsOf(field) }
  // A word typed whole (`pip`) still finds its completions, but they rank below it: "Pip" before "pipe".
  if (asYouType && policy.isWord(word)) exact.weights = { fuzzy: TYPO_WEIGHT, prefix: TUNING.completionWeight }
  const parts = word.split(/['\-/]/).filter((part) => part.length > 0)
  const alternatives: Query[] = [exact]
  // A completion of the word being typed counts as one, not as a typo too.
  const meant = [...(policy.typos(word) ?? [])].filter(([term]) => !(asYouType && term.startsWith(word)))
  if (meant.length > 0) {
    const distances = new Map(meant)
    alternatives.push({
      queries: [...distances.keys()],
      tokenize: ONE_TOKEN,
      processTerm: AS_IS,
      prefix: false,
      fuzzy: false,
      combineWith: 'OR',
      boostTerm: (term) => (TYPO_WEIGHT * term.length) / (term.length + distances.get(term)!),
      ...fieldsOf(field),
    })
  }
  for (const stem of stemsOf(word, languages)) {
    alternatives.push({
      queries: stemTerms(stem),
      tokenize: ONE_TOKEN,
      processTerm: AS_IS,
      prefix: false,
      fuzzy: false,
      combineWith: 'OR',
      boostTerm: () => TUNING.stemWeight,
      ...fieldsOf(field),
    })
  }
  // `Clark/Lana` is found as a relationship, and also where both names appear.
  if (parts.length > 1) {
    alternatives.push({ queries: parts, tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false, combineWith: 'AND', ...fieldsOf(field) })
  }
  return alternatives.length === 1 ? exact : { queries: alternatives, combineWith: 'OR' }
}

export function toMiniSearchQuery(node: QueryNode, lastTerm: QueryNode | null, languages: readonly (string | null)[], policy: WordPolicy): Query | null {
  if (node.type === 'and' || node.type === 'or') {
    const children = node.children.map((child) => toMiniSearchQuery(child, lastTerm, languages, policy)).filter((child): child is Query => child !== null)
    if (children.length === 0) return null
    return children.length === 1 ? children[0]! : { queries: children, combineWith: node.type === 'and' ? 'AND' : 'OR' }
  }
  const words = queryWords(node.text)
  if (words.length === 0) return null
  if (node.type === 'phrase') {
    // A phrase's words as written, by their adjacent pairs: the index answers a phrase of two words exactly, and
    // finds the few candidates a longer one's order is checked in.
    const terms = words.length === 1 ? words : wordPairs(words)
    return { queries: terms, tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false, combineWith: 'AND', ...fieldsOf(node.field) }
  }
  const queries = words.map((word, i) => wordQuery(word, node.field, node === lastTerm && i === words.length - 1, policy, languages))
  return queries.length === 1 ? queries[0]! : { queries, combineWith: 'AND' }
}

/** A word's stems in the archive's languages, each once. */
export function stemsOf(word: string, languages: readonly (string | null)[]): string[] {
  return [...new Set(languages.map((language) => stemOf(word, language)))].filter((stem): stem is string => stem !== null)
}

/** The index terms a stem is found under: marked, as stems are indexed, and as a word in its own right (stemIsWord). */
export function stemTerms(stem: string): string[] {
  return stemIsWord(stem) ? [STEM_MARK + stem, stem] : [STEM_MARK + stem]
}
