// Hostile story files (test/fixtures/archive/hostile/) are escaped on every page and served as plain data by the API.
import { describe, expect, it } from 'vitest'
import { get, search } from './_api'

const TEXT_STORY = 'fixtures--hostile--script-tags'
const HTML_STORY = 'fixtures--hostile--markup-story'

/**
 * Markup in a page that would run or load something: any tag the page really contains (escaped text has `&lt;`
 * instead of `<`) that is a script other than the site's own files, an embedding or styling element, or carries an
 * event handler or a `javascript:` URL; and any HTML comment, which a hostile value could use to hide markup.
 */
function injectedMarkup(html: string): string[] {
  const found: string[] = []
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const name = /^<([a-zA-Z0-9-]+)/.exec(tag)![1]!.toLowerCase()
    if (name === 'script' && !/^<script\s+(?:type="module"\s+)?src="\/[^"]*"(?:\s+type="module")?(?:\s+(?:defer|async))?\s*>$/i.test(tag)) found.push(tag)
    if (['img', 'svg', 'iframe', 'object', 'embed', 'base', 'style', 'frame', 'math'].includes(name)) found.push(tag)
    // Attribute names only: quoted values are escaped text (an aria-label may well read "onmouseover=").
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""')
    if (/\son[a-z]+\s*=/i.test(names) || /\sstyle\s*=/i.test(names) || /\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push(tag)
  }
  for (const [comment] of html.matchAll(/<!--/g)) found.push(comment)
  return found
}

const PAGES = [
  `/stories/${TEXT_STORY}`,
  `/stories/${HTML_STORY}`,
  `/stories/${TEXT_STORY}?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
  '/search?q=hostile',
  '/search?q=payload',
  '/search?q=markup',
  `/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)> hostile')}`,
  `/search?q=${encodeURIComponent("</title><script>alert('q')</script>")}`,
  `/search?q=hostile&fandom=${encodeURIComponent('<script>alert(1)</script>')}`,
  '/',
  '/help',
  `/nothing/${encodeURIComponent('<script>alert(1)</script>')}`,
]

describe('hostile stories on HTML pages', () => {
  it.each(PAGES)('renders %s with every piece of story and query text escaped', async (path) => {
    const response = await get(path)
    expect(response.status).toBeLessThan(500)
    const html = await response.text()
    expect(injectedMarkup(html)).toEqual([])
  })

  it('shows the hostile title, author and body as text', async () => {
    const html = await (await get(`/stories/${TEXT_STORY}`)).text()
    expect(html).toContain('&lt;script&gt;alert(')
    expect(html).toContain('Hostile Title')
    expect(html).toContain('onerror=alert(') // as text: the attribute check above proves it is not markup
    expect(html).toContain('&amp;lt;b&amp;gt;not bold') // entities in a text file are text, escaped once more
  })

  it('finds the hostile stories by their words, so the result pages above really show them', async () => {
    expect((await search('q=hostile')).hits.map((hit) => hit.id)).toEqual(expect.arrayContaining([TEXT_STORY, HTML_STORY]))
    const html = await (await get('/search?q=hostile')).text()
    expect(html).toContain(`/stories/${TEXT_STORY}`)
    expect(html).toContain(`/stories/${HTML_STORY}`)
  })
})

describe('hostile stories in the JSON API', () => {
  it('returns the text story as data, exactly as written', async () => {
    const story = (await (await get(`/api/stories/${TEXT_STORY}`)).json()) as { title: string; summary: string; body: string }
    expect(story.title).toBe("<script>alert('title')</script> Hostile Title")
    expect(story.summary).toContain('javascript:alert(')
    expect(story.body).toContain("<script>alert('body')</script>")
  })

  it('returns the HTML story reduced to text: no tags, scripts, handlers or links survive the build', async () => {
    const story = (await (await get(`/api/stories/${HTML_STORY}`)).json()) as Record<string, unknown>
    const text = JSON.stringify(story)
    for (const gone of ['head-script', 'body-script', 'body-onload', 'summary-img', "alert('svg')", "alert('comment')", "alert('iframe')", "alert('link')", "alert('style')", "alert('meta')", "alert('form')", 'onerror', 'onmouseover', '<img', '<iframe', '<b ', '<i>']) {
      expect(text, gone).not.toContain(gone)
    }
    expect(story.body).toContain('Clark read the hostile markup aloud.')
    expect(story.body).toContain('a javascript link')
    // Entities in the HTML are text about tags, and stay text.
    expect(story.body).toContain("Literal text about tags: <script>alert('entity')</script> & \"quotes\".")
  })

  it('answers JSON with nosniff, so a browser never renders API data as a page', async () => {
    const response = await get(`/api/stories/${TEXT_STORY}`)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
