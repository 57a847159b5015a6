// GET /help: how to use the query language, with examples made from the archive's stories.
import { Hono } from 'hono'
import { archiveExamples } from '../present/archive-examples'
import { getIndex } from '../index/index-loader'
import { HelpPage } from '../views/help-page'

export const helpPage = new Hono<{ Bindings: Env }>().get('/', async (c) => c.html(<HelpPage examples={await archiveExamples(await getIndex(c.env.ASSETS))} />))
