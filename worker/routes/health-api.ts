// GET /api/health: which index is served, and how big it is.
import { Hono } from 'hono'
import { reportedIndex } from '../index/index-release'
import { getIndex } from '../index/index-loader'

export const healthApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  // Loading proves the index can serve; what is reported is the release, as in every search response.
  await getIndex(c.env.ASSETS)
  return c.json({ status: 'ok', index: reportedIndex() })
})
