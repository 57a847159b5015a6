import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { beforeAll } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { containsPhrase } from '../../worker/lib/phrases'
import { PHRASE_BATCH, executeSearch, type SearchIndex } from '../../worker/lib/search'
import { queryWords } from '../../worker/lib/text'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'

const story = (body: string, title = 'Untitled'): StoryRecord =>
  ({ id: 's', title, authors: ['A. Writer'], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '', body }) as unknown as StoryRecord

// The reference: the folded word list of each field, with the phrase's words looked for in a row.
function inWordList(text: string, phrase: string): boolean {
  return ` ${queryWords(text).join(' ')} `.includes(` ${queryWords(phrase).join(' ')} `)
}

describe('containsPhrase', () => {
  it('finds words in a row across punctuation and line breaks, in any case', () => {
    expect(containsPhrase(story('He said, "Sort\n\nof, MAN!" and left.'), 'sort of man', null)).toBe(true)
    expect(containsPhrase(story('a man of sort'), 'sort of man', null)).toBe(false)
  })

  it('does not match part of a joined word, and matches joined words written with curly apostrophes', () => {
    expect(containsPhrase(story('the sort of man’s hat'), 'sort of man', null)).toBe(false)
    expect(containsPhrase(story('a well-known sort of man'), 'known sort', null)).toBe(false)
    expect(containsPhrase(story('He’d gone home.'), "he'd gone", null)).toBe(true)
  })

  it('never spans two fields', () => {
    expect(containsPhrase(story('man walked in', 'The Sort of'), 'of man', null)).toBe(false)
    expect(containsPhrase(story('man walked in', 'The Sort of'), 'the sort', null)).toBe(true)
  })

  it('agrees with the folded word list on any text', () => {
    const vocabulary = ['sort', 'of', 'man', 'Man', "man's", 'man’s', 'sort-of', 'sort‐of', 'he’d', "he'd", 'he`d', 'clark/lana', 'x', 'Zürich', 'zurich', 'naïve', 'the', '2nd']
    const separators = [' ', ', ', '\n\n', '—', ' “', '” ', '-', '’', "'", '/', '_', '--', ' - ', '…']
    const phrases = ['sort of man', 'of man', "man's", "he'd", 'zurich the', 'clark/lana x', 'sort-of man', 'the 2nd', 'of the sort']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), { maxLength: 30 }), fc.constantFrom(...phrases), (words, phrase) => {
        const body = words.map(([word, separator]) => word + separator).join('')
        expect(containsPhrase(story(body, ''), phrase, 'body')).toBe(inWordList(body, phrase))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('phrase search over more candidates than one batch', () => {
  // 250 stories with "sort", "of" and "man"; every third has them as the phrase. Lengths differ so scores differ.
  const stories = Array.from({ length: 250 }, (_, i) => {
    const filler = 'meadow '.repeat(i % 17)
    const body = i % 3 === 0 ? `${filler}He was the sort of man who waited.` : `${filler}A man of some sort waited.`
    return { ...story(body, `Story ${i}`), id: `s${String(i).padStart(3, '0')}`, words: 10 + i, date: null, rating: 'General', complete: null, series: null, notes: '' }
  }) as unknown as StoryRecord[]
  // The served index, with every story text it reads noted.
  const loaded: number[] = []
  let index: SearchIndex
  beforeAll(async () => {
    const paged = (await indexInMemory(stories)).index
    index = { table: paged.table, search: (query, options) => paged.search(query, options), record: (shortId) => (loaded.push(shortId), paged.record(shortId)), storyText: (shortId) => paged.storyText(shortId) }
  })
  const search = async (params: Record<string, string>) => {
    loaded.length = 0
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams(params)))
    return { ...outcome, hits: outcome.matches.map((match) => ({ hit: { id: index.table.id(match.shortId), words: index.table.words[match.shortId]! } })) }
  }

  it('stops reading once the page is full, with the same page a full check gives and a lower-bound total', async () => {
    // limit 100 needs every candidate read: the full answer, in relevance order.
    const full = await search({ q: '"sort of man"', limit: '100' })
    expect(loaded.length).toBe(250)
    expect(full.total).toBe(84)
    expect(full.truncated).toBe(false)

    const first = await search({ q: '"sort of man"', limit: '10' })
    // Whole batches, best candidates first, and not all of them (the shorter non-phrase stories rank first here).
    expect(loaded.length % PHRASE_BATCH).toBe(0)
    expect(loaded.length).toBeLessThan(250)
    expect(first.truncated).toBe(true)
    expect(first.total).toBeGreaterThanOrEqual(10)
    expect(first.total).toBeLessThan(full.total)
    expect(first.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(0, 10).map(({ hit }) => hit.id))

    const third = await search({ q: '"sort of man"', limit: '10', page: '3' })
    expect(third.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(20, 30).map(({ hit }) => hit.id))
  })

  it('checks every candidate when sorted by anything but relevance, so totals stay exact', async () => {
    const newest = await search({ q: '"sort of man"', limit: '10', sort: 'longest' })
    expect(loaded.length).toBe(250)
    expect(newest.total).toBe(84)
    expect(newest.truncated).toBe(false)
    expect(newest.hits[0]!.hit.words).toBe(10 + 249)
  })
})
