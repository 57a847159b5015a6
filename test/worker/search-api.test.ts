import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

// The Worker under test serves the demo archive in stories/ (npm test builds it first).
const SAMPLE_PHRASES: [string, string][] = [
  ['000-cabcaac395bc47b5', 'craving an unfamiliar embrace'],
  ['001-971dd5012805474c', 'light refracting off his teeth'],
  ['002-a393d892c3336419', 'apartment over the Talon without knocking'],
  ['003-b56f4766e957859c', 'a single white rose is blossoming'],
  ['004-0000a776e102d203', 'leather clad hero'],
]

async function search(query: string) {
  const response = await SELF.fetch(`https://story-search.test/api/search?${query}`)
  return { response, body: (await response.json()) as any }
}

describe('GET /api/search', () => {
  it('answers with the documented shape', async () => {
    const { response, body } = await search('q=clark')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(body).toMatchObject({ query: 'clark', page: 1, limit: 10 })
    expect(body.total).toBeGreaterThan(0)
    expect(typeof body.tookMs).toBe('number')
    expect(body.index).toEqual({ version: expect.stringMatching(/^[0-9a-f]{16}$/), builtAt: expect.any(String), stories: expect.any(Number) })
    for (const hit of body.hits) {
      expect(Object.keys(hit)).toEqual(
        expect.arrayContaining(['id', 'title', 'author', 'rating', 'words', 'summary', 'score', 'url', 'snippet']),
      )
      expect(hit.url).toBe(`/stories/${hit.id}`)
      expect(hit.score).toBeGreaterThan(0)
    }
  })

  it('ranks hits by descending score', async () => {
    const { body } = await search('q=lana')
    const scores = body.hits.map((hit: { score: number }) => hit.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it.each(SAMPLE_PHRASES)('finds %s first by a phrase from its text, with the phrase in the snippet', async (id, phrase) => {
    const { body } = await search(`q=${encodeURIComponent(phrase)}`)
    expect(body.hits[0].id).toBe(id)
    const snippet = body.hits[0].snippet
    const marked = snippet.highlights.map(([a, b]: [number, number]) => snippet.text.slice(a, b).toLowerCase())
    expect(marked).toEqual(expect.arrayContaining(phrase.toLowerCase().split(' ').slice(-2)))
  })

  it.each(SAMPLE_PHRASES.map(([id]) => id))('finds %s first by its title', async (id) => {
    const story = (await (await SELF.fetch(`https://story-search.test/api/stories/${id}`)).json()) as { title: string }
    const { body } = await search(`q=${encodeURIComponent(story.title)}`)
    expect(body.hits[0].id).toBe(id)
  })

  it('pages through results with page and limit, keeping total exact', async () => {
    const all = (await search('q=&limit=100')).body
    expect(all.total).toBe(all.index.stories)
    const pageTwo = (await search('q=&limit=2&page=2')).body
    expect(pageTwo.total).toBe(all.total)
    expect(pageTwo.hits.map((h: { id: string }) => h.id)).toEqual(all.hits.slice(2, 4).map((h: { id: string }) => h.id))
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=101', 'limit'],
    ['page=-1', 'page'],
    [`q=${'a'.repeat(10_000)}`, 'q'],
  ])('answers 400 with the JSON error shape for %s', async (query, parameter) => {
    const { response, body } = await search(query)
    expect(response.status).toBe(400)
    expect(body.error.code).toMatch(/^(invalid_parameter|query_too_long)$/)
    expect(body.error.message).toContain(parameter)
  })

  it('sends open CORS headers, including on preflight', async () => {
    const { response } = await search('q=clark')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const preflight = await SELF.fetch('https://story-search.test/api/search?q=x', {
      method: 'OPTIONS',
      headers: { Origin: 'https://fan.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET')
  })

  it('lets another site’s page read the index version, the ETag and Retry-After', async () => {
    const { response } = await search('q=clark')
    expect(response.headers.get('access-control-expose-headers')?.split(/\s*,\s*/).map((h) => h.toLowerCase()).sort()).toEqual(['etag', 'retry-after', 'x-index-version'])
    expect(response.headers.get('x-index-version')).toMatch(/^[0-9a-f]{16}$/)
  })
})
