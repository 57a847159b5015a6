// What the fuzz tests share: the arbitraries (any text, the query language, any parameters) and the checks on an answer.
// The tests are split over two files because vitest-pool-workers' SELF.fetch gets slower with every request one
// workerd instance has served (cloudflare/workers-sdk#15446; measured here with a Worker that only answers 404: 250
// requests took 2.0 s, the next 250 10.7 s, the next 28.2 s), and each test file gets a fresh instance.
import fc from 'fast-check'
import { expect } from 'vitest'
import { get } from './_api'

export const RUNS = 60

/** Any string, percent-encoded byte by byte: arbitrary Unicode, control characters, lone surrogates, invalid UTF-8. */
export const anyText = fc.oneof(
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
export const query = fc.array(queryPiece, { maxLength: 60 }).map((pieces) => pieces.join(''))

const number = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1', '100', '101', '1000', '1001', '1e3', '1.5', '0x10', ' 5 ', '+5', '', '-', '9'.repeat(400), '１'),
  fc.bigInt().map(String),
  anyText,
)

const PARAMS = ['q', 'page', 'limit', 'sort', 'rating', 'fandom', 'relationship', 'character', 'warning', 'tag', 'author', 'words_min', 'words_max', 'date_from', 'date_to', 'complete', 'facet_limit', 'unknown', '__proto__', 'constructor']
const param = fc.tuple(fc.constantFrom(...PARAMS), fc.oneof(number, anyText, query.map(encodeLoose)))
export const queryString = fc.array(param, { maxLength: 25 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

/** encodeURIComponent, except that lone surrogates (which it refuses) are sent as invalid UTF-8 bytes. */
export function encodeLoose(text: string): string {
  return [...text].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('')
}

export async function expectHandled(path: string): Promise<void> {
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

export async function expectHealthy(): Promise<void> {
  const response = await get('/api/search?q=clark&limit=1')
  expect(response.status).toBe(200)
  expect(((await response.json()) as { total: number }).total).toBeGreaterThan(0)
}
