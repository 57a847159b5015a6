import { describe, expect, it } from 'vitest'
import { StoryTable, encodeStoryTable, type TableRow } from './story-table'

describe('story table', () => {
  it('the story table keeps every column, free slots included', () => {
    const row = (id: string, extra: Partial<TableRow> = {}): TableRow => ({
      id, title: `T ${id}`, authors: ['Ann'], fandoms: ['F'], relationships: ['A/B'], characters: ['A', 'B'], tags: [], warnings: ['W'], languages: ['Welsh'],
      rating: 'Teen', words: 10, date: '2008-05-17', updated: '2009-01-02', chapters: 3, plain: true, complete: true, series: { title: 'S', part: 2 }, fieldLengths: [1, 2, 3, 4, 5, 6, 7, 8, 9], ...extra,
    })
    const rows = [row('b'), null, row('a', { date: null, updated: null, chapters: 1, plain: false, complete: null, series: null, authors: [], title: 'Zed' })]
    const table = StoryTable.decode(encodeStoryTable(rows, 9, { byTitle: [0, 2], byAuthor: [0, 2] }))
    expect(table.slots).toBe(3)
    expect(table.count).toBe(2)
    expect(table.isLive(1)).toBe(false)
    expect([table.id(0), table.id(2)]).toEqual(['b', 'a'])
    expect(table.shortIdOf('a')).toBe(2)
    expect(table.shortIdOf('nope')).toBe(-1)
    expect(table.names('characters', 0)).toEqual(['A', 'B'])
    expect(table.names('authors', 2)).toEqual([])
    expect([table.date(0), table.date(2)]).toEqual(['2008-05-17', null])
    expect([table.updated(0), table.updated(2)]).toEqual(['2009-01-02', null])
    expect([table.chapters[0], table.chapters[2]]).toEqual([3, 1])
    expect([table.plain[0], table.plain[2]]).toEqual([1, 0])
    expect([table.complete(0), table.complete(2)]).toEqual([true, null])
    expect(table.series(0)).toEqual({ title: 'S', part: 2 })
    expect(table.rating(0)).toBe('Teen')
    expect([...table.fieldLengths(0)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(table.idRank[2]).toBeLessThan(table.idRank[0]!)
    expect(table.values.authors.counts[0]).toBe(1)
  })

  it('lists, counts and files a fandom spelled several ways as one, the spelling most stories use', () => {
    const row = (id: string, fandoms: string[]): TableRow => ({
      id, title: id, authors: [], fandoms, relationships: [], characters: [], tags: [], warnings: [], languages: [], rating: 'General', words: 1,
      date: null, updated: null, chapters: 1, plain: true, complete: null, series: null, fieldLengths: [1],
    })
    // A folder's slug and a header's name; "The Quiet Detectives" and "Quiet Detectives"; a story filed under both.
    const rows = [row('a', ['Lantern Coast']), row('b', ['lantern-coast']), row('c', ['Lantern Coast', 'Quiet Detectives']), row('d', ['The Quiet Detectives']), row('e', ['lantern coast', 'Lantern Coast']), row('f', ['Harry Potter'])]
    const table = StoryTable.decode(encodeStoryTable(rows, 1, { byTitle: [0, 1, 2, 3, 4, 5], byAuthor: [0, 1, 2, 3, 4, 5] }))
    expect(table.values.fandoms.names).toEqual(['Harry Potter', 'Lantern Coast', 'The Quiet Detectives'])
    expect([...table.values.fandoms.counts]).toEqual([1, 4, 2])
    expect(table.names('fandoms', 1)).toEqual(['Lantern Coast'])
    expect(table.names('fandoms', 4)).toEqual(['Lantern Coast'])
    expect(table.names('fandoms', 2)).toEqual(['Lantern Coast', 'The Quiet Detectives'])
  })

  it('the story table lists names in name order, each story keeping its own order', () => {
    const row = (id: string, characters: string[], series: string): TableRow => ({
      id, title: id, authors: [], fandoms: [], relationships: [], characters, tags: [], warnings: [], languages: [], rating: 'General', words: 1,
      date: null, updated: null, chapters: 1, plain: true, complete: null, series: { title: series, part: null }, fieldLengths: [1],
    })
    const rows = [row('a', ['zoë', 'Émile', 'bob', '🦊 Kit', '李雷'], 'Twilight Tales'), row('b', ['Bob', 'adam', 'émile'], 'an Island')]
    const table = StoryTable.decode(encodeStoryTable(rows, 1, { byTitle: [0, 1], byAuthor: [0, 1] }))
    expect(table.values.characters.names).toEqual(['🦊 Kit', 'adam', 'Bob', 'bob', 'Émile', 'émile', 'zoë', '李雷'])
    expect(table.names('characters', 0)).toEqual(['zoë', 'Émile', 'bob', '🦊 Kit', '李雷'])
    expect(table.names('characters', 1)).toEqual(['Bob', 'adam', 'émile'])
    expect(table.seriesTitles).toEqual(['an Island', 'Twilight Tales'])
    expect(table.series(0)).toEqual({ title: 'Twilight Tales', part: null })
  })

  it('a name that starts with U+FEFF keeps it, and the names after it stay whole', () => {
    const row = (id: string, authors: string[]): TableRow => ({
      id, title: id, authors, fandoms: [], relationships: [], characters: [], tags: [], warnings: [], languages: [], rating: 'General', words: 1,
      date: null, updated: null, chapters: 1, plain: true, complete: null, series: null, fieldLengths: [1],
    })
    const table = StoryTable.decode(encodeStoryTable([row('a', ['\uFEFFAnn', 'Bob', 'Zoë'])], 1, { byTitle: [0], byAuthor: [0] }))
    expect(table.names('authors', 0)).toEqual(['\uFEFFAnn', 'Bob', 'Zoë'])
  })
})
