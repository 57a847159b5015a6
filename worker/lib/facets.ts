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

export function countFacets(stories: Iterable<StoredStory>, limit: number): Facets {
  const counters = Object.fromEntries(COUNTED_FACETS.map((facet) => [facet, new Map<string, number>()])) as Record<CountedFacet, Map<string, number>>
  const buckets = WORD_BUCKETS.map((bucket) => ({ value: bucket.value, label: bucket.label, min: bucket.min, max: bucket.max, count: 0 }))
  for (const story of stories) {
    for (const facet of COUNTED_FACETS) {
      const value = story[FACET_FIELDS[facet]] as string | string[]
      const counter = counters[facet]
      // A story lists a value once even if its header repeats it.
      for (const item of new Set(Array.isArray(value) ? value : [value])) counter.set(item, (counter.get(item) ?? 0) + 1)
    }
    const bucket = buckets.find((b) => story.words >= b.min && (b.max === null || story.words <= b.max))
    if (bucket) bucket.count++
  }
  const top = (counter: Map<string, number>) =>
    [...counter.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([value, count]) => ({ value, count }))
  return { ...(Object.fromEntries(COUNTED_FACETS.map((facet) => [facet, top(counters[facet])])) as Record<CountedFacet, FacetCount[]>), words: buckets }
}
