// The one rating vocabulary: the builder reads story headers with it and the Worker reads `rating=` and `rating:`
// with it, so every rating a story file can say is one a reader can ask for.
import type { Rating } from './story-record'

// Codes are compared without case, spaces, dots, dashes or underscores: `PG-13`, `pg13` and `P.G. 13` are one code.
const CODES: Record<string, Rating> = {}
function rate(rating: Rating, codes: string[]): void {
  for (const code of codes) CODES[code] = rating
}
// MPAA, FanFiction.net (K to MA), FictionRatings (FRC to FRAO), AO3's five, and the words archives use for them.
rate('General', ['G', 'PG', 'K', 'K+', 'FRC', 'FR7', 'FRU', 'GEN', 'GENERAL', 'GENERALAUDIENCES', 'ALLAGES', 'U'])
rate('Teen', ['PG13', 'PG15', 'T', 'T+', 'FRT', 'FR13', 'FR15', 'TEEN', 'TEENS', 'TEENANDUP', 'TEENANDUPAUDIENCES', 'TEENAGERS', '13+', '15+', 'R13', 'R15'])
rate('Mature', ['R', 'M', 'FRM', 'FR18', 'MATURE', 'R16', '16+', '17+', 'ADULTTHEMES'])
rate('Explicit', ['NC17', 'NC18', 'X', 'XX', 'XXX', 'MA', 'FRAO', 'E', 'EXPLICIT', 'ADULT', 'ADULTS', 'ADULTSONLY', 'NC', '18+', 'R18', 'NSFW'])
rate('Not Rated', ['NR', 'NOTRATED', 'UNRATED', 'NONE'])

/**
 * Reads a whole value as one rating, with FanFiction.net's `Fiction` and a `Rated` in front allowed; null when the
 * value is not a rating.
 *
 * @example readRating('Rated: Fiction T') // 'Teen'
 * @example readRating('nsfw') // 'Explicit'
 */
export function readRating(value: string): Rating | null {
  const code = withoutRatingPrefix(value)
    .toUpperCase()
    .replace(/[\s._-]+/g, '')
    .replace(/[,;:!]+$/, '')
  return CODES[code] ?? null
}

/** The value without FanFiction.net's `Fiction` or a `Rated:` in front. */
export function withoutRatingPrefix(value: string): string {
  return value.trim().replace(/^(?:(?:rated|fiction)\b[\s:]*)+/i, '')
}
