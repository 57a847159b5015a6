// Property tests through the HTTP API inside workerd: whatever the query string, the answer is a 200 or a 400 with
// the JSON error shape, never a 500, and the service answers the next request normally.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { get } from './_api'

const RUNS = 60
/** Each request runs a real search in workerd (a few milliseconds); a property of a few hundred runs needs more than 5 s. */
const PROPERTY_TIMEOUT = 60_000

/** Any string, percent-encoded byte by byte: arbitrary Unicode, control characters, lone surrogates, invalid UTF-8. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }).map((s) => encodeLoose(s)),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
)

/** Query-language pieces, so the parser's branches are reached, not only its word splitting. */
const queryPiece = fc.oneof(
  fc.constantFrom('clark', 'lana', 'smallville', 'kiss', 'a', 'ö', '東京', '🦸', 'hostile', "he'd", 'clark/lana', 'well-known'),
  fc.constantFrom('(', ')', '"', '\u201C', '\u201D', '-', '|', 'OR', 'AND', ' ', '  ', '\t', '\n', '\u0000', '\u202E', '\uFEFF'),
  fc.constantFrom('title:', 'author:', 'fandom:', 'rating:', 'words>', 'words<=', 'words:', 'date>', 'date:', 'text:', 'tag:', 'nofield:', ':', '::'),
  fc.constantFrom('1000', '-5', '1e308', '99999999999999999999', '2008', '2008-13', '2008-02-30', '1,000', '5k', '1-2', '..', 'NaN', 'Infinity'),
  fc.string({ unit: 'binary', maxLength: 6 }),
)
const query = fc.array(queryPiece, { maxLength: 60 }).map((pieces) => pieces.join(''))

const number = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1', '100', '101', '1000', '1001', '1e3', '1.5', '0x10', ' 5 ', '+5', '', '-', '9'.repeat(400), '１'),
  fc.bigInt().map(String),
  anyText,
)

const PARAMS = ['q', 'page', 'limit', 'sort', 'rating', 'fandom', 'relationship', 'character', 'warning', 'tag', 'author', 'words_min', 'words_max', 'date_from', 'date_to', 'complete', 'facet_limit', 'unknown', '__proto__', 'constructor']
const param = fc.tuple(fc.constantFrom(...PARAMS), fc.oneof(number, anyText, query.map(encodeLoose)))
const queryString = fc.array(param, { maxLength: 25 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

/** encodeURIComponent, except that lone surrogates (which it refuses) are sent as invalid UTF-8 bytes. */
function encodeLoose(text: string): string {
  return [...text].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('')
}

async function expectHandled(path: string): Promise<void> {
  const response = await get(path)
  const body = await response.text()
  expect([200, 400], `${path} → ${response.status} ${body.slice(0, 200)}`).toContain(response.status)
  if (path.startsWith('/api/')) {
    const json = JSON.parse(body)
    if (response.status === 400) expect(json).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
  } else {
    expect(response.headers.get('content-type')).toContain('text/html')
  }
}

async function expectHealthy(): Promise<void> {
  const response = await get('/api/search?q=clark&limit=1')
  expect(response.status).toBe(200)
  expect(((await response.json()) as { total: number }).total).toBeGreaterThan(0)
}

describe('fuzzing /api/search', () => {
  it('answers 200 or 400 for any query text', async () => {
    await fc.assert(fc.asyncProperty(query, async (q) => expectHandled(`/api/search?q=${encodeLoose(q)}`)), { numRuns: RUNS * 2 })
    await expectHealthy()
  }, PROPERTY_TIMEOUT)

  it('answers 200 or 400 for arbitrary bytes in q', async () => {
    await fc.assert(fc.asyncProperty(anyText, async (q) => expectHandled(`/api/search?q=${q}`)), { numRuns: RUNS })
    await expectHealthy()
  }, PROPERTY_TIMEOUT)

  it('answers 200 or 400 for any mix of parameters, repeated or not, with huge, negative and garbage values', async () => {
    await fc.assert(fc.asyncProperty(queryString, async (qs) => expectHandled(`/api/search?${qs}`)), { numRuns: RUNS * 2 })
    await expectHealthy()
  }, PROPERTY_TIMEOUT)
})

describe('fuzzing the other routes', () => {
  it('answers 200 or 400 on /api/suggest for any text', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(query.map(encodeLoose), anyText), async (q) => expectHandled(`/api/suggest?q=${q}`)), { numRuns: RUNS })
    await expectHealthy()
  }, PROPERTY_TIMEOUT)

  it('answers 200 or 400 on the HTML search page for any parameters', async () => {
    await fc.assert(fc.asyncProperty(queryString, async (qs) => expectHandled(`/search?${qs}`)), { numRuns: RUNS })
    await expectHealthy()
  }, PROPERTY_TIMEOUT)

  it('answers 404 (or 200 for a real story) for any story id, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (id) => {
        for (const prefix of ['/api/stories/', '/stories/']) {
          const response = await get(`${prefix}${id}`)
          await response.arrayBuffer()
          expect([200, 400, 404], `${prefix}${id} → ${response.status}`).toContain(response.status)
        }
      }),
      { numRuns: RUNS },
    )
    await expectHealthy()
  }, PROPERTY_TIMEOUT)
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
