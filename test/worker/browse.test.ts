// Browsing the archive by name (fandoms, ships, characters, authors, tags, languages, series): counts from the story
// table, sorting, a filter box and paging, all without JavaScript, each name a link to its stories.
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { get, search } from './_api'

const names = async (path: string) => {
  const response = await get(path)
  expect(response.status, path).toBe(200)
  const html = parse(await response.text())
  return html.querySelectorAll('.browse-names li').map((li) => ({
    name: li.querySelector('a')!.text,
    href: li.querySelector('a')!.getAttribute('href'),
    count: Number(li.querySelector('.count')!.text.replace(/,/g, '')),
  }))
}

describe('browsing', () => {
  it('lists every kind on /browse, linked from every page', async () => {
    const html = parse(await (await get('/browse')).text())
    expect(html.querySelectorAll('.browse-kinds a').map((a) => a.getAttribute('href'))).toEqual(
      ['fandoms', 'relationships', 'characters', 'authors', 'tags', 'languages', 'series'].map((kind) => `/browse/${kind}`),
    )
    expect(parse(await (await get('/')).text()).querySelector('.site-links a[href="/browse"]')).not.toBeNull()
  })

  it('lists fandoms with their story counts, most stories first, each linking to its filtered search', async () => {
    const fandoms = await names('/browse/fandoms')
    const smallville = fandoms.find((entry) => entry.name === 'Smallville')!
    expect(smallville.href).toBe('/search?fandom=Smallville')
    // The count is the number of stories the link finds.
    expect(smallville.count).toBe((await search('q=&limit=1&fandom=Smallville')).total)
    expect(fandoms.map((entry) => entry.count)).toEqual([...fandoms.map((entry) => entry.count)].sort((a, b) => b - a))
  })

  it('sorts by name and finds names containing what the reader types', async () => {
    const byName = await names('/browse/characters?sort=name')
    expect(byName.map((entry) => entry.name)).toEqual([...byName.map((entry) => entry.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
    const box = parse(await (await get('/browse/authors')).text()).querySelector('label[for="browse-filter"]')!
    expect(box.text.trim()).toBe('Find an author')
    const found = await names('/browse/characters?filter=lana')
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((entry) => entry.name.toLowerCase().includes('lana'))).toBe(true)
  })

  it('lists series linking to their pages, and languages', async () => {
    expect(await names('/browse/series')).toEqual(expect.arrayContaining([{ name: 'Island Lights', href: '/series/Island%20Lights', count: 2 }]))
    expect((await names('/browse/languages')).map((entry) => entry.name)).toEqual(expect.arrayContaining(['English', 'Spanish', 'Chinese']))
  })

  it('answers 404 for a kind it does not know or a page past the end, and 400 for a bad sort', async () => {
    expect((await get('/browse/planets')).status).toBe(404)
    expect((await get('/browse/fandoms?page=99')).status).toBe(404)
    expect((await get('/browse/fandoms?sort=random')).status).toBe(400)
  })

  it('sends a link written with a trailing slash to the page without it', async () => {
    for (const path of ['/browse/', '/browse/fandoms/?sort=name', '/help/']) {
      const response = await get(path, { redirect: 'manual' })
      expect(response.status, path).toBe(301)
      expect(new URL(response.headers.get('location')!).pathname + new URL(response.headers.get('location')!).search).toBe(path.replace(/\/(\?|$)/, '$1'))
    }
    expect((await get('/browse/planets/', { redirect: 'manual' })).status).toBe(301)
  })

  it('lists the browse and series pages in the sitemap', async () => {
    const xml = await (await get('/sitemap.xml')).text()
    expect(xml).toContain('/browse/fandoms</loc>')
    expect(xml).toContain('/series/Island%20Lights</loc>')
  })
})
