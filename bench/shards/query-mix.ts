// A deterministic mix of realistic queries drawn from an archive: names, pairings, phrases, typos, prefixes, filters.
import { queryWords } from '../../worker/lib/search'
import type { StoryRecord } from '../../worker/lib/story-record'

export interface MixQuery {
  kind: 'name' | 'full-name' | 'pairing' | 'two-names' | 'phrase' | 'typo' | 'prefix' | 'word' | 'words' | 'filter' | 'exclude' | 'field'
  q: string
}

/** Picks every k-th item so the mix spreads over the archive without randomness. */
function spread<T>(items: T[], count: number, offset = 0): T[] {
  if (items.length === 0) return []
  const step = Math.max(1, Math.floor(items.length / count))
  const picked: T[] = []
  for (let i = offset % step; i < items.length && picked.length < count; i += step) picked.push(items[i]!)
  return picked
}

function byFrequency(values: string[]): string[] {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value)
}

/** Swaps two inner letters: the commonest typo. */
function typo(word: string): string {
  const i = Math.floor(word.length / 2)
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1)
}

/** About `size` queries (default 200) from the stories; the same stories give the same mix. */
export function makeQueryMix(stories: StoryRecord[], size = 200): MixQuery[] {
  const sorted = [...stories].sort((a, b) => (a.id < b.id ? -1 : 1))
  const characters = byFrequency(sorted.flatMap((story) => story.characters))
  const pairings = byFrequency(sorted.flatMap((story) => story.relationships.filter((r) => r.includes('/'))))
  const firstNames = [...new Set(characters.map((name) => queryWords(name)[0]).filter((word): word is string => !!word && word.length >= 3))]
  const bodyWords = byFrequency(sorted.slice(0, 300).flatMap((story) => queryWords(story.body.slice(0, 4000)).filter((w) => w.length >= 5 && !/\d/.test(w))))
  // Common words rank on term frequency and length; rarer ones on idf: take both ends.
  const common = bodyWords.slice(0, 400)
  const rarer = bodyWords.slice(2000, 6000)
  const phrases = spread(sorted, 30, 7).map((story) => {
    const words = queryWords(story.body)
    const at = Math.floor(words.length / 3)
    return words.slice(at, at + 3).join(' ')
  })
  const share = (n: number) => Math.round((n * size) / 200)
  const mix: MixQuery[] = [
    ...spread(firstNames, share(25)).map((q) => ({ kind: 'name' as const, q })),
    ...spread(characters, share(15), 1).map((q) => ({ kind: 'full-name' as const, q })),
    ...spread(pairings, share(15)).map((p) => ({ kind: 'pairing' as const, q: `pairing:${p.split('/').map((name) => queryWords(name)[0]).join('/')}` })),
    ...spread(pairings, share(10), 2).map((p) => ({ kind: 'two-names' as const, q: p.split('/').map((name) => queryWords(name)[0]).join(' ') })),
    ...spread(phrases, share(20)).map((p) => ({ kind: 'phrase' as const, q: `"${p}"` })),
    ...spread([...firstNames, ...rarer], share(20), 3).filter((w) => w.length >= 5).map((w) => ({ kind: 'typo' as const, q: typo(w) })),
    ...spread([...firstNames, ...common], share(20), 4).map((w) => ({ kind: 'prefix' as const, q: w.slice(0, Math.max(3, Math.ceil(w.length / 2))) })),
    ...spread(common, share(15), 5).map((q) => ({ kind: 'word' as const, q })),
    ...spread(rarer, share(10), 6).map((q) => ({ kind: 'word' as const, q })),
    ...spread(common, share(15), 8).map((w, i) => ({ kind: 'words' as const, q: `${w} ${rarer[(i * 37) % Math.max(1, rarer.length)] ?? ''}`.trim() })),
    ...spread(firstNames, share(15), 9).map((name, i) => ({
      kind: 'filter' as const,
      q: [`${name} rating:teen`, `${name} words>5000`, `${name} date>2015`, `${name} words<2000`, `${name} rating:mature`][i % 5]!,
    })),
    ...spread(firstNames, share(10), 10).map((name, i) => ({ kind: 'exclude' as const, q: `${name} -${common[(i * 11) % Math.max(1, common.length)]}` })),
    ...spread(firstNames, share(10), 11).map((name, i) => ({ kind: 'field' as const, q: `${['character', 'summary', 'title'][i % 3]}:${name}` })),
  ]
  return mix
}
