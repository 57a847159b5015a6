// Runs a parsed query against the index: ranking, exclusions, exact phrases, filters, facets, sorting and paging.
import type { Query, SearchOptions } from 'minisearch'
import { COUNTED_FACETS, tallyFacets, type CountedFacet, type Facets } from './facets'
import { compileFilters, type CompiledFilters, type Filters } from './filters'
import type { RawMatch } from '../index/paged-index'
import type { StoryRecord } from '../../core/story-record'
import type { PhraseStory, StoryText } from '../../core/text-packs'
import type { StoryTriples } from '../../core/word-triples'
import { needsTextCheck, settledByRuns } from '../query/phrases'
import { lastTermNode, wordsOf, type ParsedQuery, type QueryNode } from '../query/query-parser'
import type { StoryTable } from '../../core/story-table'
import { AS_IS, AS_TYPED, ONE_TOKEN, toMiniSearchQuery } from './minisearch-query'
import { compareMatches, effectiveOrder, type SortOrder } from './order'
import { PHRASE_PACKS, excludedStories, keepPhraseMatches, settleExclusions } from './phrase-check'
import { PackBudget } from './pack-budget'
import { didYouMean, readTypedWords } from './spelling'
import { TUNING } from './tuning'
import { STEMMED_LANGUAGES, foldForMatching, wordPairs } from '../../core/text'

/** Below this many stories with every word of a query, stories with only some of the words follow them. */
export const RELAX_BELOW = 10

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
  /** The fields each matched term was found in (MiniSearch's `match`): a snippet need not look where none is. */
  termFields: Readonly<Record<string, readonly string[]>>
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
  /**
   * Set when not every candidate of a long phrase was read: `total` is an estimate; the facets count the matches a phrase
   * asked for was found in, and, of an excluded phrase's candidates, those past the page as well. The page is exact
   * unless the checks or the text packs ran out (then it may miss stories, and be short).
   */
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
  /**
   * A story's whole text for a phrase check: its record when one is at hand; else, for a story the table marks plain,
   * its UTF-8 bytes, searched without being decoded (phrase-bytes.ts).
   */
  phraseStory(shortId: number): Promise<PhraseStory | null>
  /** A story's runs of three words (core/word-triples.ts), read without its text; null when there is no such story. */
  storyTriples(shortId: number): Promise<StoryTriples | null>
  /**
   * The piece a story's text and runs of three words are read from, and its size (what a response reads is counted:
   * PackBudget); null when nothing is read for them (an index held whole).
   */
  textPiece(shortId: number): { name: string; bytes: number } | null
  /** How many stories (at least) have each term exactly as written: whether the archive uses a word at all. */
  storiesWith(terms: readonly string[]): Promise<{ counts: Map<string, number>; warnings: string[] }>
  /** The archive's words within `distance` edits of `word` (Levenshtein's count), with their distance. */
  wordsNear(word: string, distance: number): Promise<{ words: Map<string, number>; warnings: string[] }>
}

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
  // One budget of text packs for every phrase check of this search: asked for, excluded, and a correction's.
  const budget = new PackBudget(index, PHRASE_PACKS)
  // Stories an excluded long phrase may be in are settled once the order is known, only as far as the page: with the
  // query's own long phrase (keepPhraseMatches), or after sorting (settleExclusions).
  const keepLoosely = (shortId: number) => !excluded.sure.has(shortId) && passesLoosely(shortId)

  const lastTerm = query.root ? lastTermNode(query.root) : null
  const typed = await readTypedWords(index, query.root, languages, warnings)
  const { policy } = typed
  const order = effectiveOrder(request.sort, isBrowsing(request))
  // `need`: phrase matches to find (read) before the rest are estimated; `readTexts` false: counted, not shown.
  const findMatches = async (root: QueryNode | null, allWords: boolean, need = request.page * request.limit, readTexts = true) => {
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
    return { ...(await keepPhraseMatches(index, found, root, order, need, warnings, budget, readTexts, excluded.unsure)), loose: null }
  }

  const strict = await findMatches(query.root, true)
  // Counted with the phrase candidates left unread, as the total is: a long phrase reads no further than the page. A
  // correction is only offered, not shown: where the runs of three words settle its phrases, no text is read; else
  // only until it finds one story more than the query did.
  const findsMore = async (root: QueryNode) => {
    // Texts are read where the runs do not settle the correction, or an excluded long phrase needs them.
    const other = await findMatches(root, true, strict.found.length + strict.unread + 1, !settledByRuns(root) || excluded.unsure.length > 0)
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
  // A query with a long phrase settled its exclusions as it checked its phrase (keepPhraseMatches).
  const unsettled = query.root && needsTextCheck(query.root) ? [] : excluded.unsure
  const settled = await settleExclusions(index, answer.found, unsettled, request.page * request.limit, warnings, budget)
  const shown = { found: settled.found, loose: answer.loose && answer.loose.filter((match) => !settled.dropped.has(match.shortId)) }
  const from = (request.page - 1) * request.limit
  const stillFound = settled.dropped.size > 0 ? strict.found.filter((match) => !settled.dropped.has(match.shortId)) : strict.found
  const correction = query.root ? await didYouMean(index, { ...query, root: query.root }, stillFound, typed, lastTerm, languages, findsMore, warnings) : null
  return {
    total: settled.found.length + answer.unread + settled.totalChange,
    matches: settled.found.slice(from, from + request.limit),
    facets: countFacets(shown, compiled, disjunctive, table, request.facetLimit),
    didYouMean: correction,
    truncated: answer.truncated || settled.truncated,
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
  return { shortId: result.id, score: result.score, terms: result.terms, termFields: result.match, allWords }
}

/** Every story that passes the filters, when there are no words to match: browsing. */
function everyStory(table: StoryTable, keep: (shortId: number) => boolean): Match[] {
  const found: Match[] = []
  for (let i = 0; i < table.slots; i++) if (table.live[i] === 1 && keep(i)) found.push({ shortId: i, score: 1, terms: [], termFields: {}, allWords: true })
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

/**
 * For each word of `root` typed loose that the archive lacks in every form, the words a search with no language filter
 * takes it for (readTypedWords): what a story page marks for it, as the results' snippets did. Best effort: a piece
 * that cannot be read costs those marks, not the page.
 */
export async function typoNeighbours(index: SearchIndex, root: QueryNode | null): Promise<ReadonlyMap<string, ReadonlyMap<string, number>>> {
  if (!root) return new Map()
  return (await readTypedWords(index, root, stemLanguages(index.table, []), [])).near
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
  for (const match of matches) match.score += TUNING.proximityWeight * (together.get(match.shortId) ?? 0)
}

/** A request with no words to rank by: only filters, or nothing at all. */
function isBrowsing(request: SearchRequest): boolean {
  return request.query.root === null || toMiniSearchQuery(request.query.root, null, [null], AS_TYPED) === null
}
