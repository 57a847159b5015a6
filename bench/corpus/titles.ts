// Story titles: a few fan-fiction title habits, filled from the story's own cast, places and prose.

import { type Character, shortName } from './fandoms'
import type { Random } from './random'
import { TITLE_ADJECTIVES, TITLE_NOUNS } from './vocabularies'

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with'])

/**
 * A title such as `Undertow`, `The Quiet Harbor`, `What Wren Knew`, `Five Times Nora Stayed`
 * or a phrase lifted from the story (`The Watery Part of the World`).
 */
export function makeTitle(rng: Random, leads: readonly Character[], place: string, prose: string): string {
  const lead = leads.length > 0 ? shortName(rng.pick(leads)) : 'Nobody'
  switch (rng.int(9)) {
    case 0:
    case 1:
      return rng.pick(TITLE_NOUNS)
    case 2:
      return `${rng.pick(TITLE_ADJECTIVES)} ${rng.pick(TITLE_NOUNS)}`
    case 3:
      return `The ${rng.pick(TITLE_NOUNS)} of ${place}`
    case 4:
      return `What ${lead} Knew`
    case 5:
      return `${rng.pick(TITLE_NOUNS)} (${rng.pick(['a drabble', 'the remix', 'part one', 'or, the one where everyone lies'])})`
    case 6:
      return `Five Times ${lead} ${rng.pick(['Stayed', 'Lied', 'Said Nothing', 'Almost Said It', 'Came Home'])}`
    default:
      return phraseFrom(rng, prose) ?? `${rng.pick(TITLE_ADJECTIVES)} ${rng.pick(TITLE_NOUNS)}`
  }
}

// Two to five words from the prose, punctuation dropped, in title case.
function phraseFrom(rng: Random, prose: string): string | null {
  const words = prose.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, '')).filter(Boolean)
  if (words.length < 6) return null
  const length = rng.between(2, 5)
  const start = rng.int(words.length - length)
  return words
    .slice(start, start + length)
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ')
}
