// GET /api/openapi.json: the API's OpenAPI 3.1 description.
import { Hono } from 'hono'
import { openapiDocument } from '../site/openapi'

export const openapiApi = new Hono<{ Bindings: Env }>().get('/', (c) => c.json(openapiDocument()))
