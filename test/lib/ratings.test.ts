import { describe, expect, it } from 'vitest'
import { readRating } from '../../core/ratings'
import { normalizeRating } from '../../index-builder/ingest/normalize-rating'

describe('readRating', () => {
  it.each([
    ['G', 'General'], ['U', 'General'], ['FR7', 'General'], ['General Audiences', 'General'], ['k+', 'General'],
    ['PG-13', 'Teen'], ['p.g. 13', 'Teen'], ['T+', 'Teen'], ['Rated: Fiction T', 'Teen'], ['teen_and_up', 'Teen'],
    ['Rated M', 'Mature'], ['R', 'Mature'], ['17+', 'Mature'],
    ['NSFW', 'Explicit'], ['18+', 'Explicit'], ['R18', 'Explicit'], ['Adult', 'Explicit'], ['nc-17', 'Explicit'], ['Fiction MA', 'Explicit'],
    ['not-rated', 'Not Rated'], ['Not Rated', 'Not Rated'],
  ] as const)('reads %j as %s', (value, rating) => {
    expect(readRating(value)).toBe(rating)
  })

  it.each(['', 'Rated', 'bogus', 'PG-13 for language', 'teen angst'])('reads %j as no rating (a whole value, not its first word)', (value) => {
    expect(readRating(value)).toBeNull()
  })

  it('agrees with the builder on every whole value the builder reads', () => {
    // The builder adds only header habits on top (asides, a reason after the rating): a whole code means the same to both.
    for (const value of ['NSFW', 'Rated: Fiction T', 'R18', 'FR7', 'T+', 'Adult', 'U', 'Rated M', 'unrated', 'MA']) {
      expect(normalizeRating(value)).toBe(readRating(value))
    }
    expect(normalizeRating('PG-13 for language')).toBe('Teen')
  })
})
