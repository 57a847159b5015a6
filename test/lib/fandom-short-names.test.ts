import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { fandomShortNames } from '../../core/fandom-short-names'
import { executeSearch, type SearchIndex } from '../../worker/search/search'
import { parseSearchParams } from '../../worker/query/search-params'
import type { StoryRecord } from '../../core/story-record'

describe('fandomShortNames', () => {
  it('finds a canonical name that is a whole tag or a whole part of one, however it is punctuated', () => {
    expect(fandomShortNames(['Stargate: Atlantis'])).toEqual(['sga'])
    expect(fandomShortNames(['Harry Potter - J. K. Rowling'])).toEqual(['hp'])
    expect(fandomShortNames(['Harry Potter (Movies)'])).toEqual(['hp'])
    expect(fandomShortNames(['Ginga Eiyuu Densetsu | Legend of the Galactic Heroes'])).toEqual(['logh'])
    expect(fandomShortNames(["Baldur's Gate 3"])).toEqual(['bg3'])
    expect(fandomShortNames(['Dungeons & Dragons'])).toEqual(['dnd'])
    expect(fandomShortNames(['Final Fantasy XV'])).toEqual(['ffxv', 'ff15'])
    expect(fandomShortNames(['Star Trek: The Next Generation', 'Sherlock Holmes'])).toEqual(['tng'])
  })

  it('does not match a longer title that starts with a fandom, or part of a word', () => {
    expect(fandomShortNames(['Once Upon a Time in Hollywood'])).toEqual([])
    expect(fandomShortNames(['Supernatural Academy'])).toEqual([])
    expect(fandomShortNames(['Harry Potterish Parodies'])).toEqual([])
    expect(fandomShortNames(['Star Trek'])).toEqual([])
  })
})

describe('a fandom typed by its short name', () => {
  const story = (id: string, fandoms: string[], body: string) =>
    ({ id, title: id, authors: ['A. Writer'], fandoms, relationships: [], characters: [], tags: [], warnings: [], summary: '', body, words: 10, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null }) as unknown as StoryRecord
  let index: SearchIndex
  beforeAll(async () => {
    index = (await indexInMemory([
      story('atlantis', ['Stargate: Atlantis'], 'Rodney and John walked the pier.'),
      story('hogwarts', ['Harry Potter - J. K. Rowling'], 'The owl came at breakfast.'),
      story('other', ['Original Work'], 'Nobody here has heard of a stargate.'),
    ])).index
  })
  const ids = async (q: string) => (await executeSearch(index, parseSearchParams(new URLSearchParams({ q })))).matches.map((match) => index.table.id(match.shortId))

  it('finds the stories filed under it, and only those, with a phrase too', async () => {
    expect(await ids('SGA')).toEqual(['atlantis'])
    expect(await ids('hp owl')).toEqual(['hogwarts'])
    expect(await ids('hp "came at breakfast"')).toEqual(['hogwarts'])
  })
})
