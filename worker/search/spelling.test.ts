import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { executeSearch, type SearchIndex } from './search'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'
import { typoDistance } from '../../core/term-dictionary'

// A small whaling archive: "whale" is used, and so are its neighbours "while" and "whole"; "captain" is common, and one
// author misspelled it "captian"; "loft" is in one story, "lot" in two.
const bodies: string[] = [
  ...Array.from({ length: 3 }, () => 'The whale rose beside the boat.'),
  ...Array.from({ length: 5 }, () => 'She waited a while by the water.'),
  ...Array.from({ length: 2 }, () => 'He ate the whole loaf of bread.'),
  ...Array.from({ length: 12 }, () => 'The captain came and spoke of Ahab and the sea.'),
  'The captian was late for supper.',
  'They slept in the loft.',
  ...Array.from({ length: 2 }, () => 'A lot of rain fell.'),
  ...Array.from({ length: 4 }, () => 'Ahab walked the deck at night.'),
  'Chloe said goodbye at the station.',
  'The embrace lasted until morning.',
  'They met at the café on the corner.',
]
// The last story is titled by a rare word one letter from a common one ("cafe"; "came" is in twelve other stories), in
// a fandom fans write by its short name ("sga", one letter from "sea").
const stories = bodies.map((body, i) => ({
  id: `s${String(i).padStart(2, '0')}`, title: i === bodies.length - 1 ? 'Café des Rêves' : `Story ${i}`, authors: ['A. Writer'],
  fandoms: i === bodies.length - 1 ? ['Stargate: Atlantis'] : [], relationships: [], characters: [], tags: [], warnings: [],
  summary: '', body, words: 8, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null,
})) as unknown as StoryRecord[]

let index: SearchIndex
beforeAll(async () => {
  index = (await indexInMemory(stories)).index
})
const search = (q: string) => executeSearch(index, parseSearchParams(new URLSearchParams({ q, limit: '100' })))
const bodiesOf = (outcome: Awaited<ReturnType<typeof search>>) => outcome.matches.map((match) => bodies[Number(index.table.id(match.shortId).slice(1))]!)

describe('typo tolerance only for words the archive does not use', () => {
  it('counts only the stories with a correctly spelled word, not its neighbours', async () => {
    const whale = await search('whale')
    expect(whale.total).toBe(3)
    expect(bodiesOf(whale).every((body) => body.includes('whale'))).toBe(true)
    expect(whale.didYouMean).toBeNull()
  })

  it('still finds what a word the archive lacks was meant to be', async () => {
    const embrase = await search('embrase')
    expect(bodiesOf(embrase)).toEqual(['The embrace lasted until morning.'])
  })

  it('takes a swap of two letters as one edit: wahle finds the whale, not while', async () => {
    const wahle = await search('wahle')
    expect(wahle.total).toBe(3)
    expect(bodiesOf(wahle).every((body) => body.includes('whale'))).toBe(true)
    expect(wahle.didYouMean).toBe('whale')
    expect((await search('wahle rose')).total).toBe(3)
    expect(typoDistance('wahle', 'whale')).toBe(1)
    expect(typoDistance('wahle', 'while')).toBe(2)
  })

  it('offers a correction when stories have only some of the words', async () => {
    const outcome = await search('captian ahab')
    expect(outcome.matches.every((match) => !match.allWords)).toBe(true)
    expect(outcome.didYouMean).toBe('captain ahab')
  })

  it('finds a rare spelling as written, and offers the common one that finds more', async () => {
    const outcome = await search('captian')
    expect(outcome.total).toBe(1)
    expect(outcome.didYouMean).toBe('captain')
    // Not a word in one story for one in two: only a far more common word is offered.
    expect((await search('loft')).didYouMean).toBeNull()
  })

  it('does not correct a rare word the stories found have as a name: a title, a fandom by its short name', async () => {
    // "came" and "sea" are one letter off and in far more stories, so these are offered for a word only the text has.
    expect((await search('sea')).total).toBe(12)
    expect((await search('came')).total).toBe(12)
    for (const q of ['cafe', 'sga']) {
      const outcome = await search(q)
      expect(outcome.total, q).toBe(1)
      expect(outcome.didYouMean, q).toBeNull()
    }
  })

  it('does not correct the word being typed while it completes to something', async () => {
    const outcome = await search('chloe goodb')
    expect(outcome.total).toBe(1)
    expect(outcome.didYouMean).toBeNull()
  })
})
