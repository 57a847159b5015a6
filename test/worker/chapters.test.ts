// A story in chapters (test/fixtures/archive/chapters/keepers-log.txt): its chapters in the API, a page per chapter
// with the way between them, the whole work with a table of contents, and search hits that name their chapter.
import { describe, expect, it } from 'vitest'
import { get, search } from './_api'

const ID = 'fixtures--chapters--keepers-log'

describe('a story in chapters', () => {
  it('has its chapters, each with where it starts, in the story API', async () => {
    const story = (await (await get(`/api/stories/${ID}`)).json()) as { body: string; chapters: { title: string; start: number }[]; chaptersPlanned: number }
    expect(story.chapters.map((c) => c.title)).toEqual(['Chapter 1: Fog', 'Chapter 2: The Foghorn', 'Chapter 3: Clear Weather'])
    expect(story.body.slice(story.chapters[1]!.start).startsWith('The foghorn sounded')).toBe(true)
    expect(story.chaptersPlanned).toBe(3)
  })

  it('names and links the chapter where a hit’s words are', async () => {
    const body = await search('q=foghorn')
    const hit = body.hits.find((h) => h.id === ID)!
    expect(hit.chapter).toEqual({ number: 2, title: 'Chapter 2: The Foghorn', url: `/stories/${ID}/chapters/2` })
    const html = await (await get('/search?q=oranges')).text()
    expect(html).toContain(`<a class="snippet-chapter" href="/stories/${ID}/chapters/3?q=oranges">Chapter 3: Clear Weather:</a>`)
  })

  it('gives no chapter to a hit in a story in one piece', async () => {
    const body = await search('q=leather+clad+hero')
    expect(body.hits[0]!.chapter).toBeNull()
  })

  it('serves one chapter a page, with previous, next, the contents and the whole work', async () => {
    const response = await get(`/stories/${ID}/chapters/2?q=foghorn`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<title>Chapter 2: The Foghorn – The Keeper&#39;s Log – story-search</title>')
    expect(html).toContain('The foghorn sounded')
    expect(html).not.toContain('The fog rolled in')
    expect(html).not.toContain('supply boat was at the jetty')
    expect(html).toContain(`href="/stories/${ID}/chapters/1?q=foghorn" rel="prev"`)
    expect(html).toContain(`href="/stories/${ID}/chapters/3?q=foghorn" rel="next"`)
    expect(html).toContain(`href="/stories/${ID}?q=foghorn">Entire work</a>`)
    expect(html).toContain('<span aria-current="page">Chapter 2: The Foghorn</span>')
    expect(html).toContain('<mark id="match-1" class="match">foghorn</mark>')
  })

  it('marks on the story page the word a typo was searched as, where the result’s snippet marked it', async () => {
    // `fohgorn` is in no story: the search takes it for "foghorn" (two letters swapped).
    const body = await search('q=fohgorn')
    const hit = body.hits.find((h) => h.id === ID)!
    expect(hit.snippet!.highlights.map(([start, end]) => hit.snippet!.text.slice(start, end).toLowerCase())).toContain('foghorn')
    const html = await (await get(`/stories/${ID}/chapters/2?q=fohgorn`)).text()
    expect(html).toContain('<mark id="match-1" class="match">foghorn</mark>')
  })

  it('shows the whole work with a heading and an anchor at each chapter', async () => {
    const html = await (await get(`/stories/${ID}`)).text()
    for (const [n, title] of [[1, 'Chapter 1: Fog'], [2, 'Chapter 2: The Foghorn'], [3, 'Chapter 3: Clear Weather']] as const) {
      expect(html).toContain(`<h2 class="chapter-title" id="chapter-${n}">${title}</h2>`)
      expect(html).toContain(`<a href="#chapter-${n}">${title}</a>`)
    }
    expect(html).toContain('3 chapters')
  })

  it('answers 404 for a chapter the story does not have, and for a story in one piece', async () => {
    expect((await get(`/stories/${ID}/chapters/4`)).status).toBe(404)
    expect((await get(`/stories/${ID}/chapters/0`)).status).toBe(404)
    expect((await get(`/stories/${ID}/chapters/x`)).status).toBe(404)
    expect((await get('/stories/fixtures--supernatural--road-trip/chapters/1')).status).toBe(404)
  })
})
