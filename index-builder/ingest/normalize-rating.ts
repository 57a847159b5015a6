// Ratings and warnings as story headers write them: a rating with a reason after it, or inside a warnings list.
import { readRating, withoutRatingPrefix } from '../../core/ratings'
import type { Rating } from '../../core/story-record'
import { dropAsides, splitList } from './split-list'

/**
 * Normalizes one rating value; null when the value is not a rating. Tries the whole value, then its
 * first word, so `PG-13 for language` and `Fiction T` both resolve.
 *
 * @example normalizeRating('NC-17') // 'Explicit'
 */
export function normalizeRating(value: string): Rating | null {
  const cleaned = dropAsides(value).trim()
  if (cleaned === '') return null
  return readRating(cleaned) ?? readRating(withoutRatingPrefix(cleaned).split(/\s+/)[0]!)
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
