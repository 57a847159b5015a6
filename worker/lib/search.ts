// Runs a parsed query against the index: ranking, exclusions, exact phrases, filters, facets, sorting and paging.
import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch'
import { mergeTallies, tallyFacets, topFacets, type FacetTally, type Facets } from './facets'
import { compileFilters, ratingFromInput, type Filters } from './filters'
import type { LoadedIndex, StoredStory } from './index-contract'
import { formatQuery, type ParsedQuery, type QueryNode, type TextField } from './query-parser'
import type { StoryRecord } from './story-record'
import { BEYOND_ASCII_CLASS, STEM_MARK, foldForMatching, stemOf } from './text'

export const SORT_ORDERS = ['relevance', 'newest', 'oldest', 'longest', 'shortest', 'title', 'author'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]

/** Phrases are checked against story text; past this many candidates (best first) the rest are dropped, never guessed. */
export const MAX_PHRASE_CANDIDATES = 500
/**
 * Candidates whose text is read at once when checking phrases. An archive with fewer candidates than this gets
 * exact totals; a larger one stops reading once the page is full (a story's text is a fetch and a parse away).
 */
export const PHRASE_BATCH = 50
/** A stemmed match (`kissed` for `kissing`) counts this much of an exact one. */
const STEM_WEIGHT = 0.5
/** Below this many stories with every word of a query, stories with only some of the words follow them. */
export const RELAX_BELOW = 10
/** Typo tolerance: words of this many letters or more may differ by one edit (two from eight letters on). */
const FUZZY_MIN_LENGTH = 4

export interface SearchRequest {
  query: ParsedQuery
  filters: Filters
  sort: SortOrder
  page: number
  limit: number
  facetLimit: number
}

export interface SearchHit {
  id: string
  title: string
  author: string
  authors: string[]
  rating: StoredStory['rating']
  words: number
  date: string | null
  complete: boolean | null
  fandoms: string[]
  relationships: string[]
  characters: string[]
  warnings: string[]
  tags: string[]
  summary: string
  score: number
  /** False when the story has only some of the query's words (listed after those with all of them). */
  allWords: boolean
  url: string
}

export interface SearchOutcome {
  total: number
  /** The page of hits, each with the folded terms it matched (for snippets). */
  hits: { hit: SearchHit; terms: string[] }[]
  facets: Facets
  /** A corrected query when nothing matched and a spelling fix would find stories. */
  didYouMean: string | null
  /** Set when not every phrase candidate was checked: `total` and the facets are then lower bounds (the page is exact). */
  truncated: boolean
}

/** Loads a story's full record (for phrase checks); null when it is missing. */
export type StoryLoader = (id: string) => Promise<StoryRecord | null>

type Result = SearchResult & StoredStory & { allWords?: boolean }

const ONE_TOKEN = (text: string) => [text]
const AS_IS = (term: string) => term

/** A matching story as one index (or shard) reports it: stored fields, score and the index terms it matched. */
export type MatchedStory = StoredStory & {
  id: string
  score: number
  terms: string[]
  /** False when the story has only some of the query's words (added below those with all of them). */
  allWords: boolean
}

/** One set of matches from one index: its count, its first page(s) and its facet tally. */
export interface AnswerPart {
  total: number
  /** The first `page × limit` matches in the requested order. */
  top: MatchedStory[]
  facets: FacetTally
  truncated: boolean
}

/**
 * What one index answers for a search: enough for exact totals, exact facets and the requested page once answers
 * from several shards are merged. The answer itself counts stories with every word of the query; `withSomeWords`,
 * when present, is the same with stories that have only some of them added below.
 */
export interface ShardAnswer extends AnswerPart {
  withSomeWords: AnswerPart | null
  didYouMean: string | null
}

/** Searches one index: every match is found, filtered and counted; only the first `page × limit` are returned. */
export async function searchShard(index: LoadedIndex, request: SearchRequest, loadStory: StoryLoader): Promise<ShardAnswer> {
  const { query } = request
  const filters = withQueryFilters(request.filters, query)
  const compiled = compileFilters(filters)
  const excluded = await excludedIds(index, query.exclude, loadStory)
  const filter = (result: SearchResult) => !excluded.has(result.id) && compiled.test(result as unknown as StoredStory)

  const lastTerm = query.root ? lastTermNode(query.root) : null
  const order = effectiveOrder(request.sort, isBrowsing(request))
  const findMatches = async (root: QueryNode | null) => {
    const miniQuery = root ? toMiniSearchQuery(root, lastTerm) : null
    const found = index.search.search(miniQuery ?? MiniSearch.wildcard, { filter }) as Result[]
    if (!root || !hasPhrase(root)) return { found, truncated: false }
    const checked = await keepPhraseMatches(found, root, loadStory, order === 'relevance' ? request.page * request.limit : null)
    return { found: checked.results, truncated: checked.truncated }
  }

  const strict = await findMatches(query.root)
  const part = (results: Result[], truncated: boolean): AnswerPart => {
    results.sort(compareMatches(order))
    return { total: results.length, top: results.slice(0, request.page * request.limit).map(toMatch), facets: tallyFacets(results as unknown as StoredStory[]), truncated }
  }
  const strictResults = strict.found.map((result) => Object.assign(result, { allWords: true }))
  // Few stories have every word: the answer with those that have only some of them, below, is prepared too; the merge
  // uses it when the whole archive (all shards together) has fewer than RELAX_BELOW stories with every word.
  // Only for plain words: a query written with phrases, fields or operators means exactly what it says.
  let withSomeWords: AnswerPart | null = null
  if (query.root?.type === 'and' && !query.usesSyntax && request.sort === 'relevance' && strictResults.length < RELAX_BELOW) {
    const some = await findMatches({ type: 'or', children: query.root.children })
    const seen = new Set(strictResults.map((result) => result.id))
    const extra = some.found.filter((result) => !seen.has(result.id)).map((result) => Object.assign(result, { allWords: false }))
    withSomeWords = part([...strictResults, ...extra], strict.truncated || some.truncated)
  }
  return {
    ...part(strictResults, strict.truncated),
    withSomeWords,
    didYouMean: strict.found.length === 0 && query.root ? suggestCorrection(index, query) : null,
  }
}

export function mergeAnswers(answers: ShardAnswer[], request: SearchRequest): SearchOutcome {
  const order = effectiveOrder(request.sort, isBrowsing(request))
  const fullTotal = answers.reduce((sum, answer) => sum + answer.total, 0)
  // Decided on the archive's count, so a sharded archive answers exactly as one index would.
  const relax = fullTotal < RELAX_BELOW && answers.every((answer) => answer.withSomeWords !== null)
  const parts: AnswerPart[] = relax ? answers.map((answer) => answer.withSomeWords!) : answers
  const matches = parts.length === 1 ? parts[0]!.top : parts.flatMap((part) => part.top).sort(compareMatches(order))
  const from = (request.page - 1) * request.limit
  return {
    total: parts.reduce((sum, part) => sum + part.total, 0),
    hits: matches.slice(from, from + request.limit).map((match) => ({ hit: toHit(match), terms: match.terms })),
    facets: topFacets(mergeTallies(parts.map((part) => part.facets)), request.facetLimit),
    // A correction is offered when no story has every word, even if some have a few of them.
    didYouMean: fullTotal === 0 ? (answers.find((answer) => answer.didYouMean !== null)?.didYouMean ?? null) : null,
    truncated: parts.some((part) => part.truncated),
  }
}

/** Searches a single index end to end. */
export async function executeSearch(index: LoadedIndex, request: SearchRequest, loadStory: StoryLoader): Promise<SearchOutcome> {
  return mergeAnswers([await searchShard(index, request, loadStory)], request)
}

function toMatch(result: Result): MatchedStory {
  const { match: _match, queryTerms: _queryTerms, ...stored } = result
  return { ...(stored as unknown as StoredStory), id: result.id, score: result.score, terms: result.terms ?? [], allWords: result.allWords ?? true }
}

/** Adds `rating:` and range terms typed in `q` to the parameter filters. */
function withQueryFilters(filters: Filters, query: ParsedQuery): Filters {
  const rating = (values: string[]) => values.map((value) => ratingFromInput(value) ?? value)
  const ranges = query.ranges
  return {
    ...filters,
    include: { ...filters.include, rating: [...filters.include.rating, ...rating(query.ratings.include)] },
    exclude: { ...filters.exclude, rating: [...filters.exclude.rating, ...rating(query.ratings.exclude)] },
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

/** The folded main words of a piece of query text: joined words (`clark/lana`, `he'd`) stay whole. */
export function queryWords(text: string): string[] {
  return [...foldForMatching(text).matchAll(/[\p{L}\p{N}]+(?:['\-/][\p{L}\p{N}]+)*/gu)].map((match) => match[0])
}

function fieldsOf(field: TextField | null): { fields?: string[] } {
  return field === null ? {} : { fields: [field] }
}

/** One word: its exact form (prefix-matched when it is the word being typed, typo-tolerant when long), or its stem. */
function wordQuery(word: string, field: TextField | null, asYouType: boolean, typos: boolean): Query {
  const exact: Query = {
    queries: [word],
    tokenize: ONE_TOKEN,
    processTerm: AS_IS,
    prefix: asYouType && word.length >= 2,
    fuzzy: typos && word.length >= FUZZY_MIN_LENGTH ? (word.length >= 8 ? 2 : 1) : false,
    ...fieldsOf(field),
  }
  const parts = word.split(/['\-/]/).filter((part) => part.length > 0)
  const alternatives: Query[] = [exact]
  const stem = stemOf(word)
  if (stem !== null) {
    alternatives.push({
      queries: [STEM_MARK + stem, stem],
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

function toMiniSearchQuery(node: QueryNode, lastTerm: QueryNode | null, typos = true): Query | null {
  if (node.type === 'and' || node.type === 'or') {
    const children = node.children.map((child) => toMiniSearchQuery(child, lastTerm, typos)).filter((child): child is Query => child !== null)
    if (children.length === 0) return null
    return children.length === 1 ? children[0]! : { queries: children, combineWith: node.type === 'and' ? 'AND' : 'OR' }
  }
  const words = queryWords(node.text)
  if (words.length === 0) return null
  const phrase = node.type === 'phrase'
  // Words in a phrase must appear as written (their order is checked against the text afterwards).
  const queries = words.map((word, i) =>
    phrase
      ? ({ queries: [word], tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false, ...fieldsOf(node.field) } satisfies Query)
      : wordQuery(word, node.field, node === lastTerm && i === words.length - 1, typos),
  )
  return queries.length === 1 ? queries[0]! : { queries, combineWith: 'AND' }
}

/** The last plain word the reader typed: the one still being typed, so it is matched as a prefix. */
function lastTermNode(node: QueryNode): QueryNode | null {
  if (node.type === 'term') return node
  if (node.type === 'phrase') return null
  return node.children.length ? lastTermNode(node.children[node.children.length - 1]!) : null
}

function hasPhrase(node: QueryNode): boolean {
  return node.type === 'phrase' || ((node.type === 'and' || node.type === 'or') && node.children.some(hasPhrase))
}

/** The searchable text of a story for one field (or all of them), folded and reduced to single-spaced words. */
// Folding a long story into words costs milliseconds; fragments are cached objects, so the result is kept with them.
const wordsCache = new WeakMap<StoryRecord, Map<TextField | 'all', string>>()

function wordsOfField(story: StoryRecord, field: TextField | null): string {
  let perField = wordsCache.get(story)
  if (!perField) wordsCache.set(story, (perField = new Map()))
  const key = field ?? 'all'
  const cached = perField.get(key)
  if (cached !== undefined) return cached
  const words = fieldTexts(story, field).map((part) => ` ${queryWords(part).join(' ')} `).join('\u0000')
  perField.set(key, words)
  return words
}

/** Does the story have the phrase's words in a row, in one field (or any field)? */
export function containsPhrase(story: StoryRecord, phrase: string, field: TextField | null): boolean {
  const { inWordList, pattern } = compiledPhrase(phrase)
  if (inWordList === null) return true
  if (pattern !== null) {
    const parts = fieldTexts(story, field)
    if (!parts.some((part) => BEYOND_ASCII.test(part))) return parts.some((part) => pattern.test(part))
  }
  return wordsOfField(story, field).includes(inWordList)
}

interface CompiledPhrase {
  /** The phrase as it appears in a folded word list (` a b c `); null for a phrase without words. */
  inWordList: string | null
  pattern: RegExp | null
}

// One phrase is checked against up to MAX_PHRASE_CANDIDATES stories per search: fold it and build its regex once.
const compiledPhrases = new Map<string, CompiledPhrase>()
const COMPILED_PHRASES_KEPT = 256

function compiledPhrase(phrase: string): CompiledPhrase {
  let compiled = compiledPhrases.get(phrase)
  if (!compiled) {
    const words = queryWords(phrase)
    compiled = words.length === 0 ? { inWordList: null, pattern: null } : { inWordList: ` ${words.join(' ')} `, pattern: phrasePattern(words) }
    if (compiledPhrases.size >= COMPILED_PHRASES_KEPT) compiledPhrases.clear()
    compiledPhrases.set(phrase, compiled)
  }
  return compiled
}

const BEYOND_ASCII = new RegExp(BEYOND_ASCII_CLASS)
/** What folds to a joiner inside a word (foldForMatching), among the characters plain text may hold. */
const JOINERS: Record<string, string> = { "'": "['`\\u2018\\u2019\\u201B\\u2032]", '-': '[\\-\\u2010\\u2011]', '/': '/' }
const ANY_JOINER = "['`\\u2018\\u2019\\u201B\\u2032\\-\\u2010\\u2011/]"
// Between two words: two or more characters that are not letters or digits, or one that is not a joiner.
const BETWEEN_WORDS = `(?:[^A-Za-z0-9]{2,}|(?!${ANY_JOINER})[^A-Za-z0-9])`

/**
 * A regex finding the phrase in text without letters past ASCII, as the folded word list would: each word whole
 * (not part of a joined word), separated as queryWords separates them. Reading a story's words one by one was
 * most of a phrase search's time. Null when a word is not plain ASCII (then the folded word list is used).
 */
function phrasePattern(words: string[]): RegExp | null {
  if (!words.every((word) => /^[a-z0-9]+(?:['\-/][a-z0-9]+)*$/.test(word))) return null
  const body = words.map((word) => word.replace(/['\-/]/g, (joiner) => JOINERS[joiner]!)).join(BETWEEN_WORDS)
  return new RegExp(`(?<![A-Za-z0-9])(?<![A-Za-z0-9]${ANY_JOINER})${body}(?![A-Za-z0-9])(?!${ANY_JOINER}[A-Za-z0-9])`, 'i')
}

/** The texts of one field (or of every field), each searched on its own so a phrase never spans two fields. */
function fieldTexts(story: StoryRecord, field: TextField | null): string[] {
  if (field !== null) return [field === 'title' || field === 'summary' || field === 'body' ? story[field] : story[field].join(' ; ')]
  return [story.title, story.authors.join(' ; '), story.fandoms.join(' ; '), story.relationships.join(' ; '), story.characters.join(' ; '), story.tags.join(' ; '), story.warnings.join(' ; '), story.summary, story.body]
}

/** Does the story satisfy the query tree, with phrases checked in order? Plain words are trusted to the index. */
function satisfies(node: QueryNode, story: StoryRecord): boolean {
  if (node.type === 'phrase') return containsPhrase(story, node.text, node.field)
  if (node.type === 'term') return termPresent(story, node)
  return node.type === 'and' ? node.children.every((child) => satisfies(child, story)) : node.children.some((child) => satisfies(child, story))
}

// Inside an OR with a phrase, a plain word must be checked too, or the OR would pass on the phrase's words alone.
function termPresent(story: StoryRecord, node: QueryNode & { type: 'term' }): boolean {
  const haystack = wordsOfField(story, node.field)
  return queryWords(node.text).every((word) => {
    if (haystack.includes(` ${word}`)) return true // the word itself, or a longer word it starts (as-you-type)
    const stem = stemOf(word)
    return stem !== null && haystack.includes(` ${stem}`)
  })
}

/**
 * Keeps the candidates whose text has the query's phrases, best first, a batch at a time. Ranked by relevance, it
 * stops once `need` matches (the requested pages) are found: those are the same first matches a check of every
 * candidate would find, at a fraction of the fragments read; the total is then a lower bound (`truncated`). Other
 * orders need every candidate checked, up to MAX_PHRASE_CANDIDATES.
 */
async function keepPhraseMatches(results: Result[], root: QueryNode, loadStory: StoryLoader, need: number | null) {
  const candidates = results.slice(0, MAX_PHRASE_CANDIDATES)
  const kept: Result[] = []
  let checked = 0
  while (checked < candidates.length && (need === null || kept.length < need)) {
    const batch = candidates.slice(checked, checked + PHRASE_BATCH)
    const stories = await Promise.all(batch.map((result) => loadStory(result.id).catch(() => null)))
    batch.forEach((result, i) => {
      if (stories[i] != null && satisfies(root, stories[i]!)) kept.push(result)
    })
    checked += batch.length
  }
  return { results: kept, truncated: checked < results.length }
}

/** Ids of stories that contain an excluded word (any form) or an excluded phrase. */
async function excludedIds(index: LoadedIndex, exclude: QueryNode[], loadStory: StoryLoader): Promise<Set<string>> {
  const ids = new Set<string>()
  for (const node of exclude) {
    // Excluding is strict: no prefixes or typos, so `-lex` does not drop stories about Lexington, or Lux.
    const query = toMiniSearchQuery(node, null, false)
    if (!query) continue
    const matches = index.search.search(query)
    if (node.type !== 'phrase') {
      for (const match of matches) ids.add(match.id)
      continue
    }
    const candidates = matches.slice(0, MAX_PHRASE_CANDIDATES)
    const stories = await Promise.all(candidates.map((match) => loadStory(match.id).catch(() => null)))
    candidates.forEach((match, i) => {
      // A story that cannot be checked is excluded rather than risk showing what the reader asked not to see.
      if (stories[i] == null || containsPhrase(stories[i]!, node.text, node.field)) ids.add(match.id)
    })
    for (const match of matches.slice(MAX_PHRASE_CANDIDATES)) ids.add(match.id)
  }
  return ids
}

type Sortable = Pick<MatchedStory, 'id' | 'score' | 'date' | 'words' | 'title' | 'authors'> & { allWords?: boolean }
const byId = (a: Sortable, b: Sortable) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const byText = (a: string, b: string) => foldForMatching(a).localeCompare(foldForMatching(b))

/** A request with no words to rank by: only filters, or nothing at all. */
function isBrowsing(request: SearchRequest): boolean {
  return request.query.root === null || toMiniSearchQuery(request.query.root, null) === null
}

/** With no words to rank by, "relevance" means newest first. */
function effectiveOrder(sort: SortOrder, browsing: boolean): SortOrder {
  return sort === 'relevance' && browsing ? 'newest' : sort
}

function compareMatches(order: SortOrder): (a: Sortable, b: Sortable) => number {
  const dated = (a: Sortable, b: Sortable, direction: 1 | -1) => {
    if (a.date === b.date) return 0
    if (a.date === null) return 1
    if (b.date === null) return -1
    return a.date < b.date ? -direction : direction
  }
  const compare: Record<SortOrder, (a: Sortable, b: Sortable) => number> = {
    relevance: (a, b) => Number(b.allWords ?? true) - Number(a.allWords ?? true) || b.score - a.score,
    newest: (a, b) => dated(a, b, -1),
    oldest: (a, b) => dated(a, b, 1),
    longest: (a, b) => b.words - a.words,
    shortest: (a, b) => a.words - b.words,
    title: (a, b) => byText(a.title, b.title),
    author: (a, b) => byText(a.authors[0] ?? '\uffff', b.authors[0] ?? '\uffff'),
  }
  return (a, b) => compare[order](a, b) || byId(a, b)
}

function toHit(result: MatchedStory): SearchHit {
  return {
    id: result.id,
    title: result.title,
    author: result.authors.join(', '),
    authors: result.authors,
    rating: result.rating,
    words: result.words,
    date: result.date,
    complete: result.complete,
    fandoms: result.fandoms,
    relationships: result.relationships,
    characters: result.characters,
    warnings: result.warnings,
    tags: result.tags,
    summary: result.summary,
    score: Math.round(result.score * 1000) / 1000,
    allWords: result.allWords,
    url: `/stories/${encodeURIComponent(result.id)}`,
  }
}

/**
 * "Did you mean": each word the index does not know is replaced by its closest known word (fewest edits, then most
 * common), and the query is written out again with its exclusions and filters. Null when no word needed fixing or
 * nothing better exists.
 */
function suggestCorrection(index: LoadedIndex, query: ParsedQuery): string | null {
  let changed = false
  const fixWord = (word: string): string => {
    const known = index.search.search({ queries: [word], tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: false } as Query)
    if (known.length > 0) return word
    const options: SearchOptions = { tokenize: ONE_TOKEN, processTerm: AS_IS, prefix: false, fuzzy: word.length >= 4 ? 2 : 1 }
    const candidates = new Map<string, number>()
    for (const result of index.search.search(word, options)) {
      for (const term of result.terms) if (!term.startsWith(STEM_MARK)) candidates.set(term, (candidates.get(term) ?? 0) + 1)
    }
    const best = [...candidates.entries()].sort((a, b) => editDistance(word, a[0]) - editDistance(word, b[0]) || b[1] - a[1])[0]
    if (!best) return word
    changed = true
    return best[0]
  }
  const fix = (node: QueryNode): QueryNode => {
    if (node.type === 'and' || node.type === 'or') return { ...node, children: node.children.map(fix) }
    const words = queryWords(node.text).map(fixWord)
    // Words of a plain term stay separate words; a phrase or a field's value stays one.
    if (node.type === 'term' && node.field === null && words.length > 1) return { type: 'and', children: words.map((text) => ({ ...node, text })) }
    return { ...node, text: words.join(' ') }
  }
  const root = query.root ? fix(query.root) : null
  return changed ? formatQuery({ ...query, root }) : null
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}
