// GET /embed: the embeddable widget's demo and instructions.
import { Hono } from 'hono'
import { EmbedPage } from '../views/embed-page'

export const embedPage = new Hono<{ Bindings: Env }>().get('/', (c) => c.html(<EmbedPage origin={new URL(c.req.url).origin} />))
