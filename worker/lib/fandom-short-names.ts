// The short names fans type for big fandoms, which AO3's tag wranglers keep as synonyms of the canonical tag: a story
// filed under "Harry Potter - J. K. Rowling" is found by `hp`, one under "Ginga Eiyuu Densetsu | Legend of the
// Galactic Heroes" by `logh`. Only short names that are not English words or common abbreviations of something else
// (no `got`, `me`, `tw`), so a short name never pulls in stories that merely use the word.
import { phraseWord, queryWords } from './text'

const SHORT_NAMES: Record<string, readonly string[]> = {
  'a song of ice and fire': ['asoiaf'],
  'attack on titan': ['aot', 'snk'],
  'avatar the last airbender': ['atla'],
  'baldur gate 3': ['bg3'],
  'battlestar galactica': ['bsg'],
  'boku no hero academia': ['bnha', 'mha'],
  'buffy the vampire slayer': ['btvs'],
  'critical role': ['critrole'],
  'doctor who': ['dw'],
  'dungeons and dragons': ['dnd'],
  'final fantasy vii': ['ffvii', 'ff7'],
  'final fantasy xiv': ['ffxiv', 'ff14'],
  'final fantasy xv': ['ffxv', 'ff15'],
  'fullmetal alchemist': ['fma', 'fmab'],
  'harry potter': ['hp'],
  'his dark materials': ['hdm'],
  'how to train your dragon': ['httyd'],
  'jujutsu kaisen': ['jjk'],
  'kingdom hearts': ['kh'],
  'legend of the galactic heroes': ['logh'],
  'marvel cinematic universe': ['mcu'],
  'mo dao zu shi': ['mdzs'],
  'my hero academia': ['mha', 'bnha'],
  'neon genesis evangelion': ['nge'],
  'once upon a time': ['ouat'],
  'percy jackson and the olympians': ['pjo'],
  'shingeki no kyojin': ['snk', 'aot'],
  'stargate atlantis': ['sga'],
  'stargate sg-1': ['sg1'],
  'star trek deep space nine': ['ds9'],
  'star trek the next generation': ['tng'],
  'star trek the original series': ['tos'],
  'star trek voyager': ['voy'],
  'supernatural': ['spn'],
  'the hunger games': ['thg'],
  'the legend of korra': ['lok'],
  'the legend of zelda': ['loz'],
  'the lord of the rings': ['lotr'],
  'tian guan ci fu': ['tgcf'],
  'yuri on ice': ['yoi'],
  'smallville': ['sv'],
}

// Each fandom as its words (a possessive dropped, as phrases compare them), looked up by its first word.
const BY_FIRST_WORD = new Map<string, { words: string; shortNames: readonly string[] }[]>()
for (const [fandom, shortNames] of Object.entries(SHORT_NAMES)) {
  const words = fandomWords(fandom)
  const first = words.split(' ')[0]!
  BY_FIRST_WORD.set(first, [...(BY_FIRST_WORD.get(first) ?? []), { words, shortNames }])
}

function fandomWords(name: string): string {
  return queryWords(name).map(phraseWord).join(' ')
}

/**
 * The short names of the fandoms a story is filed under, for the index to find it by: those whose canonical name
 * stands as whole words in a fandom tag (`Harry Potter - J. K. Rowling`, `Star Trek: The Next Generation`).
 *
 * @example fandomShortNames(['Stargate: Atlantis']) // ['sga']
 */
export function fandomShortNames(fandoms: readonly string[]): string[] {
  const found = new Set<string>()
  for (const fandom of fandoms) {
    const words = fandomWords(fandom).split(' ')
    const text = ` ${words.join(' ')} `
    for (const word of new Set(words)) {
      for (const known of BY_FIRST_WORD.get(word) ?? []) {
        if (text.includes(` ${known.words} `)) for (const name of known.shortNames) found.add(name)
      }
    }
  }
  return [...found]
}
