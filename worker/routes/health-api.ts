// GET /api/health: which index is served, and how big it is.
import { Hono } from 'hono'
import { getSearchIndex } from '../lib/search-index'

export const healthApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  const index = await getSearchIndex()
  return c.json({ status: 'ok', index: { version: index.version, builtAt: index.builtAt, stories: index.storyCount } })
})
