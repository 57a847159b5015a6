// Seeded misspellings, because real archives are not proofread and every typo is one more distinct term.

import type { Random } from './random'

/**
 * Misspells a word the way fast typists do: two letters swapped, one dropped, or one doubled.
 * The first letter stays, so the typo still sorts near its word.
 *
 * @example misspell(rng, 'because') // 'becuase', 'becase' or 'beccause'
 */
export function misspell(rng: Random, word: string): string {
  if (word.length < 3) return word
  const at = rng.between(1, word.length - 2)
  switch (rng.int(3)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    case 1:
      return word.slice(0, at) + word.slice(at + 1)
    default:
      return word.slice(0, at) + word[at] + word.slice(at)
  }
}
