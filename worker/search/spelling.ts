// One typo policy: which typed words the archive lacks or barely uses, the words they may have meant (a swap of two
// letters counting as one edit), and the correction offered as "did you mean".
import { SEARCH_FIELDS } from '../../core/index-contract'
import { typoDistance } from '../../core/term-dictionary'
import { queryWords } from '../../core/text'
import { formatQuery, wordsOf, type ParsedQuery, type QueryNode } from '../query/query-parser'
import { stemTerms, stemsOf, type WordPolicy } from './minisearch-query'
import type { Match, SearchIndex } from './search'
import { TUNING } from './tuning'

/** A word in fewer stories than this may be a misspelling the archive happens to have: a correction is tried. */
const RARE_BELOW = 3
/** A rare word is corrected to another only when that one is in this many times as many stories. */
const MORE_COMMON = 10
/** The fields that name a story (its title, people, fandoms, tags), as against its prose. */
const NAME_FIELDS: ReadonlySet<string> = new Set(SEARCH_FIELDS.filter((field) => !['summary', 'body'].includes(field)))

/** What the archive says of the typed words: how much it uses each, and what a word it lacks may have meant. */
export interface TypedWords {
  usage: Map<string, WordUsage>
  near: Map<string, Map<string, number>>
  policy: WordPolicy
}

/** Looks the typed words of `root` up: their usage, and the neighbours of those the archive has in no form. */
export async function readTypedWords(index: SearchIndex, root: QueryNode | null, languages: readonly (string | null)[], warnings: string[]): Promise<TypedWords> {
  const usage = await wordUsage(index, root ? wordsOf(root, 'term') : [], languages, warnings)
  // A word the archive uses matches itself (and its forms), not its neighbours: `whale` does not count "while".
  const absent = [...usage].filter(([word, used]) => used.forms === 0 && typoReach(word) > 0).map(([word]) => word)
  const near = new Map(await Promise.all(absent.map(async (word) => [word, await wordsWithin(index, word, typoReach(word), warnings)] as const)))
  return { usage, near, policy: { typos: (word) => near.get(word), isWord: (word) => (usage.get(word)?.exact ?? 0) > 0 } }
}

/**
 * The corrected query to offer, or null. A correction is offered when it finds more stories with every word
 * (`findsMore`: for a phrase, more candidates its runs of three words do not rule out, where they settle it), and for words the archive lacks whenever the typo matches found stories with the corrected words
 * (the reader learns the spelling). The word being typed (`lastTerm`) is not corrected while it completes to something.
 */
export async function didYouMean(
  index: SearchIndex,
  query: ParsedQuery & { root: QueryNode },
  found: readonly Match[],
  typed: TypedWords,
  lastTerm: QueryNode | null,
  languages: readonly (string | null)[],
  findsMore: (root: QueryNode) => Promise<boolean>,
  warnings: string[],
): Promise<string | null> {
  const { near } = typed
  // The caller's usage stays as it was: phrase words are added to a copy.
  const usage = new Map(typed.usage)
  if (found.length > 0 && ![...usage.values()].some((word) => word.exact < RARE_BELOW)) return null
  // With nothing found, a phrase's words are corrected too.
  if (found.length === 0) {
    const phraseWords = wordsOf(query.root, 'phrase').filter((word) => !usage.has(word))
    for (const [word, used] of await wordUsage(index, phraseWords, languages, warnings)) usage.set(word, used)
  }
  const completes = (word: string) => found.some((match) => match.terms.some((term) => term.length > word.length && term.startsWith(word)))
  // A rare word a story has as a name (its title, a fandom's short name like `sga`, a character) was typed on purpose.
  const named = (word: string) => found.some((match) => match.termFields[word]?.some((field) => NAME_FIELDS.has(field)))
  const fixable = (word: string, node: QueryNode) => usage.has(word) && usage.get(word)!.exact < RARE_BELOW && !(node === lastTerm && completes(word)) && !named(word)
  const corrected = await correctedRoot(index, query.root, fixable, usage, near, warnings)
  if (!corrected) return null
  // Words the archive lacks were searched as their neighbours already: the stories found say whether the
  // corrections find anything, with no second search.
  const matched = new Set(found.flatMap((match) => match.terms))
  const offered = (found.length > 0 && corrected.fixes.every((fix) => fix.absent && matched.has(fix.to))) || (await findsMore(corrected.root))
  return offered ? formatQuery({ ...query, root: corrected.root }) : null
}

/** How many edits a typo of this word may be: none for short words, one, two for long ones (tuning.ts). */
function typoReach(word: string): number {
  const { fuzzyMinLength, fuzzyShort, fuzzyLong, fuzzyLongFrom } = TUNING
  return word.length < fuzzyMinLength ? 0 : word.length >= fuzzyLongFrom ? fuzzyLong : fuzzyShort
}

/**
 * The archive's words within `reach` edits of `word`, a swap of two neighbouring letters counting as one (the
 * commonest typo: `captian`), with that distance. Looked up one edit further by Levenshtein's count, which counts a
 * swap as two.
 */
async function wordsWithin(index: SearchIndex, word: string, reach: number, warnings: string[]): Promise<Map<string, number>> {
  const { words, warnings: missing } = await index.wordsNear(word, reach + 1)
  warnings.push(...missing)
  const within = new Map<string, number>()
  for (const term of words.keys()) {
    const distance = typoDistance(word, term)
    if (distance <= reach) within.set(term, distance)
  }
  return within
}

/** How much the archive uses a word: stories with it as written, and with it or any of its forms (stems). */
interface WordUsage {
  exact: number
  forms: number
}

/** The usage of each of the words. */
async function wordUsage(index: SearchIndex, typed: readonly string[], languages: readonly (string | null)[], warnings: string[]): Promise<Map<string, WordUsage>> {
  const words = [...new Set(typed)]
  if (words.length === 0) return new Map()
  const forms = new Map(words.map((word) => [word, stemsOf(word, languages).flatMap(stemTerms)]))
  const { counts, warnings: missing } = await index.storiesWith([...new Set(words.flatMap((word) => [word, ...forms.get(word)!]))])
  warnings.push(...missing)
  return new Map(words.map((word) => {
    const exact = counts.get(word) ?? 0
    return [word, { exact, forms: Math.max(exact, ...forms.get(word)!.map((form) => counts.get(form) ?? 0)) }]
  }))
}

/**
 * The query with each fixable word (absent or rare) replaced by the closest word the archive uses more: fewest edits,
 * a swap of two letters counting as one (`wahle` is "whale" before "while"), then the most stories; with each fix.
 * Null when no word changed.
 */
async function correctedRoot(
  index: SearchIndex,
  root: QueryNode,
  fixable: (word: string, node: QueryNode) => boolean,
  usage: Map<string, WordUsage>,
  near: ReadonlyMap<string, ReadonlyMap<string, number>>,
  warnings: string[],
): Promise<{ root: QueryNode; fixes: { from: string; to: string; absent: boolean }[] } | null> {
  const fixes: { from: string; to: string; absent: boolean }[] = []
  const fixWord = async (word: string): Promise<string> => {
    // The neighbours typo tolerance looked up; a word too short for it is still corrected by one edit.
    const neighbours = near.get(word) ?? (await wordsWithin(index, word, Math.max(1, typoReach(word)), warnings))
    const candidates = [...neighbours].filter(([term]) => term !== word)
    const { counts, warnings: missing } = await index.storiesWith(candidates.map(([term]) => term))
    warnings.push(...missing)
    // A word the archive has is replaced only by one it has far more often: "loft" in one story is not "lot".
    const own = usage.get(word)?.exact ?? 0
    const ranked = candidates
      .map(([term, distance]) => ({ term, distance, count: counts.get(term) ?? 0 }))
      .filter(({ count }) => count > 0 && count >= own * MORE_COMMON)
    const best = ranked.sort((a, b) => a.distance - b.distance || b.count - a.count || (a.term < b.term ? -1 : 1))[0]
    if (!best) return word
    fixes.push({ from: word, to: best.term, absent: own === 0 })
    return best.term
  }
  const fix = async (node: QueryNode): Promise<QueryNode> => {
    if (node.type === 'and' || node.type === 'or') return { ...node, children: await Promise.all(node.children.map(fix)) }
    const typed = queryWords(node.text)
    const words = await Promise.all(typed.map((word) => (fixable(word, node) ? fixWord(word) : word)))
    if (words.every((word, i) => word === typed[i])) return node
    // Words of a plain term stay separate words; a phrase or a field's value stays one.
    if (node.type === 'term' && node.field === null && words.length > 1) return { type: 'and', children: words.map((text) => ({ ...node, text })) }
    return { ...node, text: words.join(' ') }
  }
  const fixed = await fix(root)
  return fixes.length > 0 ? { root: fixed, fixes } : null
}
