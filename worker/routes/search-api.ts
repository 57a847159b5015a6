// GET /api/search: ranked search as JSON.
import { Hono } from 'hono'
import { getIndex } from '../index/index-loader'
import { reportedIndex } from '../index/index-release'
import { answerSearch } from '../present/answer-search'
import { parseSearchParams } from '../query/search-params'

export const searchApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const input = parseSearchParams(new URL(c.req.url).searchParams)
  // The release first: an index without one fails before anything is loaded.
  const release = reportedIndex()
  const response = await answerSearch(await getIndex(c.env.ASSETS), input, release)
  // An answer missing part of the index must not be cached: the next request may read it all.
  if (response.partial) c.header('Cache-Control', 'no-store')
  return c.json(response)
})
