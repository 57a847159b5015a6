// Filters on story metadata (rating, fandom, ships, length, date...), from API parameters and from `q`, applied in one place.
import type { RangeFilters } from './query-parser'
import { RATINGS } from './story-record'
import { NO_DATE, type StoryTable, type ValueColumn, type ValueField } from './story-table'
import { foldForMatching } from './text'

/** Metadata a reader can include or exclude by value, and the story table's field holding it. */
export const FACET_FIELDS = {
  rating: 'rating',
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  warning: 'warnings',
  tag: 'tags',
  author: 'authors',
  language: 'languages',
  series: 'series',
} as const satisfies Record<string, ValueField | 'rating' | 'series'>
export type FacetField = keyof typeof FACET_FIELDS

/** The filters without what is included in the given fields (what is excluded stays). */
export function withoutIncluded(filters: Filters, fields: readonly FacetField[]): Filters {
  return { ...filters, include: { ...filters.include, ...Object.fromEntries(fields.map((field) => [field, []])) } }
}

export interface Filters extends RangeFilters {
  include: Record<FacetField, string[]>
  exclude: Record<FacetField, string[]>
  complete: boolean | null
}

export function emptyFilters(): Filters {
  const none = () => Object.fromEntries(Object.keys(FACET_FIELDS).map((field) => [field, []])) as unknown as Record<FacetField, string[]>
  return { include: none(), exclude: none(), complete: null, wordsMin: null, wordsMax: null, dateFrom: null, dateBefore: null }
}

// Each column's names folded, once per table: filters compare folded values.
const foldedNames = new WeakMap<ValueColumn, string[]>()

function folded(column: ValueColumn): string[] {
  let names = foldedNames.get(column)
  if (!names) foldedNames.set(column, (names = column.names.map(foldForMatching)))
  return names
}

/**
 * Compiles filters once per request into a test of a story by its short id: names become sets of the table's name
 * numbers, dates become positions among the archive's dates, so checking a story is a few array lookups.
 */
export function compileFilters(filters: Filters, table: StoryTable): (shortId: number) => boolean {
  const checks: ((i: number) => boolean)[] = []
  for (const field of Object.keys(FACET_FIELDS) as FacetField[]) {
    const include = filters.include[field].map(foldForMatching)
    const exclude = new Set(filters.exclude[field].map(foldForMatching))
    if (field === 'rating') {
      const ratingsOf = (values: Iterable<string>) => new Set(RATINGS.flatMap((rating, i) => ([...values].includes(foldForMatching(rating)) ? [i] : [])))
      // A story has one rating, so two ratings mean either one.
      if (include.length > 0) {
        const wanted = ratingsOf(include)
        checks.push((i) => wanted.has(table.ratings[i]!))
      }
      if (exclude.size > 0) {
        const unwanted = ratingsOf(exclude)
        checks.push((i) => !unwanted.has(table.ratings[i]!))
      }
      continue
    }
    if (field === 'series') {
      // A story is in one series: two series mean either.
      const titles = table.seriesTitles.map(foldForMatching)
      const seriesOf = (values: Iterable<string>) => new Set([...values].flatMap((value) => titles.flatMap((title, n) => (title === value ? [n] : []))))
      if (include.length > 0) {
        const wanted = seriesOf(include)
        checks.push((i) => wanted.has(table.seriesOf[i]!))
      }
      if (exclude.size > 0) {
        const unwanted = seriesOf(exclude)
        checks.push((i) => !unwanted.has(table.seriesOf[i]!))
      }
      continue
    }
    const column = table.values[FACET_FIELDS[field]]
    const names = folded(column)
    const numbersOf = (value: string) => new Set(names.flatMap((name, n) => (name === value ? [n] : [])))
    const has = (i: number, numbers: Set<number>) => {
      for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++) if (numbers.has(column.items[k]!)) return true
      return false
    }
    // Values chosen in one field mean any of them, as faceted search does (Algolia's refinement lists); a story with
    // every one of them is what `character:"a" character:"b"` in the query finds.
    if (include.length > 0) {
      const numbers = new Set(include.flatMap((value) => [...numbersOf(value)]))
      checks.push((i) => has(i, numbers))
    }
    if (exclude.size > 0) {
      const numbers = new Set([...exclude].flatMap((value) => [...numbersOf(value)]))
      checks.push((i) => !has(i, numbers))
    }
  }
  const { wordsMin, wordsMax, dateFrom, dateBefore, complete } = filters
  if (wordsMin !== null) checks.push((i) => table.words[i]! >= wordsMin)
  if (wordsMax !== null) checks.push((i) => table.words[i]! <= wordsMax)
  // Dates compare as text (`2008` before `2008-05`); their positions among the archive's sorted dates do the same.
  if (dateFrom !== null) {
    const from = table.dateBound(dateFrom)
    checks.push((i) => table.dateRank[i]! >= from && table.dateRank[i] !== NO_DATE)
  }
  if (dateBefore !== null) {
    const before = table.dateBound(dateBefore)
    checks.push((i) => table.dateRank[i]! < before)
  }
  if (complete !== null) checks.push((i) => table.completes[i] === (complete ? 1 : 0))
  return (i) => {
    for (const check of checks) if (!check(i)) return false
    return true
  }
}
