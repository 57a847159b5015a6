// The one parser for search parameters: every route that searches reads its input through here.
import { badRequest } from '../errors'
import { DEFAULT_FACET_LIMIT, MAX_FACET_LIMIT } from '../search/facets'
import { FACET_FIELDS, emptyFilters, type FacetField, type Filters } from '../search/filters'
import { readRating } from '../../core/ratings'
import { isDatePrefix, nextDate, parseQuery } from './query-parser'
import { SORT_ORDERS, type SortOrder } from '../search/order'
import type { SearchRequest } from '../search/search'

export const MAX_QUERY_LENGTH = 500
export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 100
/** Deep pages cost as much as the whole result set; nobody reads page 1,000 of a fan archive. */
export const MAX_PAGE = 1000
/** Values per filter parameter (`rating=…&rating=…`), and characters per value. */
export const MAX_FILTER_VALUES = 20
export const MAX_FILTER_VALUE_LENGTH = 200

export interface SearchInput extends SearchRequest {
  /** The query text as given, trimmed. */
  q: string
}

/**
 * Whether a search counts back from today (`updated_within=6m`, `stale=12`): its answer changes with the date as well
 * as the index, so it is cached for the day.
 */
export function dependsOnDay(query: URLSearchParams): boolean {
  return Boolean(query.get('updated_within')?.trim() || query.get('stale')?.trim())
}

/** The longest period a relative filter reaches back: a hundred years. */
const MAX_MONTHS = 1200

/** Reads every search parameter; throws a 400 ApiError naming the first bad one. `today` is the UTC day relative filters count from. */
export function parseSearchParams(query: URLSearchParams, today: string = new Date().toISOString().slice(0, 10)): SearchInput {
  const q = (query.get('q') ?? '').trim()
  if (q.length > MAX_QUERY_LENGTH) {
    throw badRequest('query_too_long', `q must be at most ${MAX_QUERY_LENGTH} characters (got ${q.length})`)
  }
  const parsed = parseQuery(q)
  const typed = (value: string) => readRating(value) ?? badRating(`rating:${value}`)
  const ratings = { include: parsed.ratings.include.map(typed), exclude: parsed.ratings.exclude.map(typed) }
  // `rating:` typed in q filters as the rating parameter does, read once, here.
  const filters = readFilters(query, today)
  filters.include.rating.push(...ratings.include)
  filters.exclude.rating.push(...ratings.exclude)
  filters.include.series.push(...parsed.series.include)
  filters.exclude.series.push(...parsed.series.exclude)
  return {
    q,
    query: parsed,
    filters,
    sort: readSort(query),
    page: readInteger(query, 'page', 1, 1, MAX_PAGE),
    limit: readInteger(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    facetLimit: readInteger(query, 'facet_limit', DEFAULT_FACET_LIMIT, 1, MAX_FACET_LIMIT),
  }
}

function badRating(typed: string): never {
  throw badRequest('invalid_parameter', `rating must be General, Teen, Mature, Explicit or Not Rated, or a code such as PG-13 or NSFW (got "${typed.slice(0, 40)}")`)
}

function readSort(query: URLSearchParams): SortOrder {
  const sort = query.get('sort')
  if (sort === null || sort === '') return 'relevance'
  if ((SORT_ORDERS as readonly string[]).includes(sort)) return sort as SortOrder
  throw badRequest('invalid_parameter', `sort must be one of ${SORT_ORDERS.join(', ')} (got "${sort.slice(0, 40)}")`)
}

/** `rating=Teen` includes, `rating=-Explicit` excludes; each filter parameter may repeat. */
function readFilters(query: URLSearchParams, today: string): Filters {
  const filters = emptyFilters()
  for (const field of Object.keys(FACET_FIELDS) as FacetField[]) {
    const values = query.getAll(field)
    if (values.length > MAX_FILTER_VALUES) {
      throw badRequest('invalid_parameter', `${field} may be given at most ${MAX_FILTER_VALUES} times (got ${values.length})`)
    }
    for (const raw of values) {
      const value = raw.trim()
      if (value === '' || value === '-') continue
      if (value.length > MAX_FILTER_VALUE_LENGTH) {
        throw badRequest('invalid_parameter', `each ${field} value must be at most ${MAX_FILTER_VALUE_LENGTH} characters`)
      }
      const exclude = value.startsWith('-')
      let name = exclude ? value.slice(1).trim() : value
      if (field === 'rating') {
        name = readRating(name) ?? badRating(name)
      }
      ;(exclude ? filters.exclude : filters.include)[field].push(name)
    }
  }
  filters.wordsMin = readOptionalInteger(query, 'words_min', 0, 1e9)
  filters.wordsMax = readOptionalInteger(query, 'words_max', 0, 1e9)
  filters.dateFrom = readDate(query, 'date_from')
  const dateTo = readDate(query, 'date_to')
  filters.dateBefore = dateTo === null ? null : nextDate(dateTo)
  const complete = query.get('complete')
  if (complete !== null && complete !== '') {
    if (/^(true|yes|1)$/i.test(complete)) filters.complete = true
    else if (/^(false|no|0)$/i.test(complete)) filters.complete = false
    else throw badRequest('invalid_parameter', `complete must be true or false (got "${complete.slice(0, 40)}")`)
  }
  filters.primaryPairing = readFlag(query, 'primary_pairing')
  filters.fandomsMax = readOptionalInteger(query, 'fandoms_max', 1, 1000)
  filters.chaptersMin = readOptionalInteger(query, 'chapters_min', 1, 100_000)
  filters.chaptersMax = readOptionalInteger(query, 'chapters_max', 1, 100_000)
  filters.minutesMin = readOptionalInteger(query, 'minutes_min', 0, 1e7)
  filters.minutesMax = readOptionalInteger(query, 'minutes_max', 0, 1e7)
  const within = query.get('updated_within')?.trim()
  if (within) {
    const period = /^([1-9]\d{0,3})\s*([dwmy])$/i.exec(within)
    const [days, months] = period ? periodOf(Number(period[1]), period[2]!.toLowerCase()) : [0, 0]
    if (!period || months > MAX_MONTHS || days > MAX_MONTHS * 31) {
      throw badRequest('invalid_parameter', `updated_within must be a period like 7d, 2w, 6m or 1y, at most 100 years (got "${within.slice(0, 40)}")`)
    }
    filters.updatedFrom = daysBefore(monthsBefore(today, months), days)
  }
  const stale = query.get('stale')?.trim()
  if (stale) {
    const months = /^(-?)([1-9]\d{0,3})$/.exec(stale)
    if (!months || Number(months[2]) > MAX_MONTHS) {
      throw badRequest('invalid_parameter', `stale must be a number of months from 1 to ${MAX_MONTHS}, with a minus to hide stale works in progress (got "${stale.slice(0, 40)}")`)
    }
    filters.stale = { before: monthsBefore(today, Number(months[2])), include: months[1] === '' }
  }
  return filters
}

function readFlag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name)?.trim()
  if (!value) return false
  if (/^(true|yes|1)$/i.test(value)) return true
  if (/^(false|no|0)$/i.test(value)) return false
  throw badRequest('invalid_parameter', `${name} must be true or false (got "${value.slice(0, 40)}")`)
}

/** A period as days and months to go back: weeks are seven days, years twelve months. */
function periodOf(count: number, unit: string): [days: number, months: number] {
  if (unit === 'd') return [count, 0]
  if (unit === 'w') return [count * 7, 0]
  return [0, unit === 'y' ? count * 12 : count]
}

/** The ISO day `months` calendar months before `day` (the 31st falls back to the month's last day). */
export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const total = year * 12 + (month - 1) - months
  const lastDay = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate()
  return new Date(Date.UTC(Math.floor(total / 12), total % 12, Math.min(date, lastDay))).toISOString().slice(0, 10)
}

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
}

function readDate(query: URLSearchParams, name: string): string | null {
  const value = query.get(name)
  if (value === null || value.trim() === '') return null
  if (!isDatePrefix(value.trim())) throw badRequest('invalid_parameter', `${name} must be a date like 2008, 2008-05 or 2008-05-17 (got "${value.slice(0, 40)}")`)
  return value.trim()
}

function readOptionalInteger(query: URLSearchParams, name: string, min: number, max: number): number | null {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return null
  return readInteger(query, name, 0, min, max)
}

function readInteger(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return fallback
  if (!/^-?\d{1,10}$/.test(raw.trim())) {
    throw badRequest('invalid_parameter', `${name} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}")`)
  }
  const value = Number(raw)
  if (value < min || value > max) {
    throw badRequest('invalid_parameter', `${name} must be a whole number from ${min} to ${max} (got ${value})`)
  }
  return value
}
