// The fixed mix of 200 realistic queries drawn deterministically from an archive (casts and vocabulary): what the
// deploy check and the benchmarks send.
import type { StoryRecord } from '../core/story-record'

export type QueryKind = 'word' | 'name' | 'pairing' | 'phrase' | 'filter' | 'typo' | 'prefix' | 'words' | 'or'

export interface BenchQuery {
  q: string
  kind: QueryKind
}

/** How many queries of each kind make up the mix (200 in all). */
export const QUERY_MIX: Record<QueryKind, number> = {
  word: 40,
  name: 30,
  pairing: 20,
  phrase: 25,
  filter: 25,
  typo: 25,
  prefix: 20,
  words: 10,
  or: 5,
}

/** Stories whose text is scanned for vocabulary: enough for stable frequencies, bounded for 20,000-story corpora. */
const VOCABULARY_SAMPLE = 400

const STOPWORDS = new Set(
  'about above after again against because been before being below between both could did does doing down during each few from further have having here hers herself himself into itself more most myself once only other ought ours over same should some such than that their theirs them themselves then there these they this those through under until very were what when where which while whom with would your yours yourself shall upon said will just like know well much even must never also every still might made little great nothing without'.split(' '),
)

/** sfc32-free, tiny and deterministic: mulberry32 over a string hash. */
function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORD = /[A-Za-z][a-z']*[a-z]|[A-Za-z]/g

/**
 * Builds the query mix for a corpus. Same stories, same queries: nothing depends on the clock or Math.random.
 * Names and pairings come from the stories' character and relationship lists when they have them, otherwise from
 * capitalised words the text uses as names (the public-domain chapters carry no cast lists). `mix` says how many of
 * each kind (QUERY_MIX unless given).
 */
export function makeQueries(stories: readonly StoryRecord[], seed = 'story-search-bench', mix: Partial<Record<QueryKind, number>> = QUERY_MIX): BenchQuery[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const step = Math.max(1, Math.floor(stories.length / VOCABULARY_SAMPLE))
  const sample = stories.filter((_, i) => i % step === 0).slice(0, VOCABULARY_SAMPLE)

  const docFrequency = new Map<string, number>()
  const capitalised = new Map<string, number>()
  const lowercase = new Set<string>()
  for (const story of sample) {
    const seen = new Set<string>()
    const body = story.body.slice(0, 200_000)
    for (const match of body.matchAll(WORD)) {
      const word = match[0]
      const lower = word.toLowerCase()
      if (word[0] === word[0]!.toUpperCase() && word[0] !== word[0]!.toLowerCase()) {
        // Not at a sentence start: a name, probably.
        const before = body.slice(Math.max(0, match.index! - 2), match.index!)
        if (!/[.!?"'\n]\s*$/.test(before) && word.length >= 4) capitalised.set(word, (capitalised.get(word) ?? 0) + 1)
      } else {
        lowercase.add(lower)
      }
      if (!seen.has(lower)) {
        seen.add(lower)
        docFrequency.set(lower, (docFrequency.get(lower) ?? 0) + 1)
      }
    }
  }
  const n = sample.length
  const common = [...docFrequency]
    .filter(([word, df]) => word.length >= 5 && !word.includes("'") && !STOPWORDS.has(word) && df >= Math.max(2, n * 0.01) && df <= Math.max(3, n * 0.4))
    .map(([word]) => word)
    .sort()
  // A tiny archive (one story, say) has no word in two stories: any of its words will do, and an empty one a stand-in.
  const anyWords = [...docFrequency.keys()].filter((word) => word.length >= 5 && !word.includes("'") && !STOPWORDS.has(word)).sort()
  const vocabulary = common.length > 0 ? common : anyWords.length > 0 ? anyWords : ['story']
  const rare = [...docFrequency]
    .filter(([word, df]) => word.length >= 6 && !word.includes("'") && df >= 1 && df <= Math.max(2, n * 0.02))
    .map(([word]) => word)
    .sort()
  const textNames = [...capitalised]
    .filter(([word, count]) => count >= 5 && !lowercase.has(word.toLowerCase()) && !STOPWORDS.has(word.toLowerCase()))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 80)
    .map(([word]) => word)
  const castNames = [...new Set(stories.flatMap((story) => story.characters))].sort()
  const names = castNames.length >= 5 ? castNames : textNames.length > 0 ? textNames : castNames.length > 0 ? castNames : vocabulary
  const relationships = [...new Set(stories.flatMap((story) => story.relationships))].sort()
  const ratings = ['teen', 'general', 'mature', 'explicit']

  const firstName = (name: string) => name.split(/\s+/)[0]!.toLowerCase()
  const phrase = (): string => {
    for (let attempt = 0; sample.length > 0 && attempt < 50; attempt++) {
      const body = pick(sample).body
      const at = Math.floor(random() * Math.max(1, body.length - 200))
      const words = body.slice(at, at + 200).split(/\s+/).slice(1, 5).map((w) => w.replace(/[^A-Za-z']/g, ''))
      const length = 2 + Math.floor(random() * 2)
      const chosen = words.slice(0, length)
      if (chosen.length === length && chosen.every((w) => w.length >= 2)) return `"${chosen.join(' ').toLowerCase()}"`
    }
    return `"${pick(vocabulary)} ${pick(vocabulary)}"`
  }
  const typo = (word: string): string => {
    const i = 1 + Math.floor(random() * (word.length - 3))
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
  }
  const makers: Record<QueryKind, () => string> = {
    word: () => pick(vocabulary),
    name: () => {
      const name = pick(names)
      return random() < 0.5 ? name.toLowerCase() : firstName(name)
    },
    pairing: () => {
      if (relationships.length > 0) {
        const ship = pick(relationships)
        const [a, b] = ship.split(/\s*[/&]\s*/)
        return random() < 0.4 ? `pairing:"${ship.toLowerCase()}"` : `${firstName(a!)} ${firstName(b ?? a!)}`
      }
      return `${firstName(pick(names))} ${firstName(pick(names))}`
    },
    phrase,
    filter: () => {
      const word = pick(vocabulary)
      switch (Math.floor(random() * 5)) {
        case 0:
          return `${word} rating:${pick(ratings)}`
        case 1:
          return `${word} words>${pick([1000, 2000, 5000])}`
        case 2:
          return `${firstName(pick(names))} date>${pick([2005, 2010, 2015])}`
        case 3:
          return `${word} -${pick(vocabulary)}`
        default:
          return `title:${pick(vocabulary)}`
      }
    },
    typo: () => typo(pick(orElse(vocabulary.filter((w) => w.length >= 6).concat(rare.slice(0, 50)), vocabulary))),
    prefix: () => {
      const word = pick(random() < 0.3 ? orElse(names.map((name) => firstName(name)).filter((w) => w.length >= 5), vocabulary) : vocabulary)
      return word.slice(0, Math.max(3, Math.ceil(word.length * 0.6)))
    },
    words: () => `${pick(vocabulary)} ${pick(vocabulary)}${random() < 0.4 ? ` ${pick(vocabulary)}` : ''}`,
    or: () => `${pick(vocabulary)} OR ${pick(vocabulary)}`,
  }
  const queries: BenchQuery[] = []
  for (const [kind, count] of Object.entries(mix) as [QueryKind, number][]) {
    for (let i = 0; i < count; i++) queries.push({ q: makers[kind](), kind })
  }
  // Interleave kinds so a short load run still sees the whole mix.
  return queries.map((query, i) => ({ query, key: random() + i * 0 })).sort((a, b) => a.key - b.key).map(({ query }) => query)
}

function orElse<T>(items: T[], fallback: T[]): T[] {
  return items.length > 0 ? items : fallback
}

/** The URL path a query is sent to. */
export function searchPath(query: BenchQuery): string {
  return `/api/search?q=${encodeURIComponent(query.q)}`
}
