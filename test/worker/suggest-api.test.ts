import { describe, expect, it } from 'vitest'
import { get } from './_api'

async function suggest(q: string) {
  const response = await get(`/api/suggest?q=${encodeURIComponent(q)}`)
  expect(response.status).toBe(200)
  return (await response.json()) as any
}

describe('GET /api/suggest', () => {
  it('completes the word being typed', async () => {
    const body = await suggest('espre')
    expect(body.completions).toContain('espresso')
  })

  it('completes the last word in the context of the earlier ones', async () => {
    const body = await suggest('lana espr')
    expect(body.completions[0]).toBe('lana espresso')
  })

  it('suggests matching titles with links, and authors, characters and relationships', async () => {
    expect((await suggest('let her')).stories).toEqual([{ id: '004-0000a776e102d203', title: 'Let Her Go', url: '/stories/004-0000a776e102d203' }])
    expect((await suggest('third fix')).authors).toEqual([{ value: 'Third Fixture', count: 1 }])
    const lana = await suggest('lana l')
    expect(lana.characters.map((c: { value: string }) => c.value)).toContain('Lana Lang')
    expect(lana.relationships.length).toBeGreaterThan(0)
    for (const r of lana.relationships) expect(r.value).toMatch(/Lana Lang/)
  })

  it('answers an empty query with empty lists', async () => {
    expect(await suggest('')).toEqual({ query: '', completions: [], stories: [], authors: [], characters: [], relationships: [], fandoms: [] })
  })

  it('answers 400 for a query that is too long, and sends CORS headers', async () => {
    const response = await get(`/api/suggest?q=${'a'.repeat(600)}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})
