import { describe, expect, it } from 'vitest'
import { QUERY_EXAMPLES } from '../../worker/lib/query-examples'
import { get, q, search } from './_api'

describe('the documented query examples', () => {
  it.each(QUERY_EXAMPLES.map((example) => [example.query]))('%s finds demo stories', async (query) => {
    const body = await search(`${q(query)}&limit=100`)
    expect(body.hits.filter((hit) => !hit.id.startsWith('fixtures--')).length).toBeGreaterThan(0)
  })

  it('are all on the help page as links', async () => {
    const response = await get('/help')
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const example of QUERY_EXAMPLES) expect(html).toContain(`href="/search?q=${encodeURIComponent(example.query)}"`)
  })
})
