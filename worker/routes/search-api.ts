// GET /api/search: ranked search as JSON.
import { Hono } from 'hono'
import { runSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'

export const searchApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const params = parseSearchParams(new URL(c.req.url).searchParams)
  const response = await runSearch(c.env.ASSETS, params)
  // `terms` is an internal detail for snippets and highlighting.
  return c.json({ ...response, hits: response.hits.map(({ terms: _terms, ...hit }) => hit) })
})
