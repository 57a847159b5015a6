import { describe, expect, it } from 'vitest'
import { activeChips, filterState, quotedQuery, readFilters, searchHref, storyHref, withFilter, withParam, withWords, withoutFilter, wordsLabel } from '../../static/search-url.js'

const p = (query: string) => new URLSearchParams(query)

describe('readFilters', () => {
  it('reads included and excluded values of every filter field, trimmed, skipping empty ones', () => {
    expect(readFilters(p('q=x&fandom=Smallville&rating=-Explicit&character=+Lana+&warning=&tag=-'))).toEqual([
      { field: 'rating', value: 'Explicit', exclude: true },
      { field: 'fandom', value: 'Smallville', exclude: false },
      { field: 'character', value: 'Lana', exclude: false },
    ])
  })
})

describe('withFilter and withoutFilter', () => {
  it('adds an include filter and goes back to page 1', () => {
    expect(withFilter(p('q=kiss&page=3'), 'fandom', 'Smallville').toString()).toBe('q=kiss&fandom=Smallville')
  })

  it('replaces an include with an exclude for the same value, keeping other values', () => {
    const next = withFilter(p('character=Lana+Lang&character=Clark+Kent'), 'character', 'Lana Lang', true)
    expect(next.getAll('character')).toEqual(['Clark Kent', '-Lana Lang'])
  })

  it('removes a filter whether it was included or excluded', () => {
    expect(withoutFilter(p('q=a&rating=-Explicit&rating=Teen'), 'rating', 'Explicit').toString()).toBe('q=a&rating=Teen')
    expect(withoutFilter(p('q=a&rating=Teen'), 'rating', 'Teen').toString()).toBe('q=a')
  })

  it('leaves the given parameters untouched', () => {
    const params = p('q=a')
    withFilter(params, 'fandom', 'X')
    expect(params.toString()).toBe('q=a')
  })
})

describe('filterState', () => {
  it('says whether a value is included, excluded or neither', () => {
    const params = p('fandom=A&fandom=-B')
    expect([filterState(params, 'fandom', 'A'), filterState(params, 'fandom', 'B'), filterState(params, 'fandom', 'C')]).toEqual(['include', 'exclude', null])
  })
})

describe('withParam', () => {
  it('sets a value and resets the page, except when setting the page itself', () => {
    expect(withParam(p('q=a&page=2'), 'sort', 'newest').toString()).toBe('q=a&sort=newest')
    expect(withParam(p('q=a'), 'page', 2).toString()).toBe('q=a&page=2')
  })

  it('removes the parameter when the value is empty or null', () => {
    expect(withParam(p('q=a&sort=title'), 'sort', '').toString()).toBe('q=a')
    expect(withParam(p('q=a&sort=title'), 'sort', null).toString()).toBe('q=a')
  })
})

describe('withWords and wordsLabel', () => {
  it('sets and clears both bounds', () => {
    expect(withWords(p('q=a'), 1000, 5000).toString()).toBe('q=a&words_min=1000&words_max=5000')
    expect(withWords(p('q=a&words_min=1000&words_max=5000'), null, null).toString()).toBe('q=a')
  })

  it.each([
    [1000, 5000, '1,000–5,000 words'],
    [0, 999, 'under 1,000 words'],
    [50001, null, 'over 50,000 words'],
    [null, 200, 'at most 200 words'],
    [null, null, 'any length'],
  ])('labels %s to %s as "%s"', (min, max, label) => {
    expect(wordsLabel(min, max)).toBe(label)
  })
})

describe('activeChips', () => {
  it('lists each active filter with the parameters that remove it', () => {
    const chips = activeChips(p('q=kiss&rating=-Explicit&fandom=Smallville&words_min=1000&words_max=5000&complete=true'))
    expect(chips.map((chip) => [chip.label, chip.exclude, chip.params.toString()])).toEqual([
      ['not Rating: Explicit', true, 'q=kiss&fandom=Smallville&words_min=1000&words_max=5000&complete=true'],
      ['Fandom: Smallville', false, 'q=kiss&rating=-Explicit&words_min=1000&words_max=5000&complete=true'],
      ['1,000–5,000 words', false, 'q=kiss&rating=-Explicit&fandom=Smallville&complete=true'],
      ['complete', false, 'q=kiss&rating=-Explicit&fandom=Smallville&words_min=1000&words_max=5000'],
    ])
  })

  it('has no chips for a plain query', () => {
    expect(activeChips(p('q=kiss&page=2&sort=newest'))).toEqual([])
  })
})

describe('searchHref', () => {
  it('drops empty values, page 1 and the default sort, and orders parameters canonically', () => {
    expect(searchHref(p('page=1&sort=relevance&fandom=X&q=clark&words_min='))).toBe('/search?q=clark&fandom=X')
    expect(searchHref(p('page=2&sort=title&q=a'))).toBe('/search?q=a&sort=title&page=2')
  })

  it('gives the bare path for an empty state', () => {
    expect(searchHref(p(''))).toBe('/search')
    expect(searchHref(p('q='), '/')).toBe('/')
  })

  it('encodes values so any text round-trips', () => {
    const href = searchHref(p('q=a%26b%3Dc+%E2%80%9Cd%E2%80%9D'))
    expect(new URL(href, 'https://x.test').searchParams.get('q')).toBe('a&b=c “d”')
  })
})

describe('storyHref', () => {
  it('carries a query to the story page and leaves the link bare without one', () => {
    expect(storyHref('/stories/healing', 'clark & lana')).toBe('/stories/healing?q=clark%20%26%20lana')
    expect(storyHref('/stories/healing', '  ')).toBe('/stories/healing')
  })
})

describe('quotedQuery', () => {
  it('quotes a query for the count line, but not one the reader typed as a quoted phrase', () => {
    expect(quotedQuery('lana')).toBe('“lana”')
    expect(quotedQuery('"call me Ishmael"')).toBe('"call me Ishmael"')
    expect(quotedQuery('“call me Ishmael”')).toBe('“call me Ishmael”')
    expect(quotedQuery('"call me" ishmael')).toBe('“"call me" ishmael”')
  })
})
