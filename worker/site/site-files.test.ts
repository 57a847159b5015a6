// The site described for browsers and crawlers: OpenSearch, the sitemap and robots.txt.
import { describe, expect, it } from 'vitest'
import { escapeXml, openSearchXml, robotsTxt, sitemapXml } from './site-files'

describe('site files', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;')
  })

  it('describes the HTML and JSON search URLs for OpenSearch', () => {
    const xml = openSearchXml('https://fics.example')
    expect(xml).toContain('<Url type="text/html" method="get" template="https://fics.example/search?q={searchTerms}"/>')
    expect(xml).toContain('<ShortName>story-search</ShortName>')
  })

  it('lists every entry in the sitemap with its date when known', () => {
    const xml = sitemapXml('https://fics.example', [{ path: '/' }, { path: '/stories/a&b', lastModified: '2006-01-21T19:20' }, { path: '/stories/c', lastModified: 'soon' }])
    expect(xml).toContain('<url><loc>https://fics.example/</loc></url>')
    expect(xml).toContain('<url><loc>https://fics.example/stories/a&amp;b</loc><lastmod>2006-01-21</lastmod></url>')
    expect(xml).toContain('<url><loc>https://fics.example/stories/c</loc></url>')
  })

  it('points crawlers at the sitemap and away from the API and result pages', () => {
    const text = robotsTxt('https://fics.example')
    expect(text).toContain('Sitemap: https://fics.example/sitemap.xml')
    expect(text).toContain('Disallow: /api/')
    expect(text).toContain('Disallow: /search')
  })
})
