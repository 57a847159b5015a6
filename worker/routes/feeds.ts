// GET /feed.atom: the Atom feed of any search (the same parameters as /search), so a reader can follow a saved
// search, a fandom, a ship, a character, an author or a series in a feed reader.
import { Hono } from 'hono'
import { atomFeed, FEED_ENTRIES } from '../site/feed'
import { feedParams } from '../../static/search-url.js'
import { getIndex } from '../index/index-loader'
import { reportedIndex } from '../index/index-release'
import { answerSearch } from '../present/answer-search'
import { parseSearchParams } from '../query/search-params'

export const feeds = new Hono<{ Bindings: Env }>().get('/feed.atom', async (c) => {
  const url = new URL(c.req.url)
  const search = feedParams(url.searchParams)
  const input = parseSearchParams(search)
  const release = reportedIndex()
  const result = await answerSearch(await getIndex(c.env.ASSETS), { ...input, sort: 'updated', page: 1, limit: FEED_ENTRIES }, release, { snippets: false })
  if (result.partial) c.header('Cache-Control', 'no-store')
  const body = atomFeed({ origin: url.origin, params: search, hits: result.hits, builtAt: release.builtAt })
  return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
})
