// GET /api/search: ranked search as JSON.
import { Hono } from 'hono'
import { runSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'

export const searchApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const input = parseSearchParams(new URL(c.req.url).searchParams)
  return c.json(await runSearch(c.env, input))
})
