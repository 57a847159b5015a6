// GET /api/openapi.json: the API's OpenAPI 3.1 description.
import { Hono } from 'hono'
import { OPENAPI_DOCUMENT } from '../site/openapi'

export const openapiApi = new Hono<{ Bindings: Env }>().get('/', (c) => c.json(OPENAPI_DOCUMENT))
