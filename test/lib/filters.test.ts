import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { executeSearch, type SearchIndex } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'

const story = (id: string, language: string, characters: string[]) =>
  ({ id, title: id, authors: ['A. Writer'], fandoms: ['Smallville'], relationships: [], characters, tags: [], warnings: [], summary: '', body: 'The barn at night.', words: 10, date: null, updated: null, chapters: [], rating: 'General', complete: null, series: null, notes: '', language }) as unknown as StoryRecord

let index: SearchIndex
beforeAll(async () => {
  index = (await indexInMemory([story('en', 'English', ['Clark Kent', 'Lana Lang']), story('es', 'Spanish', ['Clark Kent']), story('fr', 'French', ['Lana Lang'])])).index
})
const run = async (params: string) => executeSearch(index, parseSearchParams(new URLSearchParams(params)))
const ids = async (params: string) => (await run(params)).matches.map((match) => index.table.id(match.shortId)).sort()

describe('filters by metadata', () => {
  it('take two languages as either, and count the language facet as if none were chosen', async () => {
    expect(await ids('q=barn&language=English&language=Spanish')).toEqual(['en', 'es'])
    const one = await run('q=barn&language=English')
    expect(one.total).toBe(1)
    expect(one.facets.language.map((facet) => facet.value).sort()).toEqual(['English', 'French', 'Spanish'])
  })

  it('take two characters as either, count the character facet as if none were chosen and the others over what was found', async () => {
    expect(await ids('q=barn&character=Clark Kent&character=Lana Lang')).toEqual(['en', 'es', 'fr'])
    const clark = await run('q=barn&character=Clark Kent')
    expect(clark.total).toBe(2)
    expect(clark.facets.character).toEqual([{ value: 'Clark Kent', count: 2 }, { value: 'Lana Lang', count: 2 }])
    expect(clark.facets.language.map((facet) => facet.value).sort()).toEqual(['English', 'Spanish'])
    // Across facets, all: a character and a language.
    expect(await ids('q=barn&character=Lana Lang&language=French')).toEqual(['fr'])
    // Every one of them is the query's to ask.
    expect(await ids('q=barn character:"clark kent" character:"lana lang"')).toEqual(['en'])
  })
})
