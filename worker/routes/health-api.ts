// GET /api/health: which index is served, and how big it is.
import { Hono } from 'hono'
import { requireIndexRelease } from '../lib/index-release'
import { getSearchIndex } from '../lib/search-index'

export const healthApi = new Hono<{ Bindings: Env }>().get('/', async (c) => {
  // Loading proves the index can serve; what is reported is the release, as in every search response.
  await getSearchIndex()
  const release = requireIndexRelease()
  return c.json({ status: 'ok', index: { version: release.version, builtAt: release.builtAt, stories: release.stories } })
})
