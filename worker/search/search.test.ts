import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { executeSearch, type SearchIndex } from './search'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'

// Both stories have every word of the line; the first has them scattered (and more often, in a shorter text, so
// the words alone score it higher); the second has them as the line. Two more have only some of the words.
const bodies: Record<string, string> = {
  scattered: 'Ishmael, they said. Call the dog. Give me the rope, Ishmael. Call again.',
  together: 'It began the way it always does. Call me Ishmael, he said, and then he was quiet for a long while after that.',
  partial: 'Call the harbour master when the tide turns.',
  other: 'Nothing here but the sea and the wind.',
}
const stories = Object.entries(bodies).map(([id, body]) => ({
  id, title: id, authors: ['A. Writer'], fandoms: [], relationships: [], characters: [], tags: [], warnings: [],
  summary: '', body, words: 10, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null,
})) as unknown as StoryRecord[]

let index: SearchIndex
beforeAll(async () => {
  index = (await indexInMemory(stories)).index
})
const ids = async (params: Record<string, string>) => {
  const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams(params)))
  return outcome.matches.map((match) => index.table.id(match.shortId))
}

describe('a line typed without quotes', () => {
  it('ranks the story where the words stand together first', async () => {
    expect((await ids({ q: 'call me ishmael' }))[0]).toBe('together')
  })

  it('finds the same stories as before, only in another order', async () => {
    expect((await ids({ q: 'call me ishmael' })).slice(0, 2).sort()).toEqual(['scattered', 'together'])
    // The words alone rank the scattered story first: what the pairs change.
    expect((await ids({ q: 'ishmael me call' }))[0]).toBe('scattered')
  })
})

describe('the word being typed', () => {
  it('finds its completions while it may be unfinished, and only itself once punctuation ends it', async () => {
    // `Ishm` completes to Ishmael; `Ishm.` is a finished word no story has.
    expect(await ids({ q: 'ishm' })).toEqual(expect.arrayContaining(['scattered', 'together']))
    expect(await ids({ q: 'ishm.' })).toEqual([])
    expect(await ids({ q: 'ishmael.' })).toEqual(expect.arrayContaining(['scattered', 'together']))
  })
})

describe('the stems of a word', () => {
  const texts: Record<string, string> = {
    ines: 'Ines crossed the yard before dawn.',
    inside: 'He waited in the yard, in the rain.',
    uses: 'She uses the old key.',
    us: 'Come with us to the yard.',
    running: 'He kept running.',
    run: 'A run of bad luck.',
  }
  let stemmed: SearchIndex
  beforeAll(async () => {
    stemmed = (await indexInMemory(Object.entries(texts).map(([id, body]) => ({ ...stories[0]!, id, title: id, body })))).index
  })
  const found = async (q: string) => {
    const outcome = await executeSearch(stemmed, parseSearchParams(new URLSearchParams({ q })))
    return outcome.matches.map((match) => stemmed.table.id(match.shortId)).sort()
  }

  it('finds the other words of a stem, and the stem as a word of its own when it is one', async () => {
    expect(await found('runs')).toEqual(['run', 'running'])
    expect(await found('using')).toEqual(['uses'])
  })

  it('does not take a stem of two letters for the word it spells: "ines" is not "in", "used" not "us"', async () => {
    expect(await found('ines')).toEqual(['ines'])
    expect(await found('used')).toEqual(['uses'])
  })
})

describe('chapter titles', () => {
  it('finds a story by a word of a chapter’s title that its text does not have, but not by the numbering', async () => {
    const record = (id: string, chapters: { title: string; start: number }[]) => ({ ...stories[3]!, id, title: id, body: 'Rain on the platform. The last train left at nine.', chapters })
    const titled = (await indexInMemory([record('titled', [{ title: 'Chapter 1: The Waiting Room', start: 0 }, { title: 'Chapter 2: Departures', start: 21 }]), record('plain', [])])).index
    const found = async (q: string) => (await executeSearch(titled, parseSearchParams(new URLSearchParams({ q })))).matches.map((match) => titled.table.id(match.shortId))
    expect(await found('departures')).toEqual(['titled'])
    expect(await found('"waiting room"')).toEqual(['titled'])
    expect(await found('train')).toHaveLength(2)
    expect(await found('chapter')).toEqual([])
  })
})
