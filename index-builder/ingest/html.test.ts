import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { fixtureBytes, utf8 } from '../../test/builder/ingest/_fixtures'

describe("AO3's HTML download", () => {
  const { record, problems } = parseStoryFile(fixtureBytes('ao3-download.html'), 'ao3-download.html')

  it('reads the tag list', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      format: 'html',
      title: 'Quiet Hours',
      authors: ['lanternlight'],
      rating: 'Teen',
      warnings: [],
      fandoms: ['Smallville'],
      relationships: ['Chloe Sullivan/Oliver Queen', 'Chloe Sullivan & Clark Kent'],
      characters: ['Chloe Sullivan', 'Oliver Queen', 'Clark Kent'],
      tags: ['F/M', 'Missing Scene', 'Hurt/Comfort'],
      series: { title: 'Watchtower Nights', part: 2 },
      date: '2010-05-17',
      // The stats line's "Completed: 2010-06-02": a finished work's last update.
      updated: '2010-06-02',
      complete: true,
      wordsDeclared: 1234,
    })
    expect(record.raw).toMatchObject({ rating: 'Teen And Up Audiences', warnings: 'No Archive Warnings Apply', language: 'English' })
    expect(record.extra).toEqual({})
  })

  it('reads "Updated:" in the stats line of a work in progress as its last update', () => {
    const html = new TextDecoder().decode(fixtureBytes('ao3-download.html')).replace('Completed: 2010-06-02', 'Updated: 2010-05-30').replace('Chapters: 2/2', 'Chapters: 2/?')
    const { record } = parseStoryFile(utf8(html), 'ao3-download.html')
    expect(record).toMatchObject({ date: '2010-05-17', updated: '2010-05-30', complete: false, extra: {} })
  })

  it('reads the summary and every note, in order', () => {
    expect(record.summary).toBe('Chloe keeps the lights on in Watchtower & waits.')
    expect(record.notes).toBe('Written after “Salvation”.\n\nThanks to my beta.\n\nPart three is coming soon.')
  })

  it('takes the chapters as the body, without headings, notes, scripts or comments', () => {
    expect(record.body).toBe(
      [
        'The monitors hummed long after midnight, and Chloe didn’t mind.',
        'She had learned to like the quiet.',
        'It asked nothing of her.',
        'Oliver came back at dawn with coffee from the Talon.',
        '“You waited,” he said, and she smiled at last.',
      ].join('\n\n'),
    )
  })

  it('splits chapters whose headings stand among the paragraphs, with no element around each chapter', () => {
    const html = [
      '<html><body><div id="preface"><h2 class="title heading">Tidelines</h2>',
      '<h3 class="byline heading">by <a rel="author" href="/users/gull">gull</a></h3>',
      '<dl class="tags"><dt>Fandom:</dt><dd><a class="tag">Lantern Coast</a></dd><dt>Stats:</dt><dd>Words: 12 Chapters: 2/2</dd></dl></div>',
      '<div id="chapters" class="userstuff">',
      '<p>Unbeta’d.</p>',
      '<h3 class="heading">Chapter 1</h3><p>The tide came in.</p><p>June waited.</p>',
      '<h3 class="heading">Chapter 2: Low Water</h3><p>It went out again.</p>',
      '</div></body></html>',
    ].join('\n')
    const { record } = parseStoryFile(utf8(html), 'tidelines.html')
    expect(record.body).toBe('Unbeta’d.\n\nThe tide came in.\n\nJune waited.\n\nIt went out again.')
    expect(record.chapters).toEqual([
      { title: 'Chapter 1', start: 0 },
      { title: 'Chapter 2: Low Water', start: record.body.indexOf('It went out') },
    ])
  })

  it('titles each chapter of a download by the heading before its text', () => {
    const html = new TextDecoder().decode(fixtureBytes('ao3-download.html')).replace('>Chapter 2<', '>Chapter 2: Dawn<')
    const { record } = parseStoryFile(utf8(html), 'ao3-download.html')
    expect(record.chapters).toEqual([
      { title: 'Chapter 1', start: 0 },
      { title: 'Chapter 2: Dawn', start: record.body.indexOf('Oliver came back') },
    ])
  })
})

describe('generic HTML', () => {
  const { record, problems } = parseStoryFile(fixtureBytes('generic.html'), 'Smallville/generic.html', { aliases: { Clark: 'Clark Kent', Lois: 'Lois Lane' } })

  it('reads the header written in the page and the page title', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'The Long Road Home',
      authors: ['Dusty Roads'],
      rating: 'Mature',
      relationships: ['Clark Kent/Lois Lane'],
      summary: 'Clark drives home the slow way.',
      fandoms: ['Smallville'],
    })
  })

  it('keeps paragraphs, decodes entities and drops scripts, styles, navigation and the footer', () => {
    expect(record.body).toBe(
      [
        'The truck — older than Clark — rattled over the county line.',
        'Lois had her feet on the dashboard & a map she refused to read.',
        '“We’re lost,” she said.',
        '“We’re home,” he said.',
      ].join('\n\n'),
    )
  })

  it('takes the title from <title> when the page has no heading', () => {
    const html = '<html><head><title>Night Shift</title></head><body><p>Chloe worked late.</p><p>Again.</p></body></html>'
    const { record } = parseStoryFile(utf8(html), 'night.htm')
    expect(record.title).toBe('Night Shift')
    expect(record.body).toBe('Chloe worked late.\n\nAgain.')
  })

  it('prefers the <h1> when <title> adds the site name to it', () => {
    const html = '<title>Fic Archive :: Night Shift.</title><h1>Night Shift.</h1><p>Chloe worked late.</p>'
    const { record } = parseStoryFile(utf8(html), 'night.html')
    expect(record.title).toBe('Night Shift.')
    expect(record.body).toBe('Chloe worked late.')
  })
})

describe('an AO3 work page saved from the site', () => {
  const { record, problems } = parseStoryFile(fixtureBytes('ao3-work-page.html'), 'ao3-work-page.html')

  it('reads the work meta block, title and byline, not the page chrome', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'Harbour Lights',
      authors: ['tidewater'],
      rating: 'Mature',
      warnings: ['Graphic Depictions Of Violence'],
      fandoms: ['Smallville'],
      relationships: ['Chloe Sullivan/Oliver Queen'],
      characters: ['Chloe Sullivan', 'Lois Lane', 'Oliver Queen'],
      tags: ['F/M', 'Gen', 'Lighthouses'],
      series: { title: 'Coastline', part: 3 },
      date: '2019-08-14',
      updated: '2019-09-02',
      complete: false,
      wordsDeclared: 1024,
      summary: 'Chloe keeps the lighthouse; Oliver keeps coming back.',
    })
    expect(record.extra).not.toHaveProperty('Updated')
  })

  it('takes every chapter’s text as the body, each chapter’s title and start, and the chapter notes as notes', () => {
    expect(record.body).toBe('The lamp turned all night.\n\nChloe counted the ships.\n\nOliver came in on the last ferry.')
    expect(record.chapters).toEqual([
      { title: 'Chapter 1: Low Tide', start: 0 },
      { title: 'Chapter 2: High Water', start: record.body.indexOf('Oliver came in') },
    ])
    expect(record.chaptersPlanned).toBeNull()
    expect(record.notes).toBe('For the winter exchange.\n\nChapter one note.')
  })
})

describe('FanFiction.Net story pages', () => {
  it('reads the current layout: profile box, Rated line, crossover fandoms, pairing in brackets', () => {
    const { record, problems } = parseStoryFile(fixtureBytes('ffn-page.html'), 'ffn-page.html')
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'Crossing Lines',
      authors: ['prairie wind'],
      rating: 'Teen',
      fandoms: ['Smallville', 'Supernatural'],
      relationships: ['Clark K./Dean W.'],
      characters: ['Clark K.', 'Dean W.', 'Chloe S.'],
      tags: ['Adventure', 'Hurt/Comfort'],
      summary: 'Two farm boys, one long road, and a car older than both of them.',
      date: '2014-01-17',
      updated: '2014-05-13',
      complete: false,
      wordsDeclared: 6210,
    })
    // The chapter alone: no menus, no review form, no end marker.
    expect(record.body).toBe('The Impala stopped on the bridge because Dean said so.\n\nClark looked down at the water and said nothing at all.')
  })

  it('reads a date the page shows without its year ("Nov 3") or as "2h ago" from the moment its span holds', () => {
    const html = new TextDecoder().decode(fixtureBytes('ffn-page.html')).replace('>5/13/2014<', '>May 13<').replace('>1/17/2014<', '>2h ago<')
    const { record, problems } = parseStoryFile(utf8(html), 'ffn-page.html')
    expect(problems).toEqual([])
    expect(record).toMatchObject({ date: '2014-01-17', updated: '2014-05-13' })
  })

  it('reads the 2005 layout: author link, Rated line among the navigation, summary from the page script', () => {
    const { record } = parseStoryFile(fixtureBytes('ffn-page-2005.html'), 'ffn-page-2005.html')
    expect(record).toMatchObject({
      title: 'Winter Wheat',
      authors: ['hearthside'],
      rating: 'General',
      fandoms: ['Smallville'],
      relationships: [],
      characters: ['Martha K.', 'Jonathan K.'],
      summary: 'The Kents get through a hard winter, and it\'s hard.',
      date: '2006-01-15',
      updated: '2006-02-01',
      complete: false,
    })
    // The author's own header inside the story text is header, and "Please review!" is not story.
    expect(record.body).toBe('The frost came in October that year.\n\nJonathan went out to the fields before dawn anyway.')
    expect(record.notes).toBe('Disclaimer: Not mine, sadly.')
  })
})
