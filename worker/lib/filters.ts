// Filters on story metadata (rating, fandom, ships, length, date...), from API parameters and from `q`, applied in one place.
import type { StoredStory } from './index-contract'
import type { RangeFilters } from './query-parser'
import { RATINGS, type Rating } from './story-record'
import { foldForMatching } from './text'

/** Metadata a reader can include or exclude by value, and the stored field holding it. */
export const FACET_FIELDS = {
  rating: 'rating',
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  warning: 'warnings',
  tag: 'tags',
  author: 'authors',
} as const satisfies Record<string, keyof StoredStory>
export type FacetField = keyof typeof FACET_FIELDS

export interface Filters extends RangeFilters {
  include: Record<FacetField, string[]>
  exclude: Record<FacetField, string[]>
  complete: boolean | null
}

export function emptyFilters(): Filters {
  const none = () => Object.fromEntries(Object.keys(FACET_FIELDS).map((field) => [field, []])) as unknown as Record<FacetField, string[]>
  return { include: none(), exclude: none(), complete: null, wordsMin: null, wordsMax: null, dateFrom: null, dateBefore: null }
}

// The usual rating vocabularies (AO3, FFN, MPAA, fanfiction.net's "Fiction X") mapped to AO3's five.
const RATING_ALIASES: Record<string, Rating> = {
  g: 'General', general: 'General', 'general audiences': 'General', pg: 'General', k: 'General', 'k+': 'General', frc: 'General', gen: 'General',
  t: 'Teen', teen: 'Teen', 'teen and up': 'Teen', 'teen and up audiences': 'Teen', 'pg-13': 'Teen', 'pg-15': 'Teen', pg13: 'Teen', frt: 'Teen', fr13: 'Teen', fr15: 'Teen',
  m: 'Mature', mature: 'Mature', r: 'Mature', frm: 'Mature',
  e: 'Explicit', explicit: 'Explicit', 'nc-17': 'Explicit', 'nc-18': 'Explicit', nc17: 'Explicit', x: 'Explicit', ma: 'Explicit', frao: 'Explicit',
  nr: 'Not Rated', 'not rated': 'Not Rated', unrated: 'Not Rated', 'not-rated': 'Not Rated',
}

/** Reads a rating as a reader types it (`T`, `pg-13`, `Teen And Up Audiences`); null when it is no rating. */
export function ratingFromInput(value: string): Rating | null {
  const key = foldForMatching(value).replace(/^fiction\s+/, '').replace(/[_\s]+/g, ' ').trim()
  return RATING_ALIASES[key] ?? RATINGS.find((rating) => rating.toLowerCase() === key) ?? null
}

/** A filter compiled once per request: folded value sets, so checking a story is a few set lookups. */
export interface CompiledFilters {
  test(story: StoredStory): boolean
}

export function compileFilters(filters: Filters): CompiledFilters {
  const checks: ((story: StoredStory) => boolean)[] = []
  for (const field of Object.keys(FACET_FIELDS) as FacetField[]) {
    const key = FACET_FIELDS[field]
    const include = new Set(filters.include[field].map(foldForMatching))
    const exclude = new Set(filters.exclude[field].map(foldForMatching))
    const valuesOf = (story: StoredStory): string[] => {
      const value = story[key] as string | string[]
      return (Array.isArray(value) ? value : [value]).map(foldForMatching)
    }
    if (include.size > 0 && field === 'rating') {
      // A story has one rating, so two ratings mean either one.
      checks.push((story) => valuesOf(story).some((value) => include.has(value)))
    } else if (include.size > 0) {
      // Two characters (or ships, tags...) mean stories with both, as AO3 filters do.
      checks.push((story) => {
        const values = new Set(valuesOf(story))
        for (const wanted of include) if (!values.has(wanted)) return false
        return true
      })
    }
    if (exclude.size > 0) checks.push((story) => !valuesOf(story).some((value) => exclude.has(value)))
  }
  const { wordsMin, wordsMax, dateFrom, dateBefore, complete } = filters
  if (wordsMin !== null) checks.push((story) => story.words >= wordsMin)
  if (wordsMax !== null) checks.push((story) => story.words <= wordsMax)
  if (dateFrom !== null) checks.push((story) => story.date !== null && story.date >= dateFrom)
  if (dateBefore !== null) checks.push((story) => story.date !== null && story.date < dateBefore)
  if (complete !== null) checks.push((story) => story.complete === complete)
  return { test: (story) => checks.every((check) => check(story)) }
}
