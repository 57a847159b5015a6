// GET /opensearch.xml, /sitemap.xml and /robots.txt: the site described for browsers and crawlers.
import { storyPath } from '../../static/search-url.js'
import { Hono } from 'hono'
import { getIndex } from '../index/index-loader'
import { openSearchXml, robotsTxt, sitemapXml } from '../site/site-files'
import { BROWSE_KINDS } from '../search/browse'
import { listStories } from '../search/story-list'
import { seriesPath } from '../views/series-page'

const originOf = (url: string) => new URL(url).origin

export const siteFiles = new Hono<{ Bindings: Env }>()
  .get('/opensearch.xml', (c) => c.body(openSearchXml(originOf(c.req.url)), 200, { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' }))
  .get('/robots.txt', (c) => c.text(robotsTxt(originOf(c.req.url))))
  .get('/sitemap.xml', async (c) => {
    const table = (await getIndex(c.env.ASSETS)).table
    const stories = listStories(table)
    const browsing = [{ path: '/browse' }, ...Object.keys(BROWSE_KINDS).map((kind) => ({ path: `/browse/${kind}` }))]
    const series = table.seriesTitles.map((title) => ({ path: seriesPath(title) }))
    const entries = [{ path: '/' }, { path: '/help' }, ...browsing, ...series, ...stories.map((story) => ({ path: storyPath(story.id), lastModified: story.date }))]
    return c.body(sitemapXml(originOf(c.req.url), entries), 200, { 'Content-Type': 'application/xml; charset=utf-8' })
  })
