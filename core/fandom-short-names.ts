// Fandom names. The short names fans type for big fandoms, which AO3's tag wranglers keep as synonyms of the canonical
// tag: a story filed under "Harry Potter - J. K. Rowling" is found by `hp`, one under "Ginga Eiyuu Densetsu | Legend of
// the Galactic Heroes" by `logh`. Only short names that are no English word (no `got`, `me`, `tw`), so a short name
// pulls in few stories that merely use it. And one spelling of a fandom an archive writes several ways.
import { foldForMatching, phraseWord, queryWords } from './text'

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
  'dungeons dragons': ['dnd'],
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
  'supernatural': ['spn'],
  'the hunger games': ['thg'],
  'hunger games series': ['thg'],
  'the legend of korra': ['lok'],
  'avatar legend of korra': ['lok'],
  'the legend of zelda': ['loz'],
  'the lord of the rings': ['lotr'],
  'tian guan ci fu': ['tgcf'],
  'yuri on ice': ['yoi'],
  'smallville': ['sv'],
}

// The fandoms by their words as phrases compare them (`baldur's gate 3` is `baldur gate 3`). Made on first use, not
// when a new isolate loads this module.
let byWords: Map<string, readonly string[]> | undefined

function fandomWords(name: string): string {
  return queryWords(name).map(phraseWord).join(' ')
}

// A tag names its fandom whole, or in one part: before an author (` - J. K. Rowling`), beside another name
// (` | Legend of the Galactic Heroes`), outside a note in parentheses (`(Video Games)`).
const TAG_PARTS = /\s[|\-\u2013\u2014]\s|[()]/

/**
 * The short names of the fandoms a story is filed under, for the index to find it by: those whose canonical name is
 * a whole tag or a whole part of one (`Harry Potter - J. K. Rowling`, `Star Trek: The Next Generation`), never a
 * longer title that starts with it (`Once Upon a Time in Hollywood`).
 *
 * @example fandomShortNames(['Stargate: Atlantis']) // ['sga']
 */
export function fandomShortNames(fandoms: readonly string[]): string[] {
  const known = (byWords ??= new Map(Object.entries(SHORT_NAMES).map(([fandom, shortNames]) => [fandomWords(fandom), shortNames])))
  const found = new Set<string>()
  for (const fandom of fandoms) {
    for (const part of fandom.split(TAG_PARTS)) for (const name of known.get(fandomWords(part)) ?? []) found.add(name)
  }
  return [...found]
}

/** What two spellings of one fandom share: letters and digits, folded, without a leading "The". */
export function spellingKey(name: string): string {
  return foldForMatching(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^the /, '')
}

/**
 * For fandoms an archive spells several ways that differ only in case, spaces, punctuation or a leading "The" (a
 * folder `lantern-coast` beside headers that say "Lantern Coast"), the one spelling to show: the one most stories use,
 * else one written with capitals. `stories`: each story's fandoms. Spellings with no other are left out.
 *
 * @example oneSpellingEach([['Lantern Coast'], ['lantern-coast'], ['Lantern Coast']]) // Map { 'lantern-coast' => 'Lantern Coast' }
 */
export function oneSpellingEach(stories: Iterable<readonly string[]>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const fandoms of stories) {
    for (const name of new Set(fandoms)) {
      const key = spellingKey(name)
      if (key === '') continue
      const spellings = counts.get(key) ?? new Map<string, number>()
      counts.set(key, spellings.set(name, (spellings.get(name) ?? 0) + 1))
    }
  }
  const chosen = new Map<string, string>()
  for (const spellings of counts.values()) {
    if (spellings.size < 2) continue
    const capitals = (name: string) => (name.match(/\p{Lu}/gu) ?? []).length
    const [best] = [...spellings].sort(([a, m], [b, n]) => n - m || capitals(b) - capitals(a) || (a < b ? -1 : 1))
    for (const name of spellings.keys()) if (name !== best![0]) chosen.set(name, best![0])
  }
  return chosen
}
