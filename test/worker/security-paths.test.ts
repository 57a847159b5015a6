// Story ids and paths: traversal, encoded slashes and unknown ids answer 404 and never reach a file outside the index.
import { describe, expect, it } from 'vitest'
import { ORIGIN, get } from './_api'

const HOSTILE_IDS = [
  '../../wrangler.toml',
  '..%2F..%2Fwrangler.toml',
  '%2e%2e%2f%2e%2e%2fwrangler.toml',
  '%2e%2e',
  '..',
  '%2F..%2F..%2Fpackage.json',
  '..%5C..%5Cwrangler.toml',
  '%252e%252e%252fwrangler.toml',
  'fixtures--hostile--script-tags%2F..%2F..%2Fsearch.index',
  'fixtures--hostile--script-tags.json',
  '..%2Findex%2Fstories.bin',
  '%00',
  'a%00b',
  'no-such-story',
  'UPPER-CASE',
  `${'a'.repeat(201)}`,
  `${'a-'.repeat(5000)}a`,
  'style.css',
  '_headers',
]

describe('story ids and paths', () => {
  // A literal `..` segment is resolved by URL parsing before any request is made (`/stories/..` is `/`); the rest
  // reach the route, which must refuse them.
  const staysInRoute = (path: string, route: string) => new URL(path, ORIGIN).pathname.startsWith(route)

  it.each(HOSTILE_IDS)('answers 404 JSON for /api/stories/%s', async (id) => {
    const path = `/api/stories/${id}`
    const response = await get(path)
    const text = await response.text()
    expect(text).not.toContain('compatibility_date')
    if (!staysInRoute(path, '/api/stories/')) return void expect(response.status).toBe(404)
    expect([400, 404]).toContain(response.status)
    const body = JSON.parse(text) as { error: { code: string } }
    expect(body.error.code).toMatch(/^(not_found|bad_request)$/)
  })

  it.each(HOSTILE_IDS)('answers a 404 page for /stories/%s, with nothing from another file', async (id) => {
    const path = `/stories/${id}`
    const response = await get(path)
    expect(staysInRoute(path, '/stories/') ? [400, 404] : [200, 404]).toContain(response.status)
    const html = await response.text()
    expect(html).not.toContain('compatibility_date') // wrangler.toml
    expect(html).not.toContain('"schemaVersion"') // an index file
    expect(html).not.toContain('"devDependencies"') // package.json
  })

  it('does not serve the index or the config as static assets', async () => {
    for (const path of ['/search.index.json', '/build/search.index.json', '/wrangler.toml', '/../wrangler.toml', '/%2e%2e/wrangler.toml', '/package.json']) {
      const response = await get(path)
      expect(response.status, path).toBe(404)
      expect(await response.text()).not.toContain('compatibility_date')
    }
  })
})
