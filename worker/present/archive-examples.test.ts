import { describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { archiveExamples } from './archive-examples'
import { executeSearch } from '../search/search'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'

const record = (id: string, fields: Partial<StoryRecord>) =>
  ({ id, title: id, authors: [], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '', body: '', words: 1500, date: '2011-05-01', updated: null, chapters: [], raw: {}, rating: 'Teen', complete: true, series: null, notes: '', language: null, ...fields }) as unknown as StoryRecord

// An archive with no Smallville in it: what the examples are made from.
const stories = [
  record('puddle-jumper', {
    title: 'Puddle Jumper Blues', authors: ['kolyaaa'], fandoms: ['Stargate: Atlantis'], relationships: ['John Sheppard/Rodney McKay'],
    characters: ['John Sheppard', 'Rodney McKay', 'Teyla Emmagan'], warnings: ['No Archive Warnings Apply'], series: { title: 'Pegasus Nights', part: 1 },
    body: 'Rodney was complaining about the jumper again, and John let him.',
  }),
  record('gringotts', { title: 'Numbers at Gringotts', authors: ['fringeperson'], fandoms: ['Harry Potter - J. K. Rowling'], characters: ['Harry Potter'], date: '2012-01-01', body: 'Harry counted the vault twice.' }),
]

describe('archiveExamples', () => {
  it('makes every example from the archive, and each finds a story', async () => {
    const { index } = await indexInMemory(stories)
    const made = await archiveExamples(index)
    const queries = made.examples.map((example) => example.query)
    expect(queries).toContain('john rodney')
    expect(queries).toContain('pairing:john/rodney')
    expect(queries).toContain('series:"pegasus nights"')
    expect(queries.some((query) => /clark|lana|smallville/.test(query))).toBe(false)
    for (const query of queries) {
      const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: query })))
      expect(outcome.total, query).toBeGreaterThan(0)
    }
    expect(made.pairing).toBe('john/rodney')
    expect(made.phrase).toBe('"puddle jumper blues"')
  })

  it('takes a misspelling no story has as the typo example, which finds the word', async () => {
    const { index } = await indexInMemory(stories)
    const typo = (await archiveExamples(index)).examples.find((example) => example.meaning.includes('typo'))!
    expect(typo.query).toBe('rdoney')
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: typo.query })))
    expect(outcome.matches.map((match) => index.table.id(match.shortId))).toEqual(['puddle-jumper'])
  })

  it('makes none for an empty archive', async () => {
    const { index } = await indexInMemory([])
    expect((await archiveExamples(index)).examples).toEqual([])
  })
})
