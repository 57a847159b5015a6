// Story lengths in words: log-normal, long-tailed like a real archive (many drabbles and one-shots, a few novels).

import type { Random } from './random'

/** ln(3000): the median story is 3,000 words. */
export const LENGTH_MU = Math.log(3000)
/** Spread of ln(words). 1.1 puts p90 near 12,300 words and about 0.5% of stories over 50,000. */
export const LENGTH_SIGMA = 1.1
export const MIN_STORY_WORDS = 100
export const MAX_STORY_WORDS = 120_000

/** Target length of one story in words: round(exp(mu + sigma·z)), clamped to [100, 120,000]. */
export function sampleStoryLength(rng: Random): number {
  const words = Math.round(Math.exp(LENGTH_MU + LENGTH_SIGMA * rng.normal()))
  return Math.min(MAX_STORY_WORDS, Math.max(MIN_STORY_WORDS, words))
}
