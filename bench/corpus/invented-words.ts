// Words no corpus has: original characters, places, made-up terms and pen names, each a pure function of (seed, index).

import { Random } from './random'

/** Zipf exponent and scale of the invented-word pools (terms, OCs, places): distinct ≈ draws^(1/1.3), Heaps-like. */
export const INVENTED_ZIPF = 1.3
export const INVENTED_ZIPF_SCALE = 5

/** Which invented word to use next: low indices recur across stories, new ones keep appearing. */
export function drawInventedIndex(rng: Random): number {
  return rng.unboundedZipf(INVENTED_ZIPF, INVENTED_ZIPF_SCALE)
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'qu', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'z', '']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ia', 'y', 'ei', 'ou']
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'nd', 'rk', 'x', 'm', 'v']
const PLACE_ENDINGS = ['ford', 'haven', 'mere', 'wick', 'holm', 'gate', 'moor', 'vale', 'port', 'stead']

// Index-derived words are stable: the OC numbered 17 under seed S has the same name in every archive size,
// so growing N only adds words, as a real archive gains new ones.
function syllables(rng: Random, count: number): string {
  let word = ''
  for (let i = 0; i < count; i++) word += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS)
  return word
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** The index-th original character's name, e.g. `Thessaly Brandwick`. */
export function originalCharacterName(seed: string, index: number): { first: string; last: string } {
  const rng = Random.derive(seed, 'oc', index)
  return { first: capitalize(syllables(rng, rng.between(2, 3))), last: capitalize(syllables(rng, 2)) }
}

/** The index-th invented place, e.g. `Corvaholm`. */
export function inventedPlace(seed: string, index: number): string {
  const rng = Random.derive(seed, 'place', index)
  return capitalize(syllables(rng, rng.between(1, 2)) + rng.pick(PLACE_ENDINGS))
}

/** The index-th made-up term (a spell, a gadget, a slang word), lower case, e.g. `vorthelin`. */
export function inventedTerm(seed: string, index: number): string {
  const rng = Random.derive(seed, 'term', index)
  return syllables(rng, rng.between(2, 3))
}

const PEN_ADJECTIVES = ['midnight', 'silver', 'quiet', 'wandering', 'starry', 'lazy', 'crimson', 'paper', 'velvet', 'salty', 'sleepy', 'wild', 'little', 'hollow', 'golden']
const PEN_NOUNS = ['owl', 'fox', 'ink', 'lantern', 'moth', 'tea', 'sparrow', 'quill', 'comet', 'otter', 'wren', 'harbor', 'raven', 'rain', 'biscuit']

/** The index-th pen name: `midnight_owl42`, `Lala`, `silverquill`, `Aelita Morrow`... */
export function penName(seed: string, index: number): string {
  const rng = Random.derive(seed, 'author', index)
  const style = rng.int(6)
  const number = String(rng.between(1, 999))
  switch (style) {
    case 0:
      return `${rng.pick(PEN_ADJECTIVES)}_${rng.pick(PEN_NOUNS)}${number}`
    case 1:
      return `${rng.pick(PEN_ADJECTIVES)}${rng.pick(PEN_NOUNS)}${rng.chance(0.5) ? number : ''}`
    case 2:
      return capitalize(syllables(rng, rng.between(2, 3)))
    case 3:
      return `${capitalize(syllables(rng, 2))} ${capitalize(syllables(rng, 2))}`
    case 4:
      return `${capitalize(rng.pick(PEN_NOUNS))}${capitalize(syllables(rng, 2))}`
    default:
      return `${syllables(rng, 2)}-${rng.pick(PEN_NOUNS)}`
  }
}
