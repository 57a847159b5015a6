// Maps the many rating systems fan fiction uses (MPAA, FFN, FictionRatings, AO3) onto AO3's five ratings.
import type { Rating } from '../../worker/lib/story-record'
import { dropAsides, splitList } from './split-list'

const RATING_CODES: Record<string, Rating> = {}
function rate(rating: Rating, codes: string[]): void {
  for (const code of codes) RATING_CODES[code] = rating
}
rate('General', ['G', 'PG', 'K', 'K+', 'FRC', 'FR7', 'FRU', 'GEN', 'GENERAL', 'GENERALAUDIENCES', 'ALLAGES', 'U'])
rate('Teen', ['PG13', 'PG15', 'T', 'T+', 'FRT', 'FR13', 'FR15', 'TEEN', 'TEENS', 'TEENANDUP', 'TEENANDUPAUDIENCES', 'TEENAGERS', '13+', '15+', 'R13', 'R15'])
rate('Mature', ['R', 'M', 'FRM', 'FR18', 'MATURE', 'R16', '16+', '17+', 'ADULTTHEMES'])
rate('Explicit', ['NC17', 'NC18', 'X', 'XX', 'XXX', 'MA', 'FRAO', 'E', 'EXPLICIT', 'ADULT', 'ADULTS', 'ADULTSONLY', 'NC', '18+', 'R18', 'NSFW'])
rate('Not Rated', ['NR', 'NOTRATED', 'UNRATED', 'NONE'])

/**
 * Normalizes one rating value; null when the value is not a rating. Tries the whole value, then its
 * first word, so `PG-13 for language` and `Fiction T` both resolve.
 *
 * @example normalizeRating('NC-17') // 'Explicit'
 */
export function normalizeRating(value: string): Rating | null {
  const cleaned = dropAsides(value).replace(/^fiction\s+/i, '').replace(/^rated\s+/i, '').trim()
  if (cleaned === '') return null
  const whole = ratingCode(cleaned)
  if (RATING_CODES[whole]) return RATING_CODES[whole]!
  const firstWord = ratingCode(cleaned.split(/\s+/)[0]!)
  return RATING_CODES[firstWord] ?? null
}

/**
 * Splits a combined `Rating/Warnings` value: the first item that is a rating is the rating, every
 * other item is a warning, with parenthesized asides dropped (the raw value keeps them).
 *
 * @example splitRatingAndWarnings('PG-13, future AU (up to Lexmas), angst') // { rating: 'Teen', warnings: ['future AU', 'angst'] }
 */
export function splitRatingAndWarnings(value: string): { rating: Rating | null; warnings: string[] } {
  let rating: Rating | null = null
  const warnings: string[] = []
  for (const item of splitList(value)) {
    const itemRating: Rating | null = rating === null ? normalizeRating(item) : null
    if (itemRating) rating = itemRating
    else warnings.push(...normalizeWarnings(item))
  }
  return { rating, warnings }
}

const NO_WARNINGS = /^(?:none|no|nothing|n\/a|no warnings?|no archive warnings apply|none apply|-)$/i

/** Warning items from a warnings field, with asides and "none" dropped. */
export function normalizeWarnings(value: string): string[] {
  return splitList(value)
    .map((item) => dropAsides(item).replace(/[.!]+$/, '').trim())
    .filter((item) => item !== '' && !NO_WARNINGS.test(item))
}

function ratingCode(value: string): string {
  return value.toUpperCase().replace(/[\s._-]+/g, '').replace(/[.,;:!]+$/, '')
}
