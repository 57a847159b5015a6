// Stories as pages list them: every story for the sitemap, and the stories an author's or series' neighbours come from.
import type { NeighbourCandidate, SeriesMember } from './story-neighbours'
import type { StoryTable } from './story-table'

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
