// The web pages beyond the basics: facets and filters without JavaScript, story highlights, the content notice,
// neighbours, the embed demo, and the files for browsers and crawlers.
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { get, q, search } from './_api'

const page = async (path: string) => {
  const response = await get(path)
  expect(response.status).toBe(200)
  return parse(await response.text())
}

describe('search page', () => {
  it('renders facet links that include and exclude, with counts', async () => {
    const html = await page('/search?q=lana')
    const include = html.querySelectorAll('#facets .facet-include').find((a) => a.text.includes('Clark Kent/Lana Lang'))!
    expect(include.getAttribute('href')).toBe('/search?q=lana&relationship=Clark+Kent%2FLana+Lang')
    expect(Number(include.querySelector('.count')!.text)).toBeGreaterThan(0)
    const exclude = html.querySelector('#facets .facet-exclude[aria-label="Exclude Clark Kent/Lana Lang"]')!
    expect(exclude.getAttribute('href')).toBe('/search?q=lana&relationship=-Clark+Kent%2FLana+Lang')
  })

  it('shows active filters as chips that remove them, and keeps them in hidden form fields', async () => {
    const html = await page('/search?q=lana&relationship=-Clark+Kent%2FLana+Lang&words_min=0&words_max=999')
    const chips = html.querySelectorAll('#chips .chip')
    expect(chips.map((chip) => chip.getAttribute('aria-label'))).toEqual(['Remove filter not Relationship: Clark Kent/Lana Lang', 'Remove filter under 1,000 words'])
    expect(chips[0]!.getAttribute('href')).toBe('/search?q=lana&words_min=0&words_max=999')
    const hidden = html.querySelectorAll('#search-form input[type="hidden"]').map((input) => [input.getAttribute('name'), input.getAttribute('value')])
    expect(hidden).toEqual([
      ['relationship', '-Clark Kent/Lana Lang'],
      ['words_min', '0'],
      ['words_max', '999'],
    ])
    expect(html.querySelector('#facets .is-exclude .facet-exclude')?.getAttribute('aria-label')).toBe('Stop excluding Clark Kent/Lana Lang')
  })

  it('gives a result count that matches the facet count after filtering', async () => {
    const before = await page('/search?q=lana')
    const facet = before.querySelectorAll('#facets .facet-include').find((a) => a.text.includes('Lana Lang/Lex Luthor'))!
    const expected = Number(facet.querySelector('.count')!.text)
    const after = await page(facet.getAttribute('href')!)
    expect(after.querySelectorAll('#results .result')).toHaveLength(expected)
  })

  it('browses the newest stories with popular relationships and characters when there is no query', async () => {
    const html = await page('/')
    expect(html.querySelector('.newest-heading')?.text).toBe('Newest stories')
    expect(html.querySelectorAll('.popular h2').map((h) => h.text)).toEqual(['Popular relationships', 'Popular characters'])
    expect(html.querySelector('.popular a')!.getAttribute('href')).toMatch(/^\/search\?relationship=/)
  })

  it('offers tips and a help link when nothing matches', async () => {
    const html = await page('/search?q=zzyzxqqq')
    expect(html.querySelector('.no-hits h2')?.text).toBe('No stories found')
    expect(html.querySelector('.no-hits a[href="/help"]')).not.toBeNull()
    // The examples in the tips are the archive's own: each finds stories here.
    const [pairing, phrase] = html.querySelectorAll('.no-hits .tips code').map((code) => code.text)
    expect(pairing).toMatch(/^[a-z]+\/[a-z]+$/)
    expect(phrase).toMatch(/^".+"$/)
    for (const example of [`pairing:${pairing}`, phrase!]) expect((await search(q(example))).total, example).toBeGreaterThan(0)
  })

  it('says a page past the last one has no stories, and links the last page', async () => {
    const { total, limit } = await search('q=')
    const last = Math.ceil(total / limit)
    const html = await page('/search?page=99')
    expect(html.querySelector('#results li')).toBeNull()
    expect(html.querySelector('#notices h2')!.text).toBe('No stories on page 99')
    expect(html.querySelector('#notices a')!.getAttribute('href')).toBe(`/search?page=${last}`)
    expect(html.querySelector('#pager nav')).toBeNull()
    const lastPage = await page(`/search?page=${last}`)
    expect(lastPage.querySelectorAll('#results li.result').length).toBeGreaterThan(0)
  })

  it('lets the chapter and reading-time boxes go only as low as the search accepts', async () => {
    const html = await page('/search?q=lana')
    for (const [name, lowest] of [['chapters_min', '1'], ['chapters_max', '1'], ['minutes_min', '0'], ['minutes_max', '0']] as const) {
      expect(html.querySelector(`.shape-filters input[name="${name}"]`)!.getAttribute('min')).toBe(lowest)
      expect((await get(`/api/search?q=lana&${name}=${lowest}`)).status).toBe(200)
      expect((await get(`/api/search?q=lana&${name}=${Number(lowest) - 1}`)).status).toBe(400)
    }
  })

  it('lists the top values of each facet with a link to more, and a box to filter a long list by name', async () => {
    const few = await page('/search?facet_limit=2')
    const more = few.querySelectorAll('.facet .facet-more')
    expect(more.length).toBeGreaterThan(0)
    for (const link of more) expect(new URLSearchParams(link.getAttribute('href')!.split('?')[1]).get('facet_limit')).toBe('100')
    const labels = more.map((link) => [link.closest('.facet')!.querySelector('h3')!.text, link.text.trim()])
    expect(labels).toContainEqual(['Fandom', 'Show more fandoms'])
    expect(labels).toContainEqual(['Rating', 'Show more ratings'])
    const all = await page('/search?facet_limit=100')
    expect(all.querySelectorAll('.facet .facet-more').length).toBe(0)
    // Every facet listing eight values or more has a named box to filter them; shorter ones do not.
    for (const section of all.querySelectorAll('.facet')) {
      const values = section.querySelectorAll('li').length
      expect(section.querySelector('input.facet-filter') !== null, section.querySelector('h3')!.text).toBe(values >= 8)
    }
    expect(all.querySelectorAll('input.facet-filter').length).toBeGreaterThan(0)
  })

  it('links every page to the embed page, help and the API from its footer', async () => {
    for (const path of ['/', '/search?q=lana', '/help', '/browse', '/stories/000-cabcaac395bc47b5']) {
      const footer = (await page(path)).querySelector('footer.site-footer')
      expect(footer?.querySelectorAll('a').map((a) => a.getAttribute('href')), path).toEqual(['/embed', '/help', '/api/openapi.json'])
    }
  })

  it('gives the embed widget a placeholder with words from this archive', async () => {
    const html = await page('/embed')
    const placeholder = html.querySelector('#demo-default story-search')!.getAttribute('placeholder')!
    const tries = [...placeholder.matchAll(/“([^”]+)”/g)].map((match) => match[1]!)
    expect(tries.length).toBeGreaterThan(0)
    for (const example of tries) expect((await search(q(example))).total, example).toBeGreaterThan(0)
  })

  it('marks the sort in use and wires the selector to the form', async () => {
    const html = await page('/search?q=lana&sort=title')
    const select = html.querySelector('select#sort')!
    expect(select.getAttribute('form')).toBe('search-form')
    expect(select.querySelector('option[selected]')?.getAttribute('value')).toBe('title')
  })

  it('makes the search box an ARIA combobox and loads only external scripts', async () => {
    const response = await get('/search?q=lana')
    const text = await response.text()
    const html = parse(text)
    const input = html.querySelector('#q')!
    expect(input.getAttribute('role')).toBe('combobox')
    expect(input.getAttribute('aria-controls')).toBe('suggestions')
    expect(html.querySelector('#suggestions')?.getAttribute('role')).toBe('listbox')
    for (const script of html.querySelectorAll('script')) {
      expect(script.getAttribute('src')).toMatch(/^\/[a-z-]+\.js$/)
      expect(script.text).toBe('')
    }
    expect(text).not.toMatch(/\son[a-z]+=|\sstyle=/i)
    expect(html.querySelector('link[rel="search"]')?.getAttribute('href')).toBe('/opensearch.xml')
  })
})

describe('story page', () => {
  it('marks the searched words with numbered anchors and offers a jump to the first', async () => {
    const html = await page('/stories/fixtures--smallville--talon-closing-time?q=espresso+rain&view_adult=true')
    const marks = html.querySelectorAll('.story-text mark.match')
    expect(marks.map((mark) => mark.text)).toEqual(expect.arrayContaining(['espresso', 'rain']))
    expect(marks.map((mark) => mark.id)).toEqual(marks.map((_, i) => `match-${i + 1}`))
    expect(html.querySelector('.match-first')?.getAttribute('href')).toBe('#match-1')
    expect(html.querySelector('#match-nav')?.getAttribute('data-count')).toBe(String(marks.length))
  })

  it('keeps paragraphs and escapes the text', async () => {
    const html = await page('/stories/000-cabcaac395bc47b5')
    expect(html.querySelectorAll('.story-text p').length).toBeGreaterThan(10)
    expect(html.querySelector('.story-text mark')).toBeNull()
  })

  it('shows a content notice instead of the text of an Explicit story, with a Proceed link', async () => {
    const html = await page('/stories/fixtures--smallville--talon-closing-time?q=rain')
    expect(html.querySelector('#content-notice h2')?.text).toBe('This story may contain adult content')
    expect(html.querySelector('.story-text')).toBeNull()
    expect(html.querySelector('#proceed')?.getAttribute('href')).toBe('/stories/fixtures--smallville--talon-closing-time?q=rain&view_adult=true')
    expect(html.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex')
  })

  it('shows the notice for Mature stories too, and the text once the reader proceeds', async () => {
    expect((await page('/stories/fixtures--supernatural--road-trip')).querySelector('#content-notice')).not.toBeNull()
    const html = await page('/stories/fixtures--supernatural--road-trip?view_adult=true')
    expect(html.querySelector('#content-notice')).toBeNull()
    expect(html.querySelector('.story-text')).not.toBeNull()
  })

  it('says whether the work is complete or in progress, when its file says', async () => {
    const status = async (id: string) => {
      const meta = (await page(`/stories/${id}`)).querySelectorAll('.story-meta div').find((row) => row.querySelector('dt')!.text === 'Status')
      return meta?.querySelector('dd')!.text ?? null
    }
    const rows = (await search('q=&limit=100')).hits
    for (const id of ['fixtures--fan-features--crossover-wip', 'fixtures--fan-features--gate-room']) {
      const { complete } = rows.find((hit) => hit.id === id)!
      expect(await status(id), id).toBe(complete === null ? null : complete ? 'Complete' : 'In progress')
    }
    expect(await status('fixtures--fan-features--crossover-wip')).toBe('In progress')
  })

  it('has a title, description, canonical link and Open Graph tags', async () => {
    const html = await page('/stories/000-cabcaac395bc47b5?q=clark')
    expect(html.querySelector('title')?.text).toBe('Healing – story-search')
    expect(html.querySelector('meta[name="description"]')?.getAttribute('content')).toBeTruthy()
    expect(html.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://story-search.test/stories/000-cabcaac395bc47b5')
    expect(html.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('Healing')
    expect(html.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article')
    expect(html.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe('https://story-search.test/stories/000-cabcaac395bc47b5')
  })

  it('links the previous and next story by the same author', async () => {
    const first = await page('/stories/fixtures--smallville--meteor-shower')
    const nav = first.querySelector('nav.neighbours[aria-label="More by this author"]')!
    expect(nav.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/stories/fixtures--smallville--kissing-in-the-rain')
    expect(nav.querySelector('a[rel="prev"]')).toBeNull()
    const second = await page('/stories/fixtures--smallville--kissing-in-the-rain')
    expect(second.querySelector('nav.neighbours a[rel="prev"]')?.getAttribute('href')).toBe('/stories/fixtures--smallville--meteor-shower')
  })
})

describe('embed demo', () => {
  it('shows the widget running and the code to copy, without inline script', async () => {
    const response = await get('/embed')
    expect(response.status).toBe(200)
    const text = await response.text()
    const html = parse(text)
    expect(html.querySelector('story-search')?.getAttribute('endpoint')).toBe('https://story-search.test')
    expect(text).toContain('&lt;script src=&quot;https://story-search.test/embed.js&quot; defer&gt;&lt;/script&gt;')
    expect(html.querySelectorAll('script').every((script) => script.text === '' && script.getAttribute('src'))).toBe(true)
  })
})

describe('files for browsers and crawlers', () => {
  it('serves an OpenSearch description with this origin', async () => {
    const response = await get('/opensearch.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/opensearchdescription+xml')
    expect(await response.text()).toContain('template="https://story-search.test/search?q={searchTerms}"')
  })

  it('lists every story in the sitemap', async () => {
    const response = await get('/sitemap.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/xml')
    const xml = await response.text()
    const health = (await (await get('/api/health')).json()) as { index: { stories: number } }
    expect(xml.match(/<loc>https:\/\/story-search\.test\/stories\//g)).toHaveLength(health.index.stories)
    expect(xml).toContain('<loc>https://story-search.test/stories/fixtures--smallville--meteor-shower</loc><lastmod>2004-03-03</lastmod>')
  })

  it('serves robots.txt pointing at the sitemap', async () => {
    const response = await get('/robots.txt')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    expect(await response.text()).toContain('Sitemap: https://story-search.test/sitemap.xml')
  })
})

describe('names as links', () => {
  it('links a story’s author, fandom, ships, characters and language to their filtered search', async () => {
    const html = parse(await (await get('/stories/fixtures--smallville--meteor-shower')).text())
    const links = html.querySelectorAll('.story-meta a').map((a) => a.getAttribute('href'))
    expect(links).toEqual(expect.arrayContaining(['/search?author=Fixture+Writer', '/search?fandom=Smallville', '/search?language=English']))
    expect(links.some((href) => href?.startsWith('/search?character='))).toBe(true)
  })

  it('links authors, fandoms and ships in the server-rendered results', async () => {
    const html = parse(await (await get('/search?q=meteor')).text())
    const row = html.querySelector('.result')!
    expect(row.querySelector('.author a')?.getAttribute('href')).toBe('/search?author=Fixture+Writer')
    expect(row.querySelector('.fandom a')?.getAttribute('href')).toBe('/search?fandom=Smallville')
  })
})
