// GET / and GET /search: the server-rendered search page, complete without JavaScript.
import { Hono, type Context } from 'hono'
import { runSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'
import { SearchPage } from '../views/search-page'

async function renderSearch(c: Context<{ Bindings: Env }>) {
  const params = new URL(c.req.url).searchParams
  const result = await runSearch(c.env, parseSearchParams(params))
  // A page missing a shard's stories must not be cached: the next request may have them all.
  if (result.partial) c.header('Cache-Control', 'no-store')
  return c.html(<SearchPage result={result} params={params} />)
}

export const searchPages = new Hono<{ Bindings: Env }>()
  .get('/', (c) => renderSearch(c))
  .get('/search', (c) => renderSearch(c))
