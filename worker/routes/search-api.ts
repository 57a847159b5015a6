// GET /api/search: ranked search as JSON.
import { Hono } from 'hono'
import { runSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'

export const searchApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const input = parseSearchParams(new URL(c.req.url).searchParams)
  const response = await runSearch(c.env, input)
  // A result missing a shard's stories must not be cached: the next request may have them all.
  if (response.partial) c.header('Cache-Control', 'no-store')
  return c.json(response)
})
