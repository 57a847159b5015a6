// Filters on story metadata (rating, fandom, ships, length, date...), from API parameters and from `q`, applied in one place.
import { spellingKey } from '../../core/fandom-short-names'
import type { RangeFilters } from '../query/query-parser'
import { RATINGS, readingMinutes } from '../../core/story-record'
import { NO_DATE, type StoryTable, type ValueColumn, type ValueField } from '../../core/story-table'
import { foldForMatching } from '../../core/text'

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

export interface Filters extends RangeFilters {
  /** Names to include or exclude per field; `*` in a name stands for any run of characters (`*mimes`, `* Death*`). */
  include: Record<FacetField, string[]>
  exclude: Record<FacetField, string[]>
  complete: boolean | null
  /** Included relationships match a story's first relationship only: its main pairing, as AO3 lists it first. */
  primaryPairing: boolean
  /** At most this many fandoms: a standing filter against crossovers. */
  fandomsMax: number | null
  chaptersMin: number | null
  chaptersMax: number | null
  /** Reading time in minutes, as the story pages show it. */
  minutesMin: number | null
  minutesMax: number | null
  /** Updated on or after this date. */
  updatedFrom: string | null
  /** Works in progress last updated before `before`: only those (`include`) or none of them. */
  stale: { before: string; include: boolean } | null
}

export function emptyFilters(): Filters {
  const none = () => Object.fromEntries(Object.keys(FACET_FIELDS).map((field) => [field, []])) as unknown as Record<FacetField, string[]>
  return {
    include: none(), exclude: none(), complete: null, wordsMin: null, wordsMax: null, dateFrom: null, dateBefore: null,
    primaryPairing: false, fandomsMax: null, chaptersMin: null, chaptersMax: null, minutesMin: null, minutesMax: null, updatedFrom: null, stale: null,
  }
}

/**
 * Whether a filter value names this (folded) name: equal, or matching its wildcards, where `*` stands for any run
 * of characters, as AO3 blockers take them (`*mimes` hides "Street Mimes"; `* Death*` hides "Major Character Death").
 * Matched part by part with indexOf, never as a regular expression: a value with many stars costs one pass per name,
 * where a backtracking pattern could spin for seconds.
 */
export function nameMatcher(value: string): (name: string) => boolean {
  if (!value.includes('*')) return (name) => name === value
  const parts = value.split('*')
  const first = parts[0]!
  const last = parts.at(-1)!
  const middle = parts.slice(1, -1).filter(Boolean)
  return (name) => {
    if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false
    // Each middle part as early as it can stand: if any placement fits, the earliest does.
    let at = first.length
    const end = name.length - last.length
    for (const part of middle) {
      const found = name.indexOf(part, at)
      if (found === -1 || found + part.length > end) return false
      at = found + part.length
    }
    return true
  }
}

// Each column's names folded, once per table: filters compare folded values.
const foldedNames = new WeakMap<ValueColumn, string[]>()

function folded(column: ValueColumn): string[] {
  let names = foldedNames.get(column)
  if (!names) foldedNames.set(column, (names = column.names.map(foldForMatching)))
  return names
}

const keyedNames = new WeakMap<ValueColumn, string[]>()

/** A column's names as fandom spellings are compared (spellingKey), worked out once per table. */
function spellingKeys(column: ValueColumn): string[] {
  let names = keyedNames.get(column)
  if (!names) keyedNames.set(column, (names = column.names.map(spellingKey)))
  return names
}

type Check = (shortId: number) => boolean

/** Filters compiled for one search, with the values chosen in some fields kept apart (for disjunctive facets). */
export interface CompiledFilters {
  /** Every filter but the values included in the fields kept apart. */
  others: Check
  /** Whether a story has a value chosen in each field kept apart, but `except`'s. */
  passesApart(shortId: number, except?: FacetField): boolean
  /** Whether any field is kept apart with values chosen. */
  hasApart: boolean
}

/**
 * Compiles filters once per search into tests of a story by its short id: names become sets of the table's name
 * numbers, dates become positions among the archive's dates, so checking a story is a few array lookups. The values
 * included in `apart`'s fields are checked on their own, so a facet can be counted as if its own were not chosen.
 */
export function compileFilters(filters: Filters, table: StoryTable, apart: readonly FacetField[] = []): CompiledFilters {
  const checks: Check[] = []
  const apartChecks = new Map<FacetField, Check>()
  const include = (field: FacetField, check: Check) => (apart.includes(field) ? apartChecks.set(field, check) : checks.push(check))
  for (const field of Object.keys(FACET_FIELDS) as FacetField[]) {
    const included = filters.include[field].map(foldForMatching)
    const exclude = new Set(filters.exclude[field].map(foldForMatching))
    // A field without values costs nothing: folding its names took a cold isolate's first search milliseconds.
    if (included.length === 0 && exclude.size === 0) continue
    // A story has one rating and is in at most one series: two values of either mean either one.
    if (field === 'rating' || field === 'series') {
      const [names, of] = field === 'rating' ? [RATINGS, table.ratings] : [table.seriesTitles, table.seriesOf]
      const foldedValues = names.map(foldForMatching)
      const numbersOf = (values: Iterable<string>) => {
        const matchers = [...values].map(nameMatcher)
        return new Set(foldedValues.flatMap((name, n) => (matchers.some((matches) => matches(name)) ? [n] : [])))
      }
      if (included.length > 0) {
        const wanted = numbersOf(included)
        include(field, (i) => wanted.has(of[i]!))
      }
      if (exclude.size > 0) {
        const unwanted = numbersOf(exclude)
        checks.push((i) => !unwanted.has(of[i]!))
      }
      continue
    }
    const column = table.values[FACET_FIELDS[field]]
    const names = folded(column)
    const numbersOf = (value: string) => {
      // A fandom named without a wildcard is found however the archive spells it (oneSpellingEach): `fandom=quiet
      // detectives` is "The Quiet Detectives".
      if (field === 'fandom' && !value.includes('*')) {
        const key = spellingKey(value)
        return new Set(spellingKeys(column).flatMap((name, n) => (name === key ? [n] : [])))
      }
      const matches = nameMatcher(value)
      return new Set(names.flatMap((name, n) => (matches(name) ? [n] : [])))
    }
    const has = (i: number, numbers: Set<number>, first = false) => {
      const end = first ? Math.min(column.offsets[i]! + 1, column.offsets[i + 1]!) : column.offsets[i + 1]!
      for (let k = column.offsets[i]!; k < end; k++) if (numbers.has(column.items[k]!)) return true
      return false
    }
    // Values chosen in one field mean any of them, as faceted search does (Algolia's refinement lists); a story with
    // every one of them is what `character:"a" character:"b"` in the query finds.
    if (included.length > 0) {
      const numbers = new Set(included.flatMap((value) => [...numbersOf(value)]))
      const first = field === 'relationship' && filters.primaryPairing
      include(field, (i) => has(i, numbers, first))
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
  const { fandomsMax, chaptersMin, chaptersMax, minutesMin, minutesMax, updatedFrom, stale } = filters
  if (fandomsMax !== null) {
    const fandoms = table.values.fandoms.offsets
    checks.push((i) => fandoms[i + 1]! - fandoms[i]! <= fandomsMax)
  }
  if (chaptersMin !== null) checks.push((i) => table.chapters[i]! >= chaptersMin)
  if (chaptersMax !== null) checks.push((i) => table.chapters[i]! <= chaptersMax)
  if (minutesMin !== null) checks.push((i) => readingMinutes(table.words[i]!) >= minutesMin)
  if (minutesMax !== null) checks.push((i) => readingMinutes(table.words[i]!) <= minutesMax)
  if (updatedFrom !== null) {
    const from = table.dateBound(updatedFrom)
    checks.push((i) => table.updatedRank[i]! >= from && table.updatedRank[i] !== NO_DATE)
  }
  if (stale !== null) {
    // A work in progress is one its file says is unfinished; one whose last update is unknown is not called stale.
    const before = table.dateBound(stale.before)
    const isStale = (i: number) => table.completes[i] === 0 && table.updatedRank[i]! < before
    checks.push(stale.include ? isStale : (i) => !isStale(i))
  }
  const apartEntries = [...apartChecks]
  return {
    others: (i) => {
      for (const check of checks) if (!check(i)) return false
      return true
    },
    passesApart: (i, except) => {
      for (const [field, check] of apartEntries) if (field !== except && !check(i)) return false
      return true
    },
    hasApart: apartEntries.length > 0,
  }
}
