// The one parser for search parameters: every route that searches reads its input through here.
import * as v from 'valibot'
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
/** The least a chapters or reading-time bound may be: every story has a chapter; a drabble reads in 0 minutes. */
export const LOWEST = { chapters: 1, minutes: 0 } as const

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

// ---- The schema: every search parameter once, with its bounds, read here and documented from here (OpenAPI).
// Query strings are text; whole numbers and flags are turned into numbers and booleans first (`toValue`), so the
// schema states what a value is, as the API documents it.

const got = (input: unknown) => (typeof input === 'number' ? String(input) : `"${String(input).slice(0, 40)}"`)

/** A whole number from `min` to `max`, and the message that names the parameter. */
function wholeNumber(name: string, min: number, max: number, description?: string) {
  const message = (issue: v.BaseIssue<unknown>) => `${name} must be a whole number from ${min} to ${max} (got ${got(issue.input)})`
  const schema = v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message))
  return description ? v.pipe(schema, v.description(description)) : schema
}

function flag(name: string, description?: string) {
  const schema = v.boolean((issue) => `${name} must be true or false (got ${got(issue.input)})`)
  return description ? v.pipe(schema, v.description(description)) : schema
}

function datePrefix(name: string, description: string) {
  return v.pipe(
    v.string(),
    v.check(isDatePrefix, (issue) => `${name} must be a date like 2008, 2008-05 or 2008-05-17 (got ${got(issue.input)})`),
    v.description(description),
  )
}

/** A repeatable include/exclude filter: `rating=Teen&rating=-Explicit`. */
function filterValues(name: string, description: string) {
  return v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(MAX_FILTER_VALUE_LENGTH, `each ${name} value must be at most ${MAX_FILTER_VALUE_LENGTH} characters`))),
    v.maxLength(MAX_FILTER_VALUES, (issue) => `${name} may be given at most ${MAX_FILTER_VALUES} times (got ${(issue.input as unknown[]).length})`),
    v.description(
      `${description} Repeatable (at most ${MAX_FILTER_VALUES}): values of one filter mean either, different filters all apply; a value starting with "-" excludes; "*" stands for any run of characters ("-*mimes", "-* Death*").`,
    ),
  )
}

const FILTER_DESCRIPTIONS: Record<FacetField, string> = {
  rating: 'Rating (General, Teen, Mature, Explicit, Not Rated, or G/T/M/E, PG-13, NC-17...).',
  fandom: 'Fandom name.',
  relationship: 'Relationship, e.g. "Clark Kent/Lana Lang".',
  character: 'Character name.',
  warning: 'Warning.',
  tag: 'Tag, category or genre.',
  author: 'Author name.',
  language: 'Language, named in English (Spanish, Chinese...): declared by the story or detected from its text.',
  series: 'Series title; `series:"Title"` in q does the same.',
}

const PERIOD = /^([1-9][0-9]{0,3})([dwmyDWMY])$/
const STALE = /^(-?)([1-9][0-9]{0,3})$/

/** Every search parameter: what `parseSearchParams` reads and what the OpenAPI document lists. */
export const SEARCH_PARAMETERS = v.object({
  q: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(MAX_QUERY_LENGTH, (issue) => `q must be at most ${MAX_QUERY_LENGTH} characters (got ${(issue.input as string).length})`),
      v.description(`The query, in the query language (see /help). At most ${MAX_QUERY_LENGTH} characters.`),
    ),
    '',
  ),
  page: v.optional(wholeNumber('page', 1, MAX_PAGE), 1),
  limit: v.optional(wholeNumber('limit', 1, MAX_LIMIT), DEFAULT_LIMIT),
  sort: v.optional(v.picklist(SORT_ORDERS, (issue) => `sort must be one of ${SORT_ORDERS.join(', ')} (got ${got(issue.input)})`), 'relevance'),
  facet_limit: v.optional(wholeNumber('facet_limit', 1, MAX_FACET_LIMIT), DEFAULT_FACET_LIMIT),
  ...(Object.fromEntries((Object.keys(FACET_FIELDS) as FacetField[]).map((field) => [field, v.optional(filterValues(field, FILTER_DESCRIPTIONS[field]), [])])) as unknown as Record<
    FacetField,
    v.OptionalSchema<ReturnType<typeof filterValues>, string[]>
  >),
  words_min: v.optional(wholeNumber('words_min', 0, 1e9)),
  words_max: v.optional(wholeNumber('words_max', 0, 1e9)),
  date_from: v.optional(datePrefix('date_from', 'Posted on or after: YYYY, YYYY-MM or YYYY-MM-DD, inclusive.')),
  date_to: v.optional(datePrefix('date_to', 'Posted on or before: YYYY, YYYY-MM or YYYY-MM-DD, inclusive.')),
  complete: v.optional(flag('complete')),
  primary_pairing: v.optional(flag('primary_pairing', "Included relationships match only a story's first relationship, its main pairing."), false),
  fandoms_max: v.optional(wholeNumber('fandoms_max', 1, 1000, 'At most this many fandoms: 1 hides every crossover.')),
  chapters_min: v.optional(wholeNumber('chapters_min', LOWEST.chapters, 100_000)),
  chapters_max: v.optional(wholeNumber('chapters_max', LOWEST.chapters, 100_000)),
  minutes_min: v.optional(wholeNumber('minutes_min', LOWEST.minutes, 1e7, 'Reading time in minutes, at least (as story pages show it, 250 words a minute).')),
  minutes_max: v.optional(wholeNumber('minutes_max', LOWEST.minutes, 1e7, 'Reading time in minutes, at most.')),
  updated_within: v.optional(
    v.pipe(
      v.string(),
      v.regex(PERIOD, (issue) => `updated_within must be a period like 7d, 2w, 6m or 1y, at most 100 years (got ${got(issue.input)})`),
      v.check((value) => monthsIn(value) <= MAX_MONTHS, (issue) => `updated_within must be a period like 7d, 2w, 6m or 1y, at most 100 years (got ${got(issue.input)})`),
      v.description('Updated within this period back from today (UTC): a number and d, w, m or y, e.g. 30d, 6m, 1y; at most 100 years.'),
    ),
  ),
  stale: v.optional(
    v.pipe(
      v.string(),
      v.regex(STALE, (issue) => `stale must be a number of months from 1 to ${MAX_MONTHS}, with a minus to hide stale works in progress (got ${got(issue.input)})`),
      v.check((value) => Number(value.replace('-', '')) <= MAX_MONTHS, `stale must be a number of months from 1 to ${MAX_MONTHS}`),
      v.description('Works in progress not updated for this many months: only those, or with a leading "-" none of them (hide abandoned works).'),
    ),
  ),
})

type Parameters = v.InferOutput<typeof SEARCH_PARAMETERS>

/** Each parameter's kind of value (`number`, `boolean`, `array`, `string`...), read from the schema once. */
const PARAMETER_TYPES = Object.entries(SEARCH_PARAMETERS.entries).map(([name, schema]) => [name, v.unwrap(schema).type] as const)

/** The parameters the schema lists, as the query string has them: lists for filters, numbers and flags read as such. */
function toValues(query: URLSearchParams): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [name, type] of PARAMETER_TYPES) {
    if (type === 'array') {
      const all = query.getAll(name)
      // An empty value, or a lone "-", chooses nothing (an empty form field); too many values are refused as given.
      const chosen = all.map((value) => value.trim()).filter((value) => value !== '' && value !== '-')
      if (all.length > MAX_FILTER_VALUES) values[name] = all
      else if (chosen.length > 0) values[name] = chosen
      continue
    }
    const raw = query.get(name)
    if (raw === null || (raw.trim() === '' && name !== 'q')) continue
    const text = name === 'q' ? raw : raw.trim()
    if (type === 'number') values[name] = /^-?\d{1,10}$/.test(text) ? Number(text) : text
    else if (type === 'boolean') values[name] = /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : text
    else values[name] = text
  }
  return values
}

/** Reads every search parameter; throws a 400 ApiError naming the first bad one. `today` is the UTC day relative filters count from. */
export function parseSearchParams(query: URLSearchParams, today: string = new Date().toISOString().slice(0, 10)): SearchInput {
  const result = v.safeParse(SEARCH_PARAMETERS, toValues(query), { abortEarly: true })
  if (!result.success) {
    const issue = result.issues[0]
    const name = issue.path?.[0]?.key
    throw badRequest(name === 'q' ? 'query_too_long' : 'invalid_parameter', issue.message)
  }
  const parameters = result.output
  const parsed = parseQuery(parameters.q)
  const typed = (value: string) => readRating(value) ?? badRating(`rating:${value}`)
  const ratings = { include: parsed.ratings.include.map(typed), exclude: parsed.ratings.exclude.map(typed) }
  // `rating:` typed in q filters as the rating parameter does, read once, here.
  const filters = readFilters(parameters, today)
  filters.include.rating.push(...ratings.include)
  filters.exclude.rating.push(...ratings.exclude)
  filters.include.series.push(...parsed.series.include)
  filters.exclude.series.push(...parsed.series.exclude)
  return { q: parameters.q, query: parsed, filters, sort: parameters.sort as SortOrder, page: parameters.page, limit: parameters.limit, facetLimit: parameters.facet_limit }
}

function badRating(typed: string): never {
  throw badRequest('invalid_parameter', `rating must be General, Teen, Mature, Explicit or Not Rated, or a code such as PG-13 or NSFW (got "${typed.slice(0, 40)}")`)
}

/** The filters from the checked parameters: `rating=Teen` includes, `rating=-Explicit` excludes. */
function readFilters(parameters: Parameters, today: string): Filters {
  const filters = emptyFilters()
  for (const field of Object.keys(FACET_FIELDS) as FacetField[]) {
    for (const value of parameters[field]) {
      const exclude = value.startsWith('-')
      let name = exclude ? value.slice(1).trim() : value
      if (field === 'rating') name = readRating(name) ?? badRating(name)
      ;(exclude ? filters.exclude : filters.include)[field].push(name)
    }
  }
  filters.wordsMin = parameters.words_min ?? null
  filters.wordsMax = parameters.words_max ?? null
  filters.dateFrom = parameters.date_from ?? null
  filters.dateBefore = parameters.date_to === undefined ? null : nextDate(parameters.date_to)
  filters.complete = parameters.complete ?? null
  filters.primaryPairing = parameters.primary_pairing
  filters.fandomsMax = parameters.fandoms_max ?? null
  filters.chaptersMin = parameters.chapters_min ?? null
  filters.chaptersMax = parameters.chapters_max ?? null
  filters.minutesMin = parameters.minutes_min ?? null
  filters.minutesMax = parameters.minutes_max ?? null
  if (parameters.updated_within !== undefined) {
    const [days, months] = periodBack(parameters.updated_within)
    filters.updatedFrom = daysBefore(monthsBefore(today, months), days)
  }
  if (parameters.stale !== undefined) {
    const [, minus, months] = STALE.exec(parameters.stale)!
    filters.stale = { before: monthsBefore(today, Number(months)), include: minus === '' }
  }
  return filters
}

/** The months a period reaches back, a day counted as a month's 31st part: what the 100-year bound is checked on. */
function monthsIn(period: string): number {
  const [days, months] = periodBack(period)
  return months + days / 31
}

/** A period (`7d`, `2w`, `6m`, `1y`) as days and months to go back: weeks are seven days, years twelve months. */
function periodBack(period: string): [days: number, months: number] {
  const [, count, unit] = PERIOD.exec(period)!
  const n = Number(count)
  switch (unit!.toLowerCase()) {
    case 'd':
      return [n, 0]
    case 'w':
      return [n * 7, 0]
    case 'y':
      return [0, n * 12]
    default:
      return [0, n]
  }
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
