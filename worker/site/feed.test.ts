// Atom written for any story: every value escaped, characters XML cannot hold dropped, dates as Atom times.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { atomFeed, atomTime, xmlText } from './feed'
import type { SearchHit } from '../present/answer-search'

const hit = (fields: Partial<SearchHit>): SearchHit => ({
  id: 'a', title: 'A', author: '', authors: [], rating: 'General', words: 10, date: null, updated: null, complete: null, chapterCount: 1, readingMinutes: 1,
  fandoms: [], relationships: [], characters: [], warnings: [], tags: [], summary: '', score: 1, allWords: true, url: '/stories/a', chapter: null, ...fields,
})

describe('Atom', () => {
  it('escapes every value and drops characters XML cannot hold, so any story makes a valid feed', () => {
    expect(xmlText('a & b < c > "d" \f\u0000\uFFFE ]]> e')).toBe('a &amp; b &lt; c &gt; &quot;d&quot;  ]]&gt; e')
    const xml = atomFeed({
      origin: 'https://archive.example',
      params: new URLSearchParams('q=love'),
      hits: [hit({ title: 'Love <3 ]]> "always"\f', authors: ['N & M <3'], fandoms: ['Fandom "<3"'], relationships: ['A/B & C'], summary: 'He said \u0001 <b>hi</b>', date: '2010-05-17', updated: '2011-02-03T10:30' })],
      builtAt: '2026-01-01T00:00:00.000Z',
    })
    expect(XMLValidator.validate(xml)).toBe(true)
    const entry = new XMLParser({ ignoreAttributes: false }).parse(xml).feed.entry
    expect(entry.title['#text']).toBe('Love <3 ]]> "always"')
    expect(entry.author.name).toBe('N & M <3')
    expect(entry.category.map((category: Record<string, string>) => category['@_term'])).toEqual(['Fandom "<3"', 'A/B & C'])
    expect(entry.updated).toBe('2011-02-03T10:30:00.000Z')
    expect(entry.published).toBe('2010-05-17T00:00:00.000Z')
  })

  it('reads the dates the archive holds as Atom times', () => {
    expect(atomTime('2010-05-17')).toBe('2010-05-17T00:00:00.000Z')
    expect(atomTime('2010-05')).toBe('2010-05-01T00:00:00.000Z')
    expect(atomTime('2006-01-21T19:20')).toBe('2006-01-21T19:20:00.000Z')
  })
})
