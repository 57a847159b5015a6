// GET /api/search: ranked search as JSON.
import { Hono } from 'hono'
import { getIndex } from '../lib/index-loader'
import { reportedIndex } from '../lib/index-release'
import { answerSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'

export const searchApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const input = parseSearchParams(new URL(c.req.url).searchParams)
  // The release first: an index without one fails before anything is loaded.
  const release = reportedIndex()
  const response = await answerSearch(await getIndex(c.env.ASSETS), input, release)
  // An answer missing part of the index must not be cached: the next request may read it all.
  if (response.partial) c.header('Cache-Control', 'no-store')
  return c.json(response)
})
