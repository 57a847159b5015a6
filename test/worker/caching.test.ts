import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { edgeCacheKey, matchesEtag, releaseEtag } from '../../worker/middleware/http-cache'
import { getIndexRelease, readIndexRelease } from '../../worker/index/index-release'

const ORIGIN = 'https://story-search.test'
// Every test asks for its own URL, so an entry another test left in the edge cache cannot decide the outcome.
let counter = 0
const unique = (path: string) => `${path}${path.includes('?') ? '&' : '?'}t=${Date.now()}-${counter++}`
const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`${ORIGIN}${path}`, { headers })

describe('X-Index-Version', () => {
  it.each(['/api/search?q=clark', '/api/stories/000-cabcaac395bc47b5', '/api/health', '/', '/stories/000-cabcaac395bc47b5'])(
    'is on the response to %s and matches the version the API reports',
    async (path) => {
      const health = (await (await get('/api/health')).json()) as { index: { version: string } }
      const response = await get(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-index-version')).toBe(health.index.version)
    },
  )

  it('is on error responses too', async () => {
    const notFound = await get('/api/stories/no-such-story')
    expect(notFound.status).toBe(404)
    expect(notFound.headers.get('x-index-version')).toMatch(/^[0-9a-f]{16}$/)
    const badRequest = await get('/api/search?limit=0')
    expect(badRequest.status).toBe(400)
    expect(badRequest.headers.get('x-index-version')).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('HTTP caching', () => {
  it('gives a search response Cache-Control and an ETag that includes the index version', async () => {
    const response = await get(unique('/api/search?q=clark'))
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    const version = response.headers.get('x-index-version')!
    expect(response.headers.get('etag')).toMatch(new RegExp(`^W/"${version}-[0-9a-f]+"$`))
  })

  it('answers 304 with no body when If-None-Match carries the current ETag', async () => {
    const path = unique('/api/search?q=lana')
    const first = await get(path)
    await first.arrayBuffer()
    const etag = first.headers.get('etag')!
    const again = await get(path, { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    expect(again.headers.get('x-index-version')).toBe(first.headers.get('x-index-version'))
    // The same ETag holds for story pages and the story API: they change only when the index does.
    expect((await get(unique('/stories/000-cabcaac395bc47b5'), { 'If-None-Match': etag })).status).toBe(304)
    // Help and the embed demo are made from the archive's stories: revalidated the same way.
    for (const page of ['/help', '/embed']) expect((await get(page, { 'If-None-Match': etag })).status, page).toBe(304)
  })

  it('answers 200 when If-None-Match carries an ETag from another index', async () => {
    const response = await get(unique('/api/search?q=lana'), { 'If-None-Match': 'W/"0123456789abcdef-000000000000"' })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { total: number }).total).toBeGreaterThan(0)
  })

  it('serves the second identical request from the edge cache, with CORS headers intact', async () => {
    const path = unique('/api/search?q=clark')
    const first = await get(path)
    const firstBody = await first.json()
    expect(first.headers.get('x-edge-cache')).toBe('miss')
    // The cache write finishes after the response (waitUntil); give it a moment.
    let second = await get(path)
    for (let i = 0; i < 20 && second.headers.get('x-edge-cache') !== 'hit'; i++) {
      await second.arrayBuffer()
      await new Promise((resolve) => setTimeout(resolve, 25))
      second = await get(path)
    }
    expect(second.headers.get('x-edge-cache')).toBe('hit')
    expect(await second.json()).toEqual(firstBody)
    expect(second.headers.get('access-control-allow-origin')).toBe('*')
    expect(second.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('stores edge entries under the current release, so another deploy never finds them', async () => {
    const path = unique('/api/search?q=clark')
    await (await get(path)).arrayBuffer()
    const release = getIndexRelease()!
    const cache = (caches as unknown as { default: Cache }).default
    let stored: Response | undefined
    for (let i = 0; i < 20 && !stored; i++) {
      stored = await cache.match(edgeCacheKey(`${ORIGIN}${path}`, release.release))
      if (!stored) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(stored?.status).toBe(200)
    await stored?.arrayBuffer()
    expect(await cache.match(edgeCacheKey(`${ORIGIN}${path}`, `ffffffffffffffff-${release.release.split('-')[1]}`))).toBeUndefined()
  })

  it('marks errors as not cacheable and leaves them out of the edge cache', async () => {
    const response = await get(unique('/api/stories/no-such-story'))
    expect(response.status).toBe(404)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('etag')).toBeNull()
  })

  it('does not cache the health check', async () => {
    const response = await get('/api/health')
    expect(response.headers.get('etag')).toBeNull()
    expect(response.headers.get('x-edge-cache')).toBeNull()
  })
})

describe('cache keys', () => {
  it('puts the release in the edge key path, keeping the query', () => {
    expect(edgeCacheKey('https://a.example/api/search?q=x', 'v1-c1')).toBe('https://a.example/__edge/v1-c1/api/search?q=x')
    expect(edgeCacheKey('https://a.example/api/search?q=x', 'v2-c1')).not.toBe(edgeCacheKey('https://a.example/api/search?q=x', 'v1-c1'))
  })

  it.each([
    ['W/"v-c"', true],
    ['"v-c"', true],
    ['"other", W/"v-c"', true],
    ['*', true],
    ['W/"v-d"', false],
    ['', false],
  ])('If-None-Match %j matches W/"v-c": %s', (header, expected) => {
    expect(matchesEtag(header, releaseEtag('v-c'))).toBe(expected)
  })

  it('reads the release from the head of an index artifact without parsing the rest', () => {
    const text = `{"schemaVersion":1,"builtAt":"2026-11-22T16:11:45.966Z","contentHash":"${'ab'.repeat(32)}","storyCount":20000,"workerCode":"123abc","index":{`
    expect(readIndexRelease(text)).toEqual({ version: 'abababababababab', release: 'abababababababab-123abc', builtAt: '2026-11-22T16:11:45.966Z', stories: 20000 })
    expect(readIndexRelease('{"schemaVersion":1,"index":{}}')).toBeNull()
    expect(readIndexRelease(text.replace('"storyCount":20000,', ''))).toBeNull()
  })
})
