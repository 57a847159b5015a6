// GET / and GET /search: the server-rendered search page, complete without JavaScript.
import { Hono, type Context } from 'hono'
import { archiveExamples } from '../present/archive-examples'
import { getIndex } from '../index/index-loader'
import { reportedIndex } from '../index/index-release'
import { answerSearch } from '../present/answer-search'
import { parseSearchParams } from '../query/search-params'
import { SearchPage } from '../views/search-page'

async function renderSearch(c: Context<{ Bindings: Env }>) {
  const params = new URL(c.req.url).searchParams
  const release = reportedIndex()
  const index = await getIndex(c.env.ASSETS)
  const result = await answerSearch(index, parseSearchParams(params), release)
  // A page missing part of the index must not be cached: the next request may read it all.
  if (result.partial) c.header('Cache-Control', 'no-store')
  // The tips with the archive's own examples are only on a page that found nothing.
  const tips = result.total === 0 ? await archiveExamples(index) : null
  return c.html(<SearchPage result={result} params={params} tips={tips} />)
}

export const searchPages = new Hono<{ Bindings: Env }>()
  .get('/', (c) => renderSearch(c))
  .get('/search', (c) => renderSearch(c))
