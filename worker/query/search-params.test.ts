// Reading the search's parameters through their one schema: defaults, bounds, and a 400 naming the bad one.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import { parseSearchParams } from './search-params'

const parse = (query: string) => parseSearchParams(new URLSearchParams(query))

describe('parseSearchParams', () => {
  it('applies defaults', () => {
    expect(parse('')).toMatchObject({ q: '', page: 1, limit: 10, sort: 'relevance', facetLimit: 10, query: { root: null } })
  })

  it('trims the query and reads page and limit', () => {
    expect(parse('q=%20clark%20&page=3&limit=100')).toMatchObject({ q: 'clark', page: 3, limit: 100 })
  })

  it.each(['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'page=0', 'page=-1', 'page=1e3', 'page=99999999999'])(
    'rejects %s with a 400 naming the parameter',
    (query) => {
      let error: unknown
      try {
        parse(query)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).status).toBe(400)
      expect((error as ApiError).message).toContain(query.split('=')[0])
    },
  )

  it('rejects a query longer than 500 characters', () => {
    expect(() => parse(`q=${'a'.repeat(501)}`)).toThrow(/at most 500 characters/)
  })

  it('takes a date the calendar has, and rejects one it does not', () => {
    for (const date of ['2008', '2008-02', '2020-02-29', '2000-02-29', '2021-04-30', '2021-12-31']) expect(parse(`date_from=${date}`).filters.dateFrom, date).toBe(date)
    for (const date of ['2020-02-30', '2021-02-29', '1900-02-29', '2021-04-31', '2021-13', '2021-00-10']) {
      expect(() => parse(`date_from=${date}`), date).toThrow(ApiError)
      expect(() => parse(`date_to=${date}`), date).toThrow(/date like 2008/)
    }
  })
})
