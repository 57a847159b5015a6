// Security headers on every response, through the Worker as deployed (SELF.fetch inside workerd).
import { describe, expect, it } from 'vitest'
import { DATA_CSP, PAGE_CSP } from '../../worker/middleware/security-headers'
import { get } from './_api'

const PAGES = ['/', '/search?q=clark', '/stories/000-cabcaac395bc47b5', '/help', '/no-such-page', '/stories/..%2F..%2Fwrangler.toml']
const API = ['/api/search?q=clark', '/api/stories/000-cabcaac395bc47b5', '/api/health', '/api/suggest?q=lan', '/api/openapi.json', '/api/nothing', '/api/search?page=0']

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  )
}

describe('security headers on HTML pages', () => {
  it.each(PAGES)('sends a strict Content-Security-Policy on %s', async (path) => {
    const response = await get(path)
    expect(response.headers.get('content-type')).toContain('text/html')
    const csp = directives(response.headers.get('content-security-policy') ?? '')
    const scripts = csp.get('script-src') ?? csp.get('default-src')
    expect(scripts).toBeDefined()
    expect(scripts).not.toContain("'unsafe-inline'")
    expect(scripts).not.toContain("'unsafe-eval'")
    expect(scripts).not.toContain('*')
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'")
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  })

  it.each(PAGES)('forbids sniffing and framing, and keeps queries out of referrers on %s', async (path) => {
    const response = await get(path)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it('sends the page policy the middleware documents', async () => {
    expect((await get('/')).headers.get('content-security-policy')).toBe(PAGE_CSP)
  })

  it.each(['/', '/search?q=clark', '/stories/000-cabcaac395bc47b5', '/api/search?q=clark'])(
    'sends no Content-Security-Policy on a 304 for %s, so the browser keeps the cached response\'s own',
    async (path) => {
      const first = await get(path)
      const etag = first.headers.get('etag')
      expect(etag).toBeTruthy()
      const again = await get(path, { headers: { 'If-None-Match': etag! } })
      expect(again.status).toBe(304)
      expect(again.headers.get('content-security-policy')).toBeNull()
      expect(again.headers.get('x-content-type-options')).toBe('nosniff')
      expect(again.headers.get('x-frame-options')).toBe('DENY')
    },
  )
})

describe('security headers on the JSON API', () => {
  it.each(API)('sends nosniff and a policy that loads nothing on %s', async (path) => {
    const response = await get(path)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe(DATA_CSP)
  })

  it('still allows any origin to call the API (CORS), since embedding works through the API, not frames', async () => {
    const response = await get('/api/search?q=clark', { headers: { Origin: 'https://fan-site.example' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})
