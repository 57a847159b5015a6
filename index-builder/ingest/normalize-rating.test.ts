import { describe, expect, it } from 'vitest'
import { normalizeRating, normalizeWarnings, splitRatingAndWarnings } from './normalize-rating'

describe('normalizeRating', () => {
  it.each([
    ['G', 'General'], ['PG', 'General'], ['K', 'General'], ['K+', 'General'], ['FRC', 'General'], ['General Audiences', 'General'],
    ['PG-13', 'Teen'], ['PG13', 'Teen'], ['pg-15', 'Teen'], ['T', 'Teen'], ['Fiction T', 'Teen'], ['FRT', 'Teen'], ['FR13', 'Teen'],
    ['FR15', 'Teen'], ['Teen And Up Audiences', 'Teen'], ['PG-13 for language', 'Teen'],
    ['R', 'Mature'], ['M', 'Mature'], ['Fiction M', 'Mature'], ['FRM', 'Mature'], ['Mature', 'Mature'], ['R (violence)', 'Mature'],
    ['NC-17', 'Explicit'], ['NC17', 'Explicit'], ['NC-18', 'Explicit'], ['X', 'Explicit'], ['MA', 'Explicit'], ['Fiction MA', 'Explicit'],
    ['FRAO', 'Explicit'], ['Explicit', 'Explicit'],
    ['Not Rated', 'Not Rated'], ['unrated', 'Not Rated'],
  ] as const)('reads %j as %s', (value, rating) => {
    expect(normalizeRating(value)).toBe(rating)
  })

  it.each(['future AU', 'soul-crushing angst', '', 'sometimes'])('returns null for %j, which is not a rating', (value) => {
    expect(normalizeRating(value)).toBeNull()
  })
})

describe('splitRatingAndWarnings', () => {
  it.each([
    ['PG-13, future AU (takes into account series up to Lexmas), soul-crushing angst', 'Teen', ['future AU', 'soul-crushing angst']],
    ['NC-17; non-con', 'Explicit', ['non-con']],
    ['G', 'General', []],
    ['character death, R', 'Mature', ['character death']],
    ['angst only', null, ['angst only']],
  ] as const)('splits %j into rating %s and its warnings', (value, rating, warnings) => {
    expect(splitRatingAndWarnings(value)).toEqual({ rating, warnings })
  })
})

describe('normalizeWarnings', () => {
  it.each([
    ['Character death (temporary), Language', ['Character death', 'Language']],
    ['None', []],
    ['No Archive Warnings Apply', []],
    ['Major Character Death', ['Major Character Death']],
  ])('reads %j as %j', (value, warnings) => {
    expect(normalizeWarnings(value)).toEqual(warnings)
  })
})
