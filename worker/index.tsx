// The Worker: wires middleware, routes and error handling. Logic lives in routes/ and lib/.
import { Hono, type Context } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError, errorBody } from './lib/errors'
import { healthApi } from './routes/health-api'
import { helpPage } from './routes/help-page'
import { openapiApi } from './routes/openapi-api'
import { searchApi } from './routes/search-api'
import { searchPages } from './routes/search-pages'
import { storiesApi } from './routes/stories-api'
import { suggestApi } from './routes/suggest-api'
import { storyPages } from './routes/story-pages'
import { ErrorPage } from './views/error-page'

const app = new Hono<{ Bindings: Env }>()

// Other sites call the API from their own pages.
app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400 }))

app.route('/api/search', searchApi)
app.route('/api/stories', storiesApi)
app.route('/api/suggest', suggestApi)
app.route('/api/health', healthApi)
app.route('/api/openapi.json', openapiApi)
app.route('/stories', storyPages)
app.route('/help', helpPage)
app.route('/', searchPages)

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
