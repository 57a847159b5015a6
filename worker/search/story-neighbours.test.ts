// The stories before and after one by the same author, or in the same series, for the story page's links.
import { describe, expect, it } from 'vitest'
import { authorNeighbours, seriesNeighbours, type SeriesMember } from './story-neighbours'

const story = (id: string, authors: string[], date: string | null, title = id) => ({ id, title, authors, date })

describe('authorNeighbours', () => {
  const all = [
    story('b', ['Lala'], '2005-02-01'),
    story('a', ['Lala'], '2004-01-01'),
    story('x', ['Other'], '2004-06-01'),
    story('c', ['Lala', 'Co'], '2006-03-01'),
    story('u', ['Lala'], null),
  ]

  it('gives the stories just before and after by the same author, oldest first, undated first', () => {
    expect(authorNeighbours(all, all[0]!)).toEqual({ previous: { id: 'a', title: 'a' }, next: { id: 'c', title: 'c' } })
    expect(authorNeighbours(all, all[4]!)).toEqual({ previous: null, next: { id: 'a', title: 'a' } })
    expect(authorNeighbours(all, all[3]!)).toEqual({ previous: { id: 'b', title: 'b' }, next: null })
  })

  it('has no neighbours for a story without an author or alone with its author', () => {
    expect(authorNeighbours(all, story('n', [], '2005-01-01'))).toEqual({ previous: null, next: null })
    expect(authorNeighbours(all, all[2]!)).toEqual({ previous: null, next: null })
  })
})

describe('seriesNeighbours', () => {
  const part = (id: string, series: string | null, n: number | null, date = '2005-01-01'): SeriesMember => ({ id, title: id, date, series: series ? { title: series, part: n } : null })
  const members = [part('p3', 'Symphony', 3), part('p1', 'Symphony', 1), part('other', 'Other', 2), part('p2', 'Symphony', 2), part('solo', null, null)]

  it('orders a series by part number', () => {
    expect(seriesNeighbours(members, members[3]!)).toEqual({ previous: { id: 'p1', title: 'p1' }, next: { id: 'p3', title: 'p3' } })
    expect(seriesNeighbours(members, members[1]!)).toEqual({ previous: null, next: { id: 'p2', title: 'p2' } })
  })

  it('has no neighbours outside a series', () => {
    expect(seriesNeighbours(members, members[4]!)).toEqual({ previous: null, next: null })
  })
})
