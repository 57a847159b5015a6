import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

const get = (path: string) => SELF.fetch(`https://story-search.test${path}`)

describe('GET /api/stories/:id', () => {
  it('returns the story metadata and its full text', async () => {
    const response = await get('/api/stories/000-cabcaac395bc47b5')
    expect(response.status).toBe(200)
    const story = (await response.json()) as any
    expect(story).toMatchObject({ id: '000-cabcaac395bc47b5', title: 'Healing' })
    expect(story.body).toContain("He'd thought it would get better.")
    expect(story.words).toBeGreaterThan(500)
  })

  it('lists a story\'s fandom as the archive spells it, whatever its file wrote', async () => {
    // The file says "smallville"; the archive's other stories "Smallville".
    const story = (await (await get('/api/stories/fixtures--smallville--barn-owls')).json()) as any
    expect(story.fandoms).toEqual(['Smallville'])
    const search = (await (await get('/api/search?q=owls&facet_limit=100')).json()) as any
    expect(search.hits.find((hit: any) => hit.id === 'fixtures--smallville--barn-owls')?.fandoms).toEqual(['Smallville'])
    expect(search.facets.fandom.map((facet: any) => facet.value)).not.toContain('smallville')
    const filtered = (await (await get('/api/search?q=owls&fandom=Smallville')).json()) as any
    expect(filtered.hits.map((hit: any) => hit.id)).toContain('fixtures--smallville--barn-owls')
  })

  it.each(['/api/stories/no-such-story', '/api/stories/..%2F..%2Fwrangler.toml', '/api/stories/UPPER'])(
    'answers 404 JSON for %s',
    async (path) => {
      const response = await get(path)
      expect(response.status).toBe(404)
      expect(((await response.json()) as any).error.code).toBe('not_found')
    },
  )
})

describe('GET /api/health', () => {
  it('reports the index version, story count and build time', async () => {
    const response = await get('/api/health')
    expect(response.status).toBe(200)
    const body = (await response.json()) as any
    expect(body.status).toBe('ok')
    expect(body.index.stories).toBe(21) // five demo stories, five fixtures (one spelling its fandom its own way), three for the reader's filters (fixtures/archive/fan-features), two in a series (one in chapters), one in Chinese, two hostile ones (fixtures/archive/hostile) and three with broken pieces (fixtures/archive/faults)
    expect(body.index.version).toMatch(/^[0-9a-f]{16}$/)
    expect(Number.isNaN(Date.parse(body.index.builtAt))).toBe(false)
  })
})

describe('unknown paths', () => {
  it('answers 404 JSON under /api', async () => {
    const response = await get('/api/nothing-here')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })

  it('answers 404 HTML elsewhere', async () => {
    const response = await get('/nothing-here')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('text/html')
  })
})
