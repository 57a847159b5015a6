import { SELF } from 'cloudflare:test'
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'

const get = (path: string) => SELF.fetch(`https://story-search.test${path}`)

describe('GET /', () => {
  it('serves the search page with a labelled search form', async () => {
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(html).toContain('<form id="search-form" class="search-form" action="/search" method="get" role="search">')
    expect(html).toMatch(/<label for="q"[^>]*>\s*Search stories/)
  })
})

describe('GET /search', () => {
  it('renders results server-side, with marked snippets and links that carry the query', async () => {
    const response = await get('/search?q=leather+clad+hero')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('href="/stories/004-0000a776e102d203?q=leather%20clad%20hero"')
    expect(html).toContain('<mark>leather</mark>')
    expect(html).toMatch(/\d+ stor(y|ies) for “leather clad hero”/)
  })

  it('offers the spelling above the stories a misspelt word found', async () => {
    const html = await (await get('/search?q=meetor+shower')).text()
    expect(html).toContain('fixtures--smallville--meteor-shower')
    const offer = html.indexOf('class="did-you-mean"')
    expect(offer).toBeGreaterThan(-1)
    expect(html.slice(offer, offer + 300)).toContain('>meteor shower</a>')
    expect(html).not.toContain('No stories found')
  })

  it('says "about" when a long phrase was checked only as far as the page, and gives the page a full check gives', async () => {
    const api = async (limit: number) => (await (await get(`/api/search?q=${encodeURIComponent('"i love you"')}&limit=${limit}`)).json()) as { total: number; truncated: boolean; hits: { id: string }[] }
    const all = await api(50)
    expect(all.truncated).toBe(false)
    expect(all.total).toBeGreaterThan(1)
    const first = await api(1)
    expect(first.truncated).toBe(true)
    expect(first.hits.map((hit) => hit.id)).toEqual(all.hits.slice(0, 1).map((hit) => hit.id))
    const html = await (await get(`/search?q=${encodeURIComponent('"i love you"')}&limit=1`)).text()
    expect(html).toMatch(/about \d+ stories for/)
    expect(html).toContain('Page 1 of about')
  })

  it('marks the stories that have only some of the words', async () => {
    const html = await (await get('/search?q=clark+telescope')).text()
    const full = html.indexOf('fixtures--smallville--meteor-shower')
    const note = html.indexOf('From here on, stories with some of your words, not all')
    expect(full).toBeGreaterThan(-1)
    expect(note).toBeGreaterThan(full)
    // Said once, above the first such story, not under every title.
    expect(html.split('some of your words, not all').length).toBe(2)
    expect(html.split('class="result some-words"').length).toBeGreaterThan(2)
  })

  it('escapes the query where it is shown', async () => {
    const html = await (await get('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('answers a bad parameter with a 400 HTML page', async () => {
    const response = await get('/search?q=x&limit=0')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('limit must be a whole number')
  })
})

describe('GET /stories/:id', () => {
  it('shows the story with its metadata and paragraphs', async () => {
    const response = await get('/stories/000-cabcaac395bc47b5')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<h1>Healing</h1>')
    expect(html).toContain('<p>He&#39;d thought it would get better.</p>')
    expect(html).toContain('<title>Healing – story-search</title>')
  })

  it('answers 404 HTML for an unknown story', async () => {
    const response = await get('/stories/no-such-story')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Not found')
  })
})

describe('small things the search page gets right', () => {
  it('does not nest quotes around a quoted phrase in the count line', async () => {
    const html = await (await get('/search?q=%22let+her+go%22')).text()
    expect(html).toMatch(/\d+ stor(y|ies) for &quot;let her go&quot;</)
  })

  it('shows no lone Filter heading when nothing matches: only the status and length form, to undo one', async () => {
    const html = parse(await (await get('/search?q=zzqxvnothing')).text())
    expect(html.querySelectorAll('#facets .facet').map((facet) => facet.querySelector('h3')!.text)).toEqual(['Status and length'])
  })

  it('shows the help page’s code as code, not backticks', async () => {
    const html = await (await get('/help')).text()
    expect(html).toContain('either word (<code>|</code> works too)')
    expect(html).not.toContain('`')
  })
})
