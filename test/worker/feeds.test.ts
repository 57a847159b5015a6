// Atom feeds of searches, fandoms, ships, characters, authors and series: parsed with a real XML parser and checked
// against the search API's own answers (ids, dates, links), linked from the pages that list what they follow.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { ORIGIN, allStories, get, search, type Hit } from './_api'

type FullHit = Hit & { updated: string | null }

interface Entry {
  id: string
  title: string | { '#text': string }
  updated: string
  published?: string
  link: { '@_href': string; '@_rel'?: string }
  author: { name: string } | { name: string }[]
  category?: { '@_term': string } | { '@_term': string }[]
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

async function feed(path: string) {
  const response = await get(path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/atom\+xml/)
  const xml = await response.text()
  expect(XMLValidator.validate(xml)).toBe(true)
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link'].includes(name) }).parse(xml) as {
    feed: { '@_xmlns': string; id: string; title: string; updated: string; link: { '@_href': string; '@_rel'?: string }[]; author: { name: string }; entry?: (Entry & { link: Entry['link'][] })[] }
  }
  return { response, doc: doc.feed, entries: doc.feed.entry ?? [] }
}

/** An Atom text construct as a reader shows it: `type="html"` content is HTML, so its entities are decoded. */
const textOf = (title: Entry['title']) =>
  typeof title === 'string' ? title : title['#text'].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

const asList = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])

describe('Atom feeds', () => {
  it('a search feed is valid Atom: the stories the search finds, most recently updated first, with ids, dates and links', async () => {
    const { doc, entries } = await feed('/feed.atom?q=clark')
    expect(doc['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(doc.id).toBe(`${ORIGIN}/feed.atom?q=clark`)
    expect(doc.title).toContain('“clark”')
    expect(doc.updated).toMatch(RFC3339)
    expect(doc.link.map((link) => [link['@_rel'] ?? 'alternate', link['@_href']])).toEqual(expect.arrayContaining([['alternate', `${ORIGIN}/search?q=clark`], ['self', `${ORIGIN}/feed.atom?q=clark`]]))
    const answer = await search('q=clark&sort=updated&limit=30')
    const expected = answer.hits.filter((hit) => hit.allWords) as FullHit[]
    expect(expected.length).toBeGreaterThan(1)
    // Dated stories in the API's order; an undated one carries the index's build time, so it leads.
    const dated = expected.filter((hit) => hit.updated !== null)
    expect(entries.map((entry) => entry.id).filter((id) => dated.some((hit) => `${ORIGIN}${hit.url}` === id))).toEqual(dated.map((hit) => `${ORIGIN}${hit.url}`))
    expect(entries.map((entry) => entry.id).sort()).toEqual(expected.map((hit) => `${ORIGIN}${hit.url}`).sort())
    entries.forEach((entry) => {
      const hit = expected.find((candidate) => `${ORIGIN}${candidate.url}` === entry.id)!
      expect(textOf(entry.title)).toBe(hit.title)
      expect(entry.link[0]!['@_href']).toBe(`${ORIGIN}${hit.url}`)
      expect(entry.updated).toMatch(RFC3339)
      if (hit.updated) expect(entry.updated.slice(0, 10)).toBe(hit.updated.slice(0, 10))
      else expect(entry.updated).toBe(new Date(answer.index.builtAt).toISOString())
      if (hit.date) expect(entry.published!.slice(0, 10)).toBe(hit.date.slice(0, 10))
      expect(asList(entry.author).map((author) => author.name)).toEqual(hit.authors.length ? hit.authors : ['Unknown author'])
    })
    const times = entries.map((entry) => entry.updated)
    expect(times).toEqual([...times].sort().reverse())
    expect(doc.updated).toBe(times[0])
  })

  it.each([
    ['fandom', 'Smallville', (hit: Hit) => hit.fandoms],
    ['relationship', 'Clark Kent/Lana Lang', (hit: Hit) => hit.relationships],
    ['character', 'Chloe Sullivan', (hit: Hit) => hit.characters],
    ['author', 'Crossing Writer', (hit: Hit) => hit.authors],
  ])('a %s feed lists exactly the stories with it', async (field, value, valuesOf) => {
    const { entries } = await feed(`/feed.atom?${field}=${encodeURIComponent(value)}`)
    const expected = (await allStories()).filter((hit) => valuesOf(hit).includes(value))
    expect(expected.length).toBeGreaterThan(0)
    expect(entries.map((entry) => entry.id).sort()).toEqual(expected.map((hit) => `${ORIGIN}${hit.url}`).sort())
    if (field !== 'author') for (const entry of entries) expect(asList(entry.category).map((category) => category['@_term'])).toContain(value)
  })

  it('a series feed lists its works', async () => {
    const { entries } = await feed(`/feed.atom?series=${encodeURIComponent('Island Lights')}`)
    expect(entries.length).toBeGreaterThan(0)
    const expected = await search(`series=${encodeURIComponent('Island Lights')}&limit=100`)
    expect(entries.map((entry) => entry.id).sort()).toEqual(expected.hits.map((hit) => `${ORIGIN}${hit.url}`).sort())
  })

  it('follows the search, not its page or sort: paging and sort do not change a feed', async () => {
    const plain = await feed('/feed.atom?fandom=Smallville')
    const paged = await feed('/feed.atom?fandom=Smallville&page=3&sort=title&limit=2')
    expect(paged.entries.map((entry) => entry.id)).toEqual(plain.entries.map((entry) => entry.id))
    expect(paged.doc.id).toBe(plain.doc.id)
  })

  it('keeps a title and summary with markup as text: a feed reader shows it, never runs it', async () => {
    const { entries } = await feed('/feed.atom?q=hostile')
    const hostile = entries.find((entry) => textOf(entry.title).includes('Hostile Title'))!
    expect(textOf(hostile.title)).toBe("<script>alert('title')</script> Hostile Title")
    const html = (hostile.title as { '#text': string })['#text']
    expect(html).not.toMatch(/<script/i)
    const summary = (hostile as unknown as { summary: { '#text': string } }).summary['#text']
    expect(summary).not.toMatch(/<(script|img|b|i)\b/i)
    expect(summary).toContain('&lt;')
  })

  it('an empty search is a valid feed with no entries', async () => {
    const { doc, entries } = await feed('/feed.atom?q=zzzqqqnothing')
    expect(entries).toEqual([])
    expect(doc.updated).toMatch(RFC3339)
  })

  it('answers a bad parameter with 400, not a broken feed', async () => {
    const response = await get('/feed.atom?updated_within=soon')
    expect(response.status).toBe(400)
  })

  it('is cached like the pages: an ETag, and 304 when it matches', async () => {
    const first = await get('/feed.atom?fandom=Smallville')
    const etag = first.headers.get('ETag')
    expect(etag).toBeTruthy()
    expect((await get('/feed.atom?fandom=Smallville', { headers: { 'If-None-Match': etag! } })).status).toBe(304)
  })

  it('is linked with <link rel="alternate"> from a search page, a story page (its authors, its series) and a series page', async () => {
    const alternates = async (path: string) =>
      parse(await (await get(path)).text())
        .querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')
        .map((link) => link.getAttribute('href'))
    expect(await alternates('/search?q=clark&sort=title&page=1')).toEqual(['/feed.atom?q=clark'])
    const story = (await allStories()).find((hit) => hit.title === 'Two Skies')!
    expect(await alternates(story.url)).toEqual(['/feed.atom?author=Crossing+Writer'])
    const keeper = (await allStories()).find((hit) => hit.title === "The Keeper's Log")!
    expect(await alternates(keeper.url)).toEqual(['/feed.atom?author=Island+Keeper', '/feed.atom?series=Island+Lights'])
    expect(await alternates(`/series/${encodeURIComponent('Island Lights')}`)).toEqual(['/feed.atom?series=Island+Lights'])
  })
})
