// Browsing the archive by its names: every fandom, ship, character, author, tag, language or series with how many
// stories have it, from the story table alone (no text is read).
import type { StoryTable, ValueField } from '../../core/story-table'
import { foldForMatching } from '../../core/text'

/** What a reader can browse, the story table's column for it, and the filter parameter a name's search uses. */
export const BROWSE_KINDS = {
  fandoms: { label: 'Fandoms', one: 'fandom', field: 'fandoms', filter: 'fandom' },
  relationships: { label: 'Relationships', one: 'relationship', field: 'relationships', filter: 'relationship' },
  characters: { label: 'Characters', one: 'character', field: 'characters', filter: 'character' },
  authors: { label: 'Authors', one: 'author', field: 'authors', filter: 'author' },
  tags: { label: 'Tags', one: 'tag', field: 'tags', filter: 'tag' },
  languages: { label: 'Languages', one: 'language', field: 'languages', filter: 'language' },
  series: { label: 'Series', one: 'series', field: 'series', filter: 'series' },
} as const satisfies Record<string, { label: string; one: string; field: ValueField | 'series'; filter: string }>
export type BrowseKind = keyof typeof BROWSE_KINDS

export const BROWSE_SORTS = ['count', 'name'] as const
export type BrowseSort = (typeof BROWSE_SORTS)[number]
export const BROWSE_PAGE_SIZE = 100

export interface BrowsedName {
  name: string
  count: number
}

/**
 * One page of a kind's names with their story counts: most stories first (ties by name), or by name; only the names
 * that contain `contains` (case and accents aside) when it is given.
 */
export function browseNames(table: StoryTable, kind: BrowseKind, options: { sort: BrowseSort; page: number; contains: string }): { total: number; names: BrowsedName[] } {
  let all = namesWithCounts(table, kind)
  const wanted = foldForMatching(options.contains.trim())
  if (wanted !== '') all = all.filter((entry) => foldForMatching(entry.name).includes(wanted))
  // Names come in name order (the story table's); a stable sort keeps it among equal counts.
  if (options.sort !== 'name') all.sort((a, b) => b.count - a.count)
  const from = (options.page - 1) * BROWSE_PAGE_SIZE
  return { total: all.length, names: all.slice(from, from + BROWSE_PAGE_SIZE) }
}

function namesWithCounts(table: StoryTable, kind: BrowseKind): BrowsedName[] {
  const field = BROWSE_KINDS[kind].field
  if (field === 'series') {
    const counts = new Uint32Array(table.seriesTitles.length)
    for (let i = 0; i < table.slots; i++) if (table.live[i] === 1 && table.seriesOf[i]! >= 0) counts[table.seriesOf[i]!]!++
    return table.seriesTitles.map((name, n) => ({ name, count: counts[n]! })).filter((entry) => entry.count > 0)
  }
  const column = table.values[field]
  return column.names.map((name, n) => ({ name, count: column.counts[n]! })).filter((entry) => entry.count > 0)
}
