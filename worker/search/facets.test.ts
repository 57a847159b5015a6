import { describe, expect, it } from 'vitest'
import { StoryTable, encodeStoryTable, type TableRow } from '../../core/story-table'
import { tallyFacets } from './facets'

const row = (id: string, rating: TableRow['rating'], characters: string[], words: number): TableRow => ({
  id, title: id, authors: [], fandoms: [], relationships: [], characters, tags: [], warnings: [], languages: [], rating, words,
  date: null, updated: null, chapters: 1, plain: true, complete: null, series: null, fieldLengths: [1],
})
const rows = [
  row('a', 'Explicit', ['Zed', 'Mira'], 500),
  row('b', 'General', ['zed', 'Ann', 'Mira', 'Mira'], 2000),
  row('c', 'Explicit', ['Lio'], 60000),
  row('d', 'General', ['Mira'], 999),
]
const table = StoryTable.decode(encodeStoryTable(rows, 1, { byTitle: [0, 1, 2, 3], byAuthor: [0, 1, 2, 3] }))

describe('facet counts', () => {
  it('count each story once per value, most frequent first, ties by name and ratings in their vocabulary order', () => {
    const facets = tallyFacets([0, 1, 2, 3], table, 10)
    expect(facets.character).toEqual([
      { value: 'Mira', count: 3 },
      { value: 'Ann', count: 1 },
      { value: 'Lio', count: 1 },
      { value: 'Zed', count: 1 },
      { value: 'zed', count: 1 },
    ])
    expect(facets.rating).toEqual([
      { value: 'General', count: 2 },
      { value: 'Explicit', count: 2 },
    ])
    expect(facets.words.map((bucket) => bucket.count)).toEqual([2, 1, 0, 0, 1])
  })

  it('list only the top values asked for, over the stories given', () => {
    expect(tallyFacets([1, 2], table, 2).character).toEqual([
      { value: 'Ann', count: 1 },
      { value: 'Lio', count: 1 },
    ])
  })
})
