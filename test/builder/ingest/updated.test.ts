import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { utf8 } from './_fixtures'

const FFN_LINE = 'Rated: Fiction T - English - Romance - Chapters: 3 - Words: 4,512'

describe('the date a story was last updated', () => {
  it.each([
    ['comes from a plain-text Updated: label', 'Title: A\nAuthor: Ann\nDate: 2010-05-17\nUpdated: 2011-02-03\n\nStory.', '2010-05-17', '2011-02-03'],
    ['comes from a Last Updated: label written out in words', 'Title: A\nAuthor: Ann\nPosted: May 17, 2010\nLast Updated: March 4, 2011\n\nStory.', '2010-05-17', '2011-03-04'],
    ["comes from FanFiction.Net's Rated: line", `A\nby Ann\n\n${FFN_LINE} - Updated: 11/3/2012 - Published: 5/3/2010 - id: 5\n\nStory.`, '2010-05-03', '2012-11-03'],
    ['comes from YAML front matter updated:', '---\ntitle: A\nauthor: Ann\ndate: 2020-01-02\nupdated: 2020-03-04\n---\nStory.', '2020-01-02', '2020-03-04'],
    ['comes from TOML front matter lastmod, with its time', '+++\ntitle = "A"\nauthor = "Ann"\ndate = 2020-01-02\nlastmod = 2020-03-04T10:30:00Z\n+++\nStory.', '2020-01-02', '2020-03-04T10:30'],
    ['is front matter date when a published key follows it', '---\ntitle: A\nauthor: Ann\ndate: 2023-02-10\npublished: 2023-01-05\n---\nStory.', '2023-01-05', '2023-02-10'],
    ['is the update alone when the file names no posting date', 'Title: A\nAuthor: Ann\nUpdated: 2011-02-03\n\nStory.', null, '2011-02-03'],
    ['is the posting date when the file names no update', 'Title: A\nAuthor: Ann\nDate: 2010-05-17\n\nStory.', '2010-05-17', '2010-05-17'],
    ['is the posting date when the update is dated before it', 'Title: A\nAuthor: Ann\nDate: 2010-05-17\nUpdated: 2009-01-01\n\nStory.', '2010-05-17', '2010-05-17'],
    ['is the posting, with its time, when the update names the same day without one', 'Title: A\nAuthor: Ann\nDate: 2006-01-21 19:20\nUpdated: 2006-01-21\n\nStory.', '2006-01-21T19:20', '2006-01-21T19:20'],
    ['is null when the file names no date', 'Title: A\nAuthor: Ann\n\nStory.', null, null],
  ])('%s', (_, text, date, updated) => {
    const { record, problems } = parseStoryFile(utf8(text), 'a.txt')
    expect(problems).toEqual([])
    expect(record).toMatchObject({ date, updated })
  })

  it('keeps front matter `updated` over a `date` beside a published key, and the `date` as an extra field', () => {
    const { record } = parseStoryFile(utf8('---\ntitle: A\nauthor: Ann\ndate_published: 2023-01-05\ndate: 2023-02-10\nupdated: 2023-03-01\n---\nStory.'), 'a.txt')
    expect(record).toMatchObject({ date: '2023-01-05', updated: '2023-03-01', extra: { date: '2023-02-10' } })
  })

  it.each([
    ['2h ago', `A\nby Ann\n\n${FFN_LINE} - Updated: 2h ago - Published: 5/3/2010 - id: 5\n\nStory.`],
    ['Nov 3', `A\nby Ann\n\n${FFN_LINE} - Updated: Nov 3 - Published: 5/3/2010 - id: 5\n\nStory.`],
  ])('warns of an update date it cannot read (%s), keeps it as written and takes the posting date', (written, text) => {
    const { record, problems } = parseStoryFile(utf8(text), 'a.txt')
    expect(problems).toEqual([
      { file: 'a.txt', problem: `updated date "${written}" is not a date we can read`, action: 'kept it as written and left the updated date empty', severity: 'warning' },
    ])
    expect(record).toMatchObject({ date: '2010-05-03', updated: '2010-05-03', raw: { updated: written } })
  })
})
