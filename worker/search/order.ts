// The orders a reader can sort results by, and how matches compare in each.
import { NO_DATE, type StoryTable } from '../../core/story-table'
import type { Match } from './search'

export const SORT_ORDERS = ['relevance', 'newest', 'oldest', 'updated', 'longest', 'shortest', 'title', 'author'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]

/** With no words to rank by, "relevance" means newest first. */
export function effectiveOrder(sort: SortOrder, browsing: boolean): SortOrder {
  return sort === 'relevance' && browsing ? 'newest' : sort
}

/** Orders matches; every order ends with the story id, so equal answers list the same stories in the same order. */
export function compareMatches(order: SortOrder, table: StoryTable): (a: Match, b: Match) => number {
  const { dateRank, updatedRank, words, titleRank, authorRank, idRank } = table
  const dated = (a: Match, b: Match, direction: 1 | -1, ranks = dateRank) => {
    const x = ranks[a.shortId]!
    const y = ranks[b.shortId]!
    if (x === y) return 0
    // Undated stories come last, newest first or oldest first.
    if (x === NO_DATE) return 1
    if (y === NO_DATE) return -1
    return (x - y) * direction
  }
  const compare: Record<SortOrder, (a: Match, b: Match) => number> = {
    relevance: (a, b) => Number(b.allWords) - Number(a.allWords) || b.score - a.score,
    newest: (a, b) => dated(a, b, -1),
    oldest: (a, b) => dated(a, b, 1),
    // Recently updated first, as AO3 lists works: a chapter added today brings an old work to the top.
    updated: (a, b) => dated(a, b, -1, updatedRank),
    longest: (a, b) => words[b.shortId]! - words[a.shortId]!,
    shortest: (a, b) => words[a.shortId]! - words[b.shortId]!,
    // The builder ranked titles and authors (folded, by locale) with the id as the tie-breaker.
    title: (a, b) => titleRank[a.shortId]! - titleRank[b.shortId]!,
    author: (a, b) => authorRank[a.shortId]! - authorRank[b.shortId]!,
  }
  return (a, b) => compare[order](a, b) || idRank[a.shortId]! - idRank[b.shortId]!
}
