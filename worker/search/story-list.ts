// Stories as pages list them: every story for the sitemap, the stories an author's or series' neighbours come from, and
// a series' works in reading order.
import type { NeighbourCandidate, SeriesMember } from './story-neighbours'
import type { Rating } from '../../core/story-record'
import type { StoryTable } from '../../core/story-table'
import { foldForMatching } from '../../core/text'

export interface ListedStory {
  id: string
  date: string | null
}

/** Every story of the archive, in id order. */
export function listStories(table: StoryTable): ListedStory[] {
  return Array.from(table.byId, (i) => ({ id: table.id(i), date: table.date(i) }))
}

/** The stories sharing an author with story `i` (itself included), as neighbour candidates and series members. */
export function storiesByAuthorsOf(table: StoryTable, i: number): (NeighbourCandidate & SeriesMember)[] {
  const column = table.values.authors
  const authors = new Set(column.items.subarray(column.offsets[i]!, column.offsets[i + 1]!))
  if (authors.size === 0) return []
  const found: (NeighbourCandidate & SeriesMember)[] = []
  for (let other = 0; other < table.slots; other++) {
    if (table.live[other] !== 1) continue
    for (let k = column.offsets[other]!; k < column.offsets[other + 1]!; k++) {
      if (!authors.has(column.items[k]!)) continue
      found.push({ id: table.id(other), title: table.title(other), authors: table.names('authors', other), date: table.date(other), series: table.series(other) })
      break
    }
  }
  return found
}

export interface SeriesWork {
  shortId: number
  id: string
  title: string
  authors: string[]
  rating: Rating
  words: number
  date: string | null
  complete: boolean | null
  part: number | null
}

/**
 * A series by its title (case and accents aside): its title as the archive writes it, and its works in reading order,
 * by part number (works without one after), then date. Null when no story is in such a series.
 */
export function seriesWorks(table: StoryTable, title: string): { title: string; works: SeriesWork[] } | null {
  const wanted = foldForMatching(title)
  const n = table.seriesTitles.findIndex((name) => foldForMatching(name) === wanted)
  if (n < 0) return null
  const works: SeriesWork[] = []
  for (let i = 0; i < table.slots; i++) {
    if (table.live[i] !== 1 || table.seriesOf[i] !== n) continue
    works.push({
      shortId: i, id: table.id(i), title: table.title(i), authors: table.names('authors', i), rating: table.rating(i), words: table.words[i]!,
      date: table.date(i), complete: table.complete(i), part: table.series(i)?.part ?? null,
    })
  }
  const order = (work: SeriesWork) => work.part ?? Number.MAX_SAFE_INTEGER
  works.sort((a, b) => order(a) - order(b) || (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title))
  return { title: table.seriesTitles[n]!, works }
}
