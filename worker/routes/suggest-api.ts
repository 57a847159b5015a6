// GET /api/suggest: completions and matching titles, authors, characters and relationships for the search box.
import { Hono } from 'hono'
import { badRequest } from '../errors'
import { getIndex } from '../index/index-loader'
import { MAX_QUERY_LENGTH } from '../query/search-params'
import { suggest } from '../search/suggest'

/** A suggestion only ever needs the last few words. */
const MAX_SUGGEST_LENGTH = 100

export const suggestApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const q = (c.req.query('q') ?? '').trim()
  if (q.length > MAX_QUERY_LENGTH) throw badRequest('query_too_long', `q must be at most ${MAX_QUERY_LENGTH} characters (got ${q.length})`)
  return c.json(await suggest(await getIndex(c.env.ASSETS), q.slice(-MAX_SUGGEST_LENGTH)))
})
