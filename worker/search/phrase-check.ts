// Phrases of three words or more: the index has their pairs, not their order. A candidate lacking one of a phrase's
// runs of three words (kept beside its text) is ruled out unread; the others are checked against their text, read only
// as far as the page needs.
import { mayHavePhrases, satisfies, needsTextCheck } from '../query/phrases'
import type { QueryNode } from '../query/query-parser'
import { AS_TYPED, toMiniSearchQuery } from './minisearch-query'
import { eachByPack } from './by-pack'
import { compareMatches, type SortOrder } from './order'
import type { Match, SearchIndex } from './search'
import type { PackBudget, PackLimits } from './pack-budget'

/**
 * Phrases of three words or more are checked against story text (the index has their pairs, not their order): at most
 * this many candidates are read for one search (the pages asked for), and as many for the excluded phrases.
 */
export const MAX_PHRASE_CANDIDATES = 500

/**
 * Text packs one search may read to check its phrases, asked for and excluded together. A phrase of common words has
 * candidates in every pack (`"to do you"`: every story with "to do" and "do you"), and few have it: checking them in
 * the order shown read 107 packs (70 MiB) for one page of a 5,000-story archive. Each pack is a read from the static
 * assets (the subrequest limit, 50 on the Free plan, may count them) of 128 KB to 768 KiB (packBytesFor, by the
 * archive's size), kept in the isolate's cache for the rest of the search: this many fit in it (24 MiB). A long
 * story's pack is larger (a pack is cut after the story that fills it): the bytes are bounded too.
 */
export const PHRASE_PACKS: PackLimits = { packs: 32, bytes: 16 * 1024 * 1024 }

/**
 * Keeps the candidates whose text has the query's phrases, in the order the page is shown in and only until the pages
 * asked for (`need` matches) are full: those are the first matches a check of every candidate would find (within the
 * first MAX_PHRASE_CANDIDATES). A candidate lacking one of a phrase's runs of three words is ruled out unread; of the
 * others, only as many texts are read as the page still needs. Once the budget's packs are spent, the candidates in
 * the packs read are checked, and no other: the matches found then are not all the first ones. Candidates left
 * unchecked have every pair of the phrase, so they count towards the total at the rate the checked ones had the phrase
 * (`unread`, an estimate: `truncated`); facets count the matches found.
 *
 * With `readTexts` false no text is read: a candidate its runs of three words do not rule out counts as a match. That
 * is enough to tell whether a query finds stories (a correction's, `findsMore`) where the runs settle it
 * (settledByRuns), not to show them. `unsure`: the query's excluded long phrases (excludedStories), settled here among
 * the matches as they are found, so the pages fill with stories that have neither.
 */
export async function keepPhraseMatches(index: SearchIndex, found: Match[], root: QueryNode, order: SortOrder, need: number, warnings: string[], budget: PackBudget, readTexts = true, unsure: Exclusions['unsure'] = []) {
  const candidates = [...found].sort(compareMatches(order, index.table))
  const readable = Math.min(candidates.length, MAX_PHRASE_CANDIDATES)
  const onError = (error: Error) => {
    // Left out, and said: the reader learns the answer may be missing a story.
    warnings.push(`a story's text could not be read to check the phrase (${error.message}); results may be incomplete`)
  }
  const known = checksOf(index, root)
  const kept: Match[] = []
  // Checks `batch` in order until the page is full; returns how many of it were checked.
  const settle = async (batch: Match[]) => {
    const possible = await mayMatch(index, batch.map((match) => match.shortId), root, known)
    // Texts are read in order, no more at a time than the page still needs: a batch's last matches are not read
    // when its first ones fill the page.
    let at = 0
    while (at < batch.length && kept.length < need) {
      const toRead: number[] = []
      let end = at
      for (; end < batch.length && toRead.length < need - kept.length; end++) if (possible[end]) toRead.push(end)
      const checks = readTexts ? await checkStories(index, toRead.map((i) => batch[i]!.shortId), root, known, onError) : toRead.map(() => true)
      const matching = toRead.filter((_, k) => checks[k] === true).map((i) => batch[i]!)
      // A match that has an excluded long phrase is no match: the page is filled with the stories left. (Their packs
      // are counted: an excluded phrase is looked for in the texts the phrase was.)
      const excluded = readTexts ? await excludedAmong(index, matching.map((match) => match.shortId), unsure, warnings) : new Set<number>()
      for (const match of matching) if (!excluded.has(match.shortId)) kept.push(match)
      at = end
    }
    return at
  }
  let checked = 0
  // The packs are spent: the search stops at the first candidate it cannot check.
  let spent = false
  while (!spent && checked < readable && kept.length < need) {
    // As many as the page still needs at the rate seen so far (all it needs, at first): rare phrases are not checked
    // one story at a time.
    const rate = checked === 0 ? 1 : Math.max(kept.length, 1) / checked
    const batch = candidates.slice(checked, Math.min(readable, checked + Math.ceil((need - kept.length) / rate)))
    const admitted = budget.admitted(batch.map((match) => match.shortId))
    spent = admitted < batch.length
    checked += await settle(batch.slice(0, admitted))
  }
  if (spent && kept.length < need) {
    // The packs read hold more of the candidates: checked too (nothing more is read), they fill the page with stories
    // that have the phrase, if not all of the first ones a check of every candidate would show.
    const rest = candidates.slice(checked, Math.min(candidates.length, MAX_PHRASE_CANDIDATES)).filter((match) => budget.holds(match.shortId))
    checked += await settle(rest)
  }
  const left = candidates.length - checked
  // Nothing checked (the packs spent before this search began: a correction's): no rate to count the rest at.
  return { found: kept, truncated: left > 0, unread: left > 0 && checked > 0 ? Math.round((left * kept.length) / checked) : 0 }
}

/**
 * What a query's excluded words and phrases take out: the stories the index says have them (`sure`: words, and phrases
 * of one or two words), and per excluded phrase of three words or more, the stories with all of its pairs (`unsure`),
 * which only their text can settle (settleExclusions). No story text is read here.
 */
export interface Exclusions {
  sure: Set<number>
  unsure: { node: QueryNode; shortIds: Set<number> }[]
}

export async function excludedStories(index: SearchIndex, exclude: QueryNode[], warnings: string[], languages: readonly (string | null)[]): Promise<Exclusions> {
  const sure = new Set<number>()
  const unsure: Exclusions['unsure'] = []
  for (const node of exclude) {
    // Excluding is strict: no prefixes or typos, so `-lex` does not drop stories about Lexington, or Lux.
    const query = toMiniSearchQuery(node, null, languages, AS_TYPED)
    if (!query) continue
    const { results: matches, warnings: missing } = await index.search(query)
    warnings.push(...missing)
    if (needsTextCheck(node)) unsure.push({ node, shortIds: new Set(matches.map((match) => match.id)) })
    else for (const match of matches) sure.add(match.id)
  }
  return { sure, unsure }
}

/**
 * Drops from `found` (in the order it is shown) the stories whose text has an excluded long phrase, settling them only
 * until the pages asked for (`need` stories) are full, as keepPhraseMatches does for a phrase asked for (and does
 * itself for a query with one): an excluded phrase of common words has hundreds of candidates, and reading them all was
 * most of the archive's text for one search. Candidates past the pages stay in `found`, unread; past
 * MAX_PHRASE_CANDIDATES checked (a page deep in the results), or once the budget's packs are spent, a candidate on the
 * page is left out unread. Either way the total is an estimate (`truncated`): `totalChange` is what to add to `found`'s
 * length, the unread counted at the rate the checked ones had none of the phrases.
 */
export async function settleExclusions(index: SearchIndex, found: Match[], unsure: Exclusions['unsure'], need: number, warnings: string[], budget: PackBudget): Promise<{ found: Match[]; dropped: Set<number>; totalChange: number; truncated: boolean }> {
  const dropped = new Set<number>()
  if (unsure.length === 0) return { found, dropped, totalChange: 0, truncated: false }
  const isUnsure = (shortId: number) => unsure.some(({ shortIds }) => shortIds.has(shortId))
  const kept: Match[] = []
  let at = 0
  // Candidates checked, and how many of them had an excluded phrase: the rate the unread ones are counted at.
  let checked = 0
  let hadPhrase = 0
  let leftOutUnread = 0
  // The checks or the packs are spent: from then on, only candidates in the packs read can be checked.
  let spent = false
  while (at < found.length && kept.length < need) {
    // No more stories at a time than the page still needs: a story's runs of three words are in its text's pack, so
    // settling a larger batch at once would read more packs (and texts) than the page shows. Once spent, one at a
    // time: a batch's first refusal would leave out the candidates after it in packs already read.
    const batch = found.slice(at, at + (spent ? 1 : need - kept.length))
    at += batch.length
    const candidates = batch.map((match) => match.shortId).filter(isUnsure)
    const capped = candidates.slice(0, Math.max(0, MAX_PHRASE_CANDIDATES - checked))
    const settling = capped.slice(0, budget.admitted(capped))
    spent ||= settling.length < candidates.length
    for (const shortId of candidates.slice(settling.length)) dropped.add(shortId)
    leftOutUnread += candidates.length - settling.length
    const excluded = settling.length > 0 ? await excludedAmong(index, settling, unsure, warnings) : new Set<number>()
    for (const shortId of excluded) dropped.add(shortId)
    checked += settling.length
    hadPhrase += excluded.size
    for (const match of batch) if (!dropped.has(match.shortId)) kept.push(match)
  }
  const rest = found.slice(at)
  const unsettled = rest.filter((match) => isUnsure(match.shortId)).length
  const share = (count: number) => (checked > 0 ? Math.round((count * hadPhrase) / checked) : 0)
  // The unsettled are in `found` and count less those that would have a phrase; those left out, the other way round.
  const totalChange = leftOutUnread - share(leftOutUnread) - share(unsettled)
  return { found: [...kept, ...rest], dropped, totalChange, truncated: unsettled > 0 || leftOutUnread > 0 }
}

/**
 * The stories among `shortIds` whose text has one of the excluded long phrases they are candidates of: a candidate
 * lacking one of a phrase's runs of three words is ruled out unread. A story whose text cannot be read counts as having
 * it, rather than risk showing what the reader asked not to see.
 */
async function excludedAmong(index: SearchIndex, shortIds: readonly number[], unsure: Exclusions['unsure'], warnings: string[]): Promise<Set<number>> {
  const excluded = new Set<number>()
  const onError = (error: Error) => warnings.push(`a story's text could not be read to check an excluded phrase (${error.message}); it is left out`)
  for (const { node, shortIds: candidates } of unsure) {
    const mine = shortIds.filter((shortId) => candidates.has(shortId) && !excluded.has(shortId))
    const known = checksOf(index, node)
    const possible = await mayMatch(index, mine, node, known)
    const toRead = mine.filter((_, i) => possible[i])
    const checks = await checkStories(index, toRead, node, known, onError)
    toRead.forEach((shortId, i) => checks[i] !== false && excluded.add(shortId))
  }
  return excluded
}

// What checks found, per index (the one an isolate serves) and query tree: a reader paging through a phrase's results,
// or the same search asked again, reads no story a second time. Answers, not promises (workerd cancels a request
// awaiting another's); at most 64 trees of 500 booleans, outside the pieces' byte budget. Looked up once per search.
const remembered = new WeakMap<SearchIndex, Map<string, Map<number, boolean>>>()
/** Query trees whose checks are remembered per index; the oldest is forgotten first. */
const TREES_REMEMBERED = 64

function checksOf(index: SearchIndex, node: QueryNode): Map<number, boolean> {
  let trees = remembered.get(index)
  if (!trees) remembered.set(index, (trees = new Map()))
  const key = JSON.stringify(node)
  let checks = trees.get(key)
  if (checks) {
    trees.delete(key)
  } else {
    checks = new Map()
    if (trees.size >= TREES_REMEMBERED) trees.delete(trees.keys().next().value!)
  }
  trees.set(key, checks)
  return checks
}

/**
 * Whether each story may satisfy `node` without reading its text: false when an earlier search found it does not, or
 * when it lacks one of a phrase's runs of three words (remembered as a check); true otherwise, and when its pack
 * cannot be read (its text will say why).
 */
async function mayMatch(index: SearchIndex, shortIds: readonly number[], node: QueryNode, known: Map<number, boolean>): Promise<boolean[]> {
  return eachByPack(index, shortIds, async (shortId) => {
    if (known.has(shortId)) return known.get(shortId)!
    const triples = await index.storyTriples(shortId).catch(() => null)
    if (!triples || mayHavePhrases(node, triples)) return true
    known.set(shortId, false)
    return false
  })
}

/**
 * Whether each story satisfies `node`, its text read for the check unless an earlier search checked it; null for a
 * story whose text cannot be read (not remembered: it may be readable next time).
 */
async function checkStories(index: SearchIndex, shortIds: readonly number[], node: QueryNode, known: Map<number, boolean>, onError: (error: Error) => void): Promise<(boolean | null)[]> {
  const stories = await eachByPack(index, shortIds, (shortId) =>
    known.has(shortId)
      ? Promise.resolve(null)
      : index.phraseStory(shortId).catch((error: Error) => {
          onError(error)
          return null
        }),
  )
  return stories.map((story, i) => {
    const shortId = shortIds[i]!
    if (known.has(shortId)) return known.get(shortId)!
    if (story === null) return null
    const found = satisfies(node, story, index.table.plain[shortId] === 1)
    known.set(shortId, found)
    return found
  })
}
