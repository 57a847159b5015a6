// GET /browse and /browse/:kind: the archive's fandoms, ships, characters, authors, tags, languages and series, with
// their story counts, sortable, filterable and paged; each name links to its stories. Plain links and a GET form:
// no JavaScript needed.
import { Hono } from 'hono'
import { badRequest, notFound } from '../errors'
import { BROWSE_KINDS, BROWSE_PAGE_SIZE, BROWSE_SORTS, browseNames, type BrowseKind, type BrowseSort } from '../search/browse'
import { getIndex } from '../index/index-loader'
import { BrowseIndexPage, BrowsePage } from '../views/browse-page'

const MAX_FILTER_LENGTH = 100

export const browsePages = new Hono<{ Bindings: Env }>()
  .get('/', (c) => c.html(<BrowseIndexPage />))
  .get('/:kind', async (c) => {
    const kind = c.req.param('kind')
    if (!Object.hasOwn(BROWSE_KINDS, kind)) throw notFound(`nothing to browse by "${kind.slice(0, 40)}"; try ${Object.keys(BROWSE_KINDS).join(', ')}`)
    const sort = (c.req.query('sort') || 'count') as BrowseSort
    if (!BROWSE_SORTS.includes(sort)) throw badRequest('invalid_parameter', `sort must be ${BROWSE_SORTS.join(' or ')}`)
    const pageText = c.req.query('page') || '1'
    if (!/^[1-9]\d{0,5}$/.test(pageText)) throw badRequest('invalid_parameter', 'page must be a whole number from 1')
    const contains = (c.req.query('filter') ?? '').slice(0, MAX_FILTER_LENGTH)
    const page = Number(pageText)
    const { total, names } = browseNames((await getIndex(c.env.ASSETS)).table, kind as BrowseKind, { sort, page, contains })
    const pages = Math.max(1, Math.ceil(total / BROWSE_PAGE_SIZE))
    if (page > pages) throw notFound(`there are ${pages} pages`)
    return c.html(<BrowsePage kind={kind as BrowseKind} sort={sort} page={page} pages={pages} total={total} names={names} contains={contains} />)
  })
