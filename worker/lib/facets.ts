// Facet counts over every matching story (not just the page), for the sidebar and for API clients.
import type { StoredStory } from './index-contract'
import { FACET_FIELDS } from './filters'

export const DEFAULT_FACET_LIMIT = 10
export const MAX_FACET_LIMIT = 100

/** Word-count buckets in AO3's spirit: drabbles and ficlets, one-shots, novellas, novels. */
export const WORD_BUCKETS = [
  { value: 'under-1k', label: 'Under 1,000', min: 0, max: 999 },
  { value: '1k-5k', label: '1,000–5,000', min: 1000, max: 5000 },
  { value: '5k-10k', label: '5,001–10,000', min: 5001, max: 10000 },
  { value: '10k-50k', label: '10,001–50,000', min: 10001, max: 50000 },
  { value: 'over-50k', label: 'Over 50,000', min: 50001, max: null },
] as const

export interface FacetCount {
  value: string
  count: number
}

export interface WordBucketCount extends FacetCount {
  label: string
  min: number
  max: number | null
}

/** The facets every response carries: the named fields from FACET_FIELDS (minus author and tag, too many values to list) and words. */
export const COUNTED_FACETS = ['rating', 'fandom', 'relationship', 'character', 'warning'] as const
export type CountedFacet = (typeof COUNTED_FACETS)[number]

export type Facets = Record<CountedFacet, FacetCount[]> & { words: WordBucketCount[] }

/** Every value's count per facet, and the word buckets' counts: exact, and mergeable across shards by adding. */
export interface FacetTally {
  values: Record<CountedFacet, [string, number][]>
  words: number[]
}

export function tallyFacets(stories: Iterable<StoredStory>): FacetTally {
  const counters = Object.fromEntries(COUNTED_FACETS.map((facet) => [facet, new Map<string, number>()])) as Record<CountedFacet, Map<string, number>>
  const words = WORD_BUCKETS.map(() => 0)
  for (const story of stories) {
    for (const facet of COUNTED_FACETS) {
      const value = story[FACET_FIELDS[facet]] as string | string[]
      const counter = counters[facet]
      // A story lists a value once even if its header repeats it.
      for (const item of new Set(Array.isArray(value) ? value : [value])) counter.set(item, (counter.get(item) ?? 0) + 1)
    }
    const bucket = WORD_BUCKETS.findIndex((b) => story.words >= b.min && (b.max === null || story.words <= b.max))
    if (bucket !== -1) words[bucket]!++
  }
  return { values: Object.fromEntries(COUNTED_FACETS.map((facet) => [facet, [...counters[facet].entries()]])) as FacetTally['values'], words }
}

export function mergeTallies(tallies: FacetTally[]): FacetTally {
  if (tallies.length === 1) return tallies[0]!
  const values = {} as FacetTally['values']
  for (const facet of COUNTED_FACETS) {
    const merged = new Map<string, number>()
    for (const tally of tallies) for (const [value, count] of tally.values[facet]) merged.set(value, (merged.get(value) ?? 0) + count)
    values[facet] = [...merged.entries()]
  }
  return { values, words: WORD_BUCKETS.map((_, i) => tallies.reduce((sum, tally) => sum + (tally.words[i] ?? 0), 0)) }
}

/** The top `limit` values per facet, most frequent first (ties by value), and every word bucket. */
export function topFacets(tally: FacetTally, limit: number): Facets {
  const top = (entries: [string, number][]) =>
    [...entries]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([value, count]) => ({ value, count }))
  return {
    ...(Object.fromEntries(COUNTED_FACETS.map((facet) => [facet, top(tally.values[facet])])) as Record<CountedFacet, FacetCount[]>),
    words: WORD_BUCKETS.map((bucket, i) => ({ value: bucket.value, label: bucket.label, min: bucket.min, max: bucket.max, count: tally.words[i] ?? 0 })),
  }
}
