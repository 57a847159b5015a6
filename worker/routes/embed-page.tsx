// GET /embed: the embeddable widget's demo and instructions.
import { Hono } from 'hono'
import { archiveExamples } from '../present/archive-examples'
import { getIndex } from '../index/index-loader'
import { EmbedPage } from '../views/embed-page'

export const embedPage = new Hono<{ Bindings: Env }>().get('/', async (c) =>
  c.html(<EmbedPage origin={new URL(c.req.url).origin} tips={await archiveExamples(await getIndex(c.env.ASSETS))} />),
)
