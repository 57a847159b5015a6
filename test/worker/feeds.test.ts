// Atom feeds of searches, fandoms, ships, characters, authors and series: parsed with a real XML parser and checked
// against the search API's own answers (ids, dates and links), linked from the pages that list what they follow.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { ORIGIN, allStories, get, search, type Hit } from './_api'

type FullHit = Hit & { updated: string | null }
/** An element as the parser gives it: its text, or an object of its text and attributes. */
type Node = string | { '#text'?: string; [attribute: `@_${string}`]: string }

interface Entry {
  id: Node
  title: Node
  summary: Node
  updated: Node
  published?: Node
  link: Node[]
  author: { name: Node }[]
  category?: Node[]
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z'

const text = (node: Node | undefined) => (typeof node === 'string' ? node : (node?.['#text'] ?? ''))
const attribute = (node: Node, name: string) => (typeof node === 'string' ? undefined : node[`@_${name}`])

async function feed(path: string) {
  const response = await get(path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/atom\+xml/)
  const xml = await response.text()
  expect(XMLValidator.validate(xml)).toBe(true)
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['entry', 'link', 'author', 'category'].includes(name) }).parse(xml) as {
    feed: { '@_xmlns': string; id: Node; title: Node; updated: Node; link: Node[]; entry?: Entry[] }
  }
  return { xml, doc: doc.feed, entries: doc.feed.entry ?? [] }
}

const urlOf = (hit: Hit) => `${ORIGIN}${hit.url}`

describe('Atom feeds', () => {
  it('a search feed is valid Atom: the stories it finds, most recently updated first, with ids, dates, links and authors', async () => {
    const { doc, entries } = await feed('/feed.atom?q=clark')
    expect(doc['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(text(doc.id)).toBe(`${ORIGIN}/feed.atom?q=clark`)
    expect(text(doc.title)).toContain('“clark”')
    expect(doc.link.map((link) => [attribute(link, 'rel'), attribute(link, 'href')])).toEqual([
      ['alternate', `${ORIGIN}/search?q=clark`],
      ['self', `${ORIGIN}/feed.atom?q=clark`],
    ])
    const answer = await search('q=clark&sort=updated&limit=30')
    const expected = answer.hits as FullHit[]
    expect(expected.length).toBeGreaterThan(1)
    expect(expected.some((hit) => hit.updated === null)).toBe(true)
    // The search's own order: the most recent update first, undated stories last.
    expect(entries.map((entry) => text(entry.id))).toEqual(expected.map(urlOf))
    entries.forEach((entry, i) => {
      const hit = expected[i]!
      expect(text(entry.title)).toBe(hit.title)
      expect(entry.link.map((link) => attribute(link, 'href'))).toEqual([urlOf(hit)])
      expect(text(entry.updated)).toMatch(RFC3339)
      // An undated story carries a fixed time, so a rebuild never marks it updated again.
      expect(text(entry.updated).slice(0, 10)).toBe(hit.updated ? hit.updated.slice(0, 10) : UNKNOWN_TIME.slice(0, 10))
      if (hit.date) expect(text(entry.published).slice(0, 10)).toBe(hit.date.slice(0, 10))
      else expect(entry.published).toBeUndefined()
      expect(entry.author.map((author) => text(author.name))).toEqual(hit.authors.length ? hit.authors : ['Unknown author'])
    })
    const dated = entries.map((entry) => text(entry.updated)).filter((time) => time !== UNKNOWN_TIME)
    expect(dated).toEqual([...dated].sort().reverse())
    expect(text(doc.updated)).toBe(dated[0])
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
    expect(entries.map((entry) => text(entry.id)).sort()).toEqual(expected.map(urlOf).sort())
    if (field !== 'author') for (const entry of entries) expect((entry.category ?? []).map((category) => attribute(category, 'term'))).toContain(value)
  })

  it('a series feed lists its works', async () => {
    const { entries } = await feed(`/feed.atom?series=${encodeURIComponent('Island Lights')}`)
    const expected = await search(`series=${encodeURIComponent('Island Lights')}&limit=100`)
    expect(expected.hits.length).toBeGreaterThan(0)
    expect(entries.map((entry) => text(entry.id)).sort()).toEqual(expected.hits.map(urlOf).sort())
  })

  it('follows the search, not its page or sort: paging and sort do not change a feed', async () => {
    const plain = await feed('/feed.atom?fandom=Smallville')
    const paged = await feed('/feed.atom?fandom=Smallville&page=3&sort=title&limit=2')
    expect(paged.entries.map((entry) => text(entry.id))).toEqual(plain.entries.map((entry) => text(entry.id)))
    expect(text(paged.doc.id)).toBe(text(plain.doc.id))
  })

  it('keeps markup in titles, names and summaries as text: the XML stays valid and a reader shows it, never runs it', async () => {
    const { xml, entries } = await feed('/feed.atom?q=hostile')
    const hostile = entries.find((entry) => text(entry.title).includes('Hostile Title'))!
    expect(text(hostile.title)).toBe("<script>alert('title')</script> Hostile Title")
    expect(attribute(hostile.title, 'type')).toBe('text')
    expect(attribute(hostile.summary, 'type')).toBe('text')
    expect(xml).not.toMatch(/<(script|img|b|i)[\s>]/i)
    // Names with markup are attribute values too (categories): escaped there as well.
    expect((hostile.category ?? []).map((category) => attribute(category, 'term')).join(' ')).toContain('<')
  })

  it('an empty search is a valid feed with no entries, dated when the index was built', async () => {
    const { doc, entries } = await feed('/feed.atom?q=zzzqqqnothing')
    expect(entries).toEqual([])
    const built = (await search('q=clark&limit=1')).index.builtAt
    expect(text(doc.updated)).toBe(new Date(built).toISOString())
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

  it("is linked from every name in the browse lists, and that feed lists the name's stories", async () => {
    const html = parse(await (await get('/browse/characters?sort=name')).text())
    const rows = html.querySelectorAll('.browse-names li')
    expect(rows.length).toBeGreaterThan(1)
    for (const row of rows) {
      const name = row.querySelector('a')!.text
      expect(row.querySelector('a.feed-link')!.getAttribute('href')).toBe(`/feed.atom?${new URLSearchParams({ character: name })}`)
    }
    const chloe = rows.find((row) => row.querySelector('a')!.text === 'Chloe Sullivan')!
    const { entries } = await feed(chloe.querySelector('a.feed-link')!.getAttribute('href')!)
    expect(entries.length).toBe(Number(chloe.querySelector('.count')!.text))
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
