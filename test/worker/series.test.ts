// A series (test/fixtures/archive/chapters: Harbour Night is part 1 of Island Lights, The Keeper's Log part 2): its page
// lists the works in reading order, a story links it, and `series:` filters in the query language and the API.
import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { get, search } from './_api'

describe('a series', () => {
  it('has a page listing its works in reading order, with their metadata and summaries', async () => {
    const response = await get('/series/island%20lights')
    expect(response.status).toBe(200)
    const html = parse(await response.text())
    expect(html.querySelector('h1')?.text).toContain('Island Lights')
    const works = html.querySelectorAll('.series-works > li')
    expect(works.map((li) => li.querySelector('.result-title a')?.text)).toEqual(['Harbour Night', "The Keeper's Log"])
    expect(works.map((li) => li.querySelector('.series-part')?.text)).toEqual(['Part 1: ', 'Part 2: '])
    expect(works[1]!.querySelector('.stats')?.text).toContain('complete')
    expect(html.querySelector('.series-count a')?.getAttribute('href')).toBe('/search?series=Island+Lights')
  })

  it('is linked from each of its stories', async () => {
    const html = parse(await (await get('/stories/fixtures--chapters--keepers-log')).text())
    expect(html.querySelector('a[href="/series/Island%20Lights"]')?.text).toBe('Island Lights')
  })

  it('filters with series: in q, excluded with -series:', async () => {
    expect((await search('q=series:%22island+lights%22')).hits.map((hit) => hit.id).sort()).toEqual(['fixtures--chapters--harbour-night', 'fixtures--chapters--keepers-log'])
    expect((await search('q=foghorn+-series:%22Island+Lights%22')).total).toBe(0)
    expect((await search('q=remó+series:%22Island+Lights%22')).hits.map((hit) => hit.id)).toEqual(['fixtures--chapters--harbour-night'])
  })

  it('answers 404 for a series no story is in', async () => {
    expect((await get('/series/No%20Such%20Series')).status).toBe(404)
  })
})

describe('languages', () => {
  it('filters by a story’s language, declared or detected, and counts languages as a facet', async () => {
    const body = await search('q=&limit=100&language=Spanish')
    expect(body.hits.map((hit) => hit.id)).toEqual(['fixtures--chapters--harbour-night'])
    const all = await search('q=&limit=100')
    expect(all.facets.language).toEqual(expect.arrayContaining([{ value: 'Spanish', count: 1 }]))
    expect(all.facets.language![0]).toMatchObject({ value: 'English' })
    expect((await search('q=&limit=100&language=-Spanish')).total).toBe(all.total - 1)
  })
})

describe('other forms of a word, in the story’s language', () => {
  it('finds a Spanish story by another form of a word (apagar for apagaron), and marks it', async () => {
    const body = await search('q=apagar')
    const hit = body.hits.find((h) => h.id === 'fixtures--chapters--harbour-night')
    expect(hit).toBeDefined()
    expect(hit!.snippet!.highlights.map(([a, b]) => hit!.snippet!.text.slice(a, b))).toContain('apagaron')
    const html = await (await get('/stories/fixtures--chapters--harbour-night?q=apagar')).text()
    expect(html).toContain('<mark id="match-1" class="match">apagaron</mark>')
  })

  it('ranks the form typed above another form', async () => {
    // "lámparas" is in the text, "lámpara" only as another form of it: the form typed scores higher.
    const exact = (await search('q=lamparas')).hits.find((h) => h.id === 'fixtures--chapters--harbour-night')!
    const other = (await search('q=lampara')).hits.find((h) => h.id === 'fixtures--chapters--harbour-night')!
    expect(exact.score).toBeGreaterThan(other.score)
  })
})
