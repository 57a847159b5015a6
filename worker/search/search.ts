// Runs a parsed query against the index: ranking, exclusions, exact phrases, filters, facets, sorting and paging.
import type { Query, SearchOptions } from 'minisearch'
import { COUNTED_FACETS, tallyFacets, type CountedFacet, type Facets } from './facets'
import { compileFilters, type CompiledFilters, type Filters } from './filters'
import type { RawMatch } from '../index/paged-index'
import type { StoryRecord } from '../../core/story-record'
import type { StoryText } from '../../core/text-packs'
import { needsTextCheck, satisfies } from '../query/phrases'
import { formatQuery, lastTermNode, wordsOf, type ParsedQuery, type QueryNode, type TextField } from '../query/query-parser'
import type { StoryTable } from '../../core/story-table'
import { compareMatches, effectiveOrder, type SortOrder } from './order'
import { STEMMED_LANGUAGES, STEM_MARK, foldForMatching, queryWords, stemOf, wordPairs } from '../../core/text'
import { typoDistance } from '../../core/term-dictionary'

/**
 * Phrases of three words or more are checked against story text (the index has their pairs, not their order): at most
 * this many candidates are read for one search (the pages asked for), and as many for an excluded phrase.
 */
export const MAX_PHRASE_CANDIDATES = 500
/** A stemmed match (`kissed` for `kissing`) counts this much of an exact one. */
const STEM_WEIGHT = 0.5
/** Typed words that stand together in a story, as a pair, add their pair's score times this to the story's. */
const PROXIMITY_WEIGHT = 4
/** Below this many stories with every word of a query, stories with only some of the words follow them. */
export const RELAX_BELOW = 10
/** Typo tolerance: words of this many letters or more may differ by one edit (two from eight letters on). */
const FUZZY_MIN_LENGTH = 4
/** A typo match counts this much of an exact one, less with each edit (MiniSearch's own weight for fuzzy matches). */
const TYPO_WEIGHT = 0.45
/** What a completion of the word being typed counts when the archive has the typed word itself (MiniSearch's own weight is 0.375). */
const COMPLETION_WEIGHT = 0.2
/** A word in fewer stories than this may be a misspelling the archive happens to have: a correction is tried. */
const RARE_BELOW = 3
/** A rare word is corrected to another only when that one is in this many times as many stories. */
const MORE_COMMON = 10

export interface SearchRequest {
  query: ParsedQuery
  filters: Filters
  sort: SortOrder
  page: number
  limit: number
  facetLimit: number
}

/** One matching story: its short id, its score, and the index terms it matched (for snippets). */
export interface Match {
  shortId: number
  score: number
  terms: string[]
  /** False when the story has only some of the query's words (listed after those with all of them). */
  allWords: boolean
}

export interface SearchOutcome {
  total: number
  /** The requested page of matches. */
  matches: Match[]
  facets: Facets
  /** A corrected query when nothing matched and a spelling fix would find stories. */
  didYouMean: string | null
  /** Set when not every phrase candidate was read: the page is exact, `total` an estimate, the facets count what was read. */
  truncated: boolean
  /** Parts of the index that could not be read: the answer may miss stories. */
  warnings: string[]
}

/**
 * What a search runs against: the story table, MiniSearch queries over the whole archive, and story records.
 * The served index reads pieces on demand (paged-index.ts); the benchmarks' baseline holds one MiniSearch index whole.
 */
export interface SearchIndex {
  readonly table: StoryTable
  search(query: Query, options?: SearchOptions): Promise<{ results: RawMatch[]; warnings: string[] }>
  record(shortId: number): Promise<StoryRecord | null>
  /** The metadata and the text chunk by chunk: what a result row and its snippet read. */
  storyText(shortId: number): Promise<StoryText | null>
  /** How many stories (at least) have each term exactly as written: whether the archive uses a word at all. */
  storiesWith(terms: readonly string[]): Promise<{ counts: Map<string, number>; warnings: string[] }>
  /** The archive's words within `distance` edits of `word` (Levenshtein's count), with their distance. */
  wordsNear(word: string, distance: number): Promise<{ words: Map<string, number>; warnings: string[] }>
}

/** What a search knows of the typed words. */
interface WordPolicy {
  /**
   * What a typed word may have been meant as: the archive's words within its reach (typoReach, a swap of two letters
   * counting as one edit), each with its distance. Only for words none of whose forms the archive has: other words
   * match only themselves.
   */
  typos: (word: string) => ReadonlyMap<string, number> | undefined
  /** Whether the archive has the word as typed. */
  isWord: (word: string) => boolean
}
const AS_TYPED: WordPolicy = { typos: () => undefined, isWord: () => false }

const ONE_TOKEN = (text: string) => [text]
const AS_IS = (term: string) => term

/** Searches the index: every match is found, filtered and counted; the requested page is returned. */
export async function executeSearch(index: SearchIndex, request: SearchRequest): Promise<SearchOutcome> {
  const { query } = request
  const table = index.table
  const warnings: string[] = []
  const filters = withQueryFilters(request.filters, query)
  // A facet with values chosen is counted as if they were not (disjunctive faceting): the stories found "loosely"
  // pass every other filter; its own values are checked apart.
  const disjunctive = COUNTED_FACETS.filter((field) => filters.include[field].length > 0)
  const compiled = compileFilters(filters, table, disjunctive)
  const passesLoosely = compiled.others
  const languages = stemLanguages(table, request.filters.include.language)
  const excluded = await excludedStories(index, query.exclude, warnings, languages)
  const keepLoosely = (shortId: number) => !excluded.has(shortId) && passesLoosely(shortId)

  const lastTerm = query.root ? lastTermNode(query.root) : null
  const usage = await wordUsage(index, query.root ? wordsOf(query.root, 'term') : [], languages, warnings)
  // A word the archive uses matches itself (and its forms), not its neighbours: `whale` does not count "while".
  const near = new Map<string, Map<string, number>>()
  for (const [word, used] of usage) if (used.forms === 0 && typoReach(word) > 0) near.set(word, await wordsWithin(index, word, typoReach(word), warnings))
  const policy: WordPolicy = { typos: (word) => near.get(word), isWord: (word) => (usage.get(word)?.exact ?? 0) > 0 }
  const order = effectiveOrder(request.sort, isBrowsing(request))
  const findMatches = async (root: QueryNode | null, allWords: boolean) => {
    const miniQuery = root ? toMiniSearchQuery(root, lastTerm, languages, policy) : null
    let loose: Match[]
    if (miniQuery) {
      const searched = await index.search(miniQuery)
      warnings.push(...searched.warnings)
      loose = searched.results.filter((result) => keepLoosely(result.id)).map((result) => toMatch(result, allWords))
    } else {
      loose = everyStory(table, keepLoosely)
    }
    const found = compiled.hasApart ? loose.filter((match) => compiled.passesApart(match.shortId)) : loose
    // A phrase's unread candidates are not known to match: its facets count what was read.
    if (!root || !needsTextCheck(root)) return { found, truncated: false, unread: 0, loose }
    return { ...(await keepPhraseMatches(index, found, root, order, request.page * request.limit, warnings)), loose: null }
  }

  const strict = await findMatches(query.root, true)
  // Counted with the phrase candidates left unread, as the total is: a long phrase reads no further than the page.
  const findsMore = async (root: QueryNode) => {
    const other = await findMatches(root, true)
    return other.found.length + other.unread > strict.found.length + strict.unread
  }
  let answer = strict
  // Few stories have every word: those with only some of them follow, below. Only for plain words: a query written
  // with phrases, fields or operators means exactly what it says.
  if (query.root?.type === 'and' && !query.usesSyntax && request.sort === 'relevance' && strict.found.length < RELAX_BELOW) {
    const some = await findMatches({ type: 'or', children: query.root.children }, false)
    const seen = new Set(strict.found.map((match) => match.shortId))
    const seenLoosely = new Set(strict.loose?.map((match) => match.shortId))
    answer = {
      found: [...strict.found, ...some.found.filter((match) => !seen.has(match.shortId))],
      truncated: strict.truncated || some.truncated,
      unread: strict.unread,
      loose: strict.loose && some.loose ? [...strict.loose, ...some.loose.filter((match) => !seenLoosely.has(match.shortId))] : null,
    }
  }
  if (order === 'relevance' && query.root) await rankWordsTogether(index, query.root, answer.found, warnings)
  answer.found.sort(compareMatches(order, table))
  const from = (request.page - 1) * request.limit
  // A correction is offered when it finds more stories with every word, and for words the archive lacks whenever the
  // typo matches found stories with the corrected words (the reader learns the spelling). The word being typed is not
  // corrected while it completes to something.
  let didYouMean: string | null = null
  if (query.root && (strict.found.length === 0 || [...usage.values()].some((word) => word.exact < RARE_BELOW))) {
    // With nothing found, a phrase's words are corrected too.
    if (strict.found.length === 0) {
      const phraseWords = wordsOf(query.root, 'phrase').filter((word) => !usage.has(word))
      for (const [word, used] of await wordUsage(index, phraseWords, languages, warnings)) usage.set(word, used)
    }
    const completes = (word: string) => strict.found.some((match) => match.terms.some((term) => term.length > word.length && term.startsWith(word)))
    const fixable = (word: string, node: QueryNode) => usage.has(word) && usage.get(word)!.exact < RARE_BELOW && !(node === lastTerm && completes(word))
    const corrected = await correctedRoot(index, query.root, fixable, usage, near, warnings)
    if (corrected) {
      // Words the archive lacks were searched as their neighbours already: the stories found say whether the
      // corrections find anything, with no second search.
      const matched = new Set(strict.found.flatMap((match) => match.terms))
      const offered = (strict.found.length > 0 && corrected.fixes.every((fix) => fix.absent && matched.has(fix.to))) || (await findsMore(corrected.root))
      if (offered) didYouMean = formatQuery({ ...query, root: corrected.root })
    }
  }
  return {
    total: answer.found.length + answer.unread,
    matches: answer.found.slice(from, from + request.limit),
    facets: countFacets(answer, compiled, disjunctive, table, request.facetLimit),
    didYouMean,
    truncated: answer.truncated,
    warnings: [...new Set(warnings)],
  }
}

/**
 * Facet counts over every story found; a facet with values chosen counts the stories the other filters pass, so its
 * other values stay there to add (values in one facet mean either, across facets all).
 */
function countFacets(answer: { found: Match[]; loose: Match[] | null }, compiled: CompiledFilters, disjunctive: readonly CountedFacet[], table: StoryTable, limit: number): Facets {
  if (answer.loose === null) return tallyFacets(answer.found.map((match) => match.shortId), table, limit)
  const facets = tallyFacets(answer.found.map((match) => match.shortId), table, limit, COUNTED_FACETS.filter((field) => !disjunctive.includes(field)))
  for (const field of disjunctive) {
    const counted = answer.loose.filter((match) => compiled.passesApart(match.shortId, field)).map((match) => match.shortId)
    facets[field] = tallyFacets(counted, table, limit, [field])[field]
  }
  return facets
}

function toMatch(result: RawMatch, allWords: boolean): Match {
  return { shortId: result.id, score: result.score, terms: result.terms, allWords }
}

/** Every story that passes the filters, when there are no words to match: browsing. */
function everyStory(table: StoryTable, keep: (shortId: number) => boolean): Match[] {
  const found: Match[] = []
  for (let i = 0; i < table.slots; i++) if (table.live[i] === 1 && keep(i)) found.push({ shortId: i, score: 1, terms: [], allWords: true })
  return found
}

/** Adds the range terms typed in `q` (`words>`, `date<`...) to the parameter filters. */
function withQueryFilters(filters: Filters, query: ParsedQuery): Filters {
  const ranges = query.ranges
  return {
    ...filters,
    wordsMin: max(filters.wordsMin, ranges.wordsMin),
    wordsMax: min(filters.wordsMax, ranges.wordsMax),
    dateFrom: max(filters.dateFrom, ranges.dateFrom),
    dateBefore: min(filters.dateBefore, ranges.dateBefore),
  }
}

function max<T extends number | string>(a: T | null, b: T | null): T | null {
  return a === null ? b : b === null ? a : a > b ? a : b
}
function min<T extends number | string>(a: T | null, b: T | null): T | null {
  return a === null ? b : b === null ? a : a < b ? a : b
}

function fieldsOf(field: TextField | null): { fields?: string[] } {
  return field === null ? {} : { fields: [field] }
}

/**
 * The languages whose stems a query's words are looked up under: those of the archive's stories that have a stemmer
 * of their own (Spanish, French...), or those the reader filters by, and English (Porter) always. A word's other
 * forms are found in every story written in one of them.
 */
function stemLanguages(table: StoryTable, filtered: readonly string[]): (string | null)[] {
  const wanted = filtered.length > 0 ? new Set(filtered.map(foldForMatching)) : null
  const present = table.values.languages.names.filter((name) => STEMMED_LANGUAGES.includes(name) && (!wanted || wanted.has(foldForMatching(name))))
  return [null, ...present]
}

/**
 * One word: its exact form (prefix-matched when it is the word being typed, typo-tolerant when long), or its stems in
 * the archive's languages.
 */
function wordQuery(word: string, field: TextField | null, asYouType: boolean, policy: WordPolicy, languages: readonly (string | null)[]): Query {
  const exact: Query = { queries: [word], tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: asYouType && word.length >= 2, fuzzy: false, ...fieldsOf(field) }
  // A word typed whole (`pip`) still finds its completions, but they rank below it: "Pip" before "pipe".
  if (asYouType && policy.isWord(word)) exact.weights = { fuzzy: TYPO_WEIGHT, prefix: COMPLETION_WEIGHT }
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
      boostTerm: () => STEM_WEIGHT,
      ...fieldsOf(field),
    })
  }
  // `Clark/Lana` is found as a relationship, and also where both names appear.
  if (parts.length > 1) {
    alternatives.push({ queries: parts, tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false, combineWith: 'AND', ...fieldsOf(field) })
  }
  return alternatives.length === 1 ? exact : { queries: alternatives, combineWith: 'OR' }
}

function toMiniSearchQuery(node: QueryNode, lastTerm: QueryNode | null, languages: readonly (string | null)[], policy: WordPolicy): Query | null {
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

/**
 * Plain words typed as a line (`call me ishmael`, no quotes): stories where neighbouring words stand together, as the
 * index's pairs say, rank above those where they are scattered, by how much the pairs score.
 */
async function rankWordsTogether(index: SearchIndex, root: QueryNode, matches: Match[], warnings: string[]): Promise<void> {
  if (root.type !== 'and' || matches.length === 0 || !root.children.every((child) => child.type === 'term' && child.field === null)) return
  const pairs = wordPairs(wordsOf(root, 'term'))
  if (pairs.length === 0) return
  const { results, warnings: missing } = await index.search({ queries: pairs, tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false, combineWith: 'OR' })
  warnings.push(...missing)
  const together = new Map(results.map((result) => [result.id, result.score]))
  for (const match of matches) match.score += PROXIMITY_WEIGHT * (together.get(match.shortId) ?? 0)
}

/**
 * Keeps the candidates whose text has the query's phrases, read in the order the page is shown in and only until the
 * pages asked for (`need` matches) are full: those are the first matches a check of every candidate would find (within
 * the first MAX_PHRASE_CANDIDATES), and no other story's text is read. Candidates left unread have every pair of the phrase, so they count towards the total
 * at the rate the read ones had the phrase (`unread`, an estimate: `truncated`); facets count the read matches.
 */
async function keepPhraseMatches(index: SearchIndex, found: Match[], root: QueryNode, order: SortOrder, need: number, warnings: string[]) {
  const candidates = [...found].sort(compareMatches(order, index.table))
  const readable = Math.min(candidates.length, MAX_PHRASE_CANDIDATES)
  const kept: Match[] = []
  let checked = 0
  while (checked < readable && kept.length < need) {
    // As many as the page still needs at the rate seen so far (all it needs, at first): rare phrases are not read
    // one story at a time.
    const rate = checked === 0 ? 1 : Math.max(kept.length, 1) / checked
    const batch = candidates.slice(checked, Math.min(readable, checked + Math.ceil((need - kept.length) / rate)))
    const stories = await Promise.all(
      batch.map((match) =>
        index.record(match.shortId).catch((error: Error) => {
          // Left out, and said: the reader learns the answer may be missing a story.
          warnings.push(`a story's text could not be read to check the phrase (${error.message}); results may be incomplete`)
          return null
        }),
      ),
    )
    batch.forEach((match, i) => {
      if (stories[i] != null && satisfies(root, stories[i]!)) kept.push(match)
    })
    checked += batch.length
  }
  const left = candidates.length - checked
  return { found: kept, truncated: left > 0, unread: left > 0 ? Math.round((left * kept.length) / checked) : 0 }
}

/** Short ids of stories that contain an excluded word (any form) or an excluded phrase. */
async function excludedStories(index: SearchIndex, exclude: QueryNode[], warnings: string[], languages: readonly (string | null)[]): Promise<Set<number>> {
  const ids = new Set<number>()
  for (const node of exclude) {
    // Excluding is strict: no prefixes or typos, so `-lex` does not drop stories about Lexington, or Lux.
    const query = toMiniSearchQuery(node, null, languages, AS_TYPED)
    if (!query) continue
    const { results: matches, warnings: missing } = await index.search(query)
    warnings.push(...missing)
    if (!needsTextCheck(node)) {
      for (const match of matches) ids.add(match.id)
      continue
    }
    const candidates = matches.slice(0, MAX_PHRASE_CANDIDATES)
    const stories = await Promise.all(candidates.map((match) => index.record(match.id).catch(() => null)))
    candidates.forEach((match, i) => {
      // A story that cannot be checked is excluded rather than risk showing what the reader asked not to see.
      if (stories[i] == null || satisfies(node, stories[i]!)) ids.add(match.id)
    })
    for (const match of matches.slice(MAX_PHRASE_CANDIDATES)) ids.add(match.id)
  }
  return ids
}

/** A request with no words to rank by: only filters, or nothing at all. */
function isBrowsing(request: SearchRequest): boolean {
  return request.query.root === null || toMiniSearchQuery(request.query.root, null, [null], AS_TYPED) === null
}

/** How many edits a typo of this word may be: none below FUZZY_MIN_LENGTH letters, one, two from eight letters on. */
function typoReach(word: string): number {
  return word.length < FUZZY_MIN_LENGTH ? 0 : (word.length >= 8 ? 2 : 1)
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

/** A word's stems in the archive's languages, each once. */
function stemsOf(word: string, languages: readonly (string | null)[]): string[] {
  return [...new Set(languages.map((language) => stemOf(word, language)))].filter((stem): stem is string => stem !== null)
}

/** The index terms a stem is found under: marked, as stems are indexed, and as a word in its own right. */
function stemTerms(stem: string): string[] {
  return [STEM_MARK + stem, stem]
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
