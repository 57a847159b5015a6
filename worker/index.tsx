// The Worker: wires middleware, routes and error handling. Logic lives in core/ (shared with the builder) and in the
// stages here: index/ (loading), query/ (reading a request), search/, present/ (answers and snippets), site/, routes/.
import { Hono, type Context } from 'hono'
import { trimTrailingSlash } from 'hono/trailing-slash'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError, errorBody } from './errors'
import { dependsOnDay } from './query/search-params'
import { httpCache } from './middleware/http-cache'
import { indexVersionHeader } from './middleware/index-version'
import { rateLimit } from './middleware/rate-limit'
import { securityHeaders } from './middleware/security-headers'
import { embedPage } from './routes/embed-page'
import { feeds } from './routes/feeds'
import { readerPages } from './routes/reader-pages'
import { healthApi } from './routes/health-api'
import { helpPage } from './routes/help-page'
import { openapiApi } from './routes/openapi-api'
import { searchApi } from './routes/search-api'
import { searchPages } from './routes/search-pages'
import { siteFiles } from './routes/site-files'
import { storiesApi } from './routes/stories-api'
import { suggestApi } from './routes/suggest-api'
import { browsePages } from './routes/browse-pages'
import { seriesPages } from './routes/series-pages'
import { storyPages } from './routes/story-pages'
import { ErrorPage } from './views/error-page'

const app = new Hono<{ Bindings: Env }>()

app.use('*', indexVersionHeader())
app.use('*', securityHeaders())
// A link written with a trailing slash (`/browse/`) finds the page without it, rather than a 404.
app.use('*', trimTrailingSlash())
// Other sites call the API from their own pages, and may read which index answered (to cache by it) and when to retry.
app.use('/feed.atom', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400 }))
app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400, exposeHeaders: ['ETag', 'X-Index-Version', 'Retry-After'] }))
// After CORS, so another site's page can read the 429; before the cache, so cached answers count too.
app.use('/api/*', rateLimit({ limiter: (c) => c.env?.API_RATE_LIMIT }))
// Responses that depend only on the URL and the index: ETag, 304 and the edge cache, keyed by the release.
// Searches may count back from today (updated within a month): those are cached for the day as well.
const searchCache = () => httpCache({ dependsOnDay })
app.use('/api/search', searchCache())
app.use('/api/stories/*', httpCache())
app.use('/api/suggest', httpCache())
app.use('/', searchCache())
app.use('/search', searchCache())
app.use('/stories/*', httpCache())
app.use('/series/*', httpCache())
app.use('/browse', httpCache())
app.use('/browse/*', httpCache())
// Help and the embed demo show examples made from the archive: they change with the index, as the pages above do.
app.use('/help', httpCache())
app.use('/embed', httpCache())
app.use('/feed.atom', searchCache())
app.use('/settings', httpCache())
app.use('/saved', httpCache())

app.route('/api/search', searchApi)
app.route('/api/stories', storiesApi)
app.route('/api/suggest', suggestApi)
app.route('/api/health', healthApi)
app.route('/api/openapi.json', openapiApi)
app.route('/stories', storyPages)
app.route('/series', seriesPages)
app.route('/browse', browsePages)
app.route('/help', helpPage)
app.route('/', searchPages)
app.route('/embed', embedPage)
app.route('/', feeds)
app.route('/', readerPages)
app.route('/', siteFiles)

function respondWithError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  if (new URL(c.req.url).pathname.startsWith('/api/')) return c.json(errorBody(code, message), status)
  return c.html(<ErrorPage status={status} message={message} />, status)
}

app.notFound((c) => respondWithError(c, 404, 'not_found', `nothing at ${new URL(c.req.url).pathname.slice(0, 200)}`))

app.onError((error, c) => {
  if (error instanceof ApiError) return respondWithError(c, error.status, error.code, error.message)
  if (error instanceof HTTPException && error.status < 500) return respondWithError(c, error.status, 'bad_request', error.message)
  console.error('story-search: unexpected error', error)
  return respondWithError(c, 500, 'internal_error', 'the server could not answer this request; it has been logged')
})

export default app satisfies ExportedHandler<Env>
