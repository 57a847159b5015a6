// The one parser for search parameters: every route that searches reads its input through here.
import { badRequest } from './errors'

export const MAX_QUERY_LENGTH = 500
export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 100
/** Deep pages cost as much as the whole result set; nobody reads page 1,000 of a fan archive. */
export const MAX_PAGE = 1000

export interface SearchParams {
  q: string
  page: number
  limit: number
}

/** Reads `q`, `page` and `limit` from a query string; throws a 400 ApiError naming the bad parameter. */
export function parseSearchParams(query: URLSearchParams): SearchParams {
  const q = (query.get('q') ?? '').trim()
  if (q.length > MAX_QUERY_LENGTH) {
    throw badRequest('query_too_long', `q must be at most ${MAX_QUERY_LENGTH} characters (got ${q.length})`)
  }
  return {
    q,
    page: readInteger(query, 'page', 1, 1, MAX_PAGE),
    limit: readInteger(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  }
}

function readInteger(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return fallback
  if (!/^-?\d{1,9}$/.test(raw.trim())) {
    throw badRequest('invalid_parameter', `${name} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 40)}")`)
  }
  const value = Number(raw)
  if (value < min || value > max) {
    throw badRequest('invalid_parameter', `${name} must be a whole number from ${min} to ${max} (got ${value})`)
  }
  return value
}
