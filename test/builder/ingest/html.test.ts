import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { fixtureBytes, utf8 } from './_fixtures'

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
      complete: true,
      wordsDeclared: 1234,
    })
    expect(record.raw).toMatchObject({ rating: 'Teen And Up Audiences', warnings: 'No Archive Warnings Apply', language: 'English' })
    expect(record.extra).toEqual({ Completed: '2010-06-02' })
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
