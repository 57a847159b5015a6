// GET /help: how to use the query language.
import { Hono } from 'hono'
import { HelpPage } from '../views/help-page'

export const helpPage = new Hono<{ Bindings: Env }>().get('/', (c) => c.html(<HelpPage />))
