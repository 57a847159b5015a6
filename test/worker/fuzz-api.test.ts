// Property tests through the HTTP API inside workerd: whatever the query string, /api/search answers a 200 or a 400
// with the JSON error shape, never a 500, and the service answers the next request normally. The other routes are
// fuzzed in fuzz-routes.test.ts (test/worker/_fuzz.ts says why apart).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { get } from './_api'
import { anyText, encodeLoose, expectHandled, expectHealthy, query, queryString, RUNS } from './_fuzz'

describe('fuzzing /api/search', () => {
  it('answers 200 or 400 for any query text', async () => {
    await fc.assert(fc.asyncProperty(query, async (q) => expectHandled(`/api/search?q=${encodeLoose(q)}`)), { numRuns: RUNS * 2 })
    await expectHealthy()
  })

  it('answers 200 or 400 for arbitrary bytes in q', async () => {
    await fc.assert(fc.asyncProperty(anyText, async (q) => expectHandled(`/api/search?q=${q}`)), { numRuns: RUNS })
    await expectHealthy()
  })

  it('answers 200 or 400 for any mix of parameters, repeated or not, with huge, negative and garbage values', async () => {
    await fc.assert(fc.asyncProperty(queryString, async (qs) => expectHandled(`/api/search?${qs}`)), { numRuns: RUNS * 2 })
    await expectHealthy()
  })
})

describe('the documented bounds', () => {
  const cases: [string, string, number, string?][] = [
    ['a 100,000-character q', `q=${'a'.repeat(100_000)}`, 400, 'query_too_long'],
    ['a 501-character q', `q=${'a'.repeat(501)}`, 400, 'query_too_long'],
    ['500 characters of deeply nested parentheses', `q=${encodeURIComponent('('.repeat(250) + ')'.repeat(250))}`, 200],
    ['500 characters of quotes', `q=${encodeURIComponent('"'.repeat(500))}`, 200],
    ['250 one-letter terms', `q=${encodeURIComponent('a '.repeat(250))}`, 200],
    ['166 fuzzy-expanding long words', `q=${encodeURIComponent('abcd '.repeat(100))}`, 200],
    ['166 ORs', `q=${encodeURIComponent('a OR '.repeat(100))}`, 200],
    ['negated groups nested to the limit', `q=${encodeURIComponent('-('.repeat(200))}`, 200],
    ['page 0', 'page=0', 400, 'invalid_parameter'],
    ['page -1', 'page=-1', 400, 'invalid_parameter'],
    ['page past the deepest page', 'page=1001', 400, 'invalid_parameter'],
    ['the deepest page', 'page=1000', 200],
    ['a page number past 2^53', `page=${'9'.repeat(30)}`, 400, 'invalid_parameter'],
    ['limit 0', 'limit=0', 400, 'invalid_parameter'],
    ['limit 101', 'limit=101', 400, 'invalid_parameter'],
    ['limit 1e2', 'limit=1e2', 400, 'invalid_parameter'],
    ['21 rating values', Array.from({ length: 21 }, () => 'rating=Teen').join('&'), 400, 'invalid_parameter'],
    ['20 fandom values', Array.from({ length: 20 }, (_, i) => `fandom=f${i}`).join('&'), 200],
    ['a 201-character fandom', `fandom=${'f'.repeat(201)}`, 400, 'invalid_parameter'],
    ['words_min past a billion', 'words_min=1000000001', 400, 'invalid_parameter'],
    ['repeated page (the first one counts)', 'page=1&page=999999', 200],
  ]
  it.each(cases)('answers %s with the right status', async (_name, qs, status, code) => {
    const response = await get(`/api/search?${qs}`)
    expect(response.status).toBe(status)
    const body = (await response.json()) as { error?: { code: string } }
    if (code) expect(body.error?.code).toBe(code)
  })
})
