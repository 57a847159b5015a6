// Previous and next stories for the story page: by the same author in date order, and within a series by part.

export interface NeighbourCandidate {
  id: string
  title: string
  authors: string[]
  date: string | null
}

export interface Neighbour {
  id: string
  title: string
}

export interface Neighbours {
  previous: Neighbour | null
  next: Neighbour | null
}

const byDateThenTitle = (a: NeighbourCandidate, b: NeighbourCandidate) =>
  (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id)

/**
 * The stories just before and after `current` among those sharing one of its authors, oldest first
 * (undated stories first, then by title). Stories without an author have no author neighbours.
 *
 * @example authorNeighbours(all, all[1]) // { previous: { id: 'a', title: 'First' }, next: { id: 'c', title: 'Third' } }
 */
export function authorNeighbours(candidates: readonly NeighbourCandidate[], current: NeighbourCandidate): Neighbours {
  if (current.authors.length === 0) return { previous: null, next: null }
  const authors = new Set(current.authors)
  const same = candidates.filter((story) => story.id === current.id || story.authors.some((author) => authors.has(author)))
  if (!same.some((story) => story.id === current.id)) same.push(current)
  return around([...same].sort(byDateThenTitle), current.id)
}

export interface SeriesMember {
  id: string
  title: string
  date: string | null
  series: { title: string; part: number | null } | null
}

/** The parts just before and after `current` in its series, ordered by part number, then date. */
export function seriesNeighbours(members: readonly SeriesMember[], current: SeriesMember): Neighbours {
  const series = current.series
  if (!series) return { previous: null, next: null }
  const same = members.filter((story) => story.id === current.id || story.series?.title === series.title)
  if (!same.some((story) => story.id === current.id)) same.push(current)
  const order = (story: SeriesMember) => story.series?.part ?? Number.MAX_SAFE_INTEGER
  same.sort((a, b) => order(a) - order(b) || (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title))
  return around(same, current.id)
}

function around(sorted: readonly { id: string; title: string }[], id: string): Neighbours {
  const at = sorted.findIndex((story) => story.id === id)
  const pick = (story: { id: string; title: string } | undefined) => (story ? { id: story.id, title: story.title } : null)
  return { previous: at > 0 ? pick(sorted[at - 1]) : null, next: pick(sorted[at + 1]) }
}
