// GET / and GET /search: the server-rendered search page, complete without JavaScript.
import { Hono, type Context } from 'hono'
import { runSearch } from '../lib/run-search'
import { parseSearchParams } from '../lib/search-params'
import { SearchPage } from '../views/search-page'

async function renderSearch(c: Context<{ Bindings: Env }>) {
  const params = parseSearchParams(new URL(c.req.url).searchParams)
  const result = await runSearch(c.env.ASSETS, params)
  return c.html(<SearchPage result={result} />)
}

export const searchPages = new Hono<{ Bindings: Env }>()
  .get('/', (c) => renderSearch(c))
  .get('/search', (c) => renderSearch(c))
