// Facet counts over every matching story (not just the page), for the sidebar and for API clients.
import { FACET_FIELDS } from './filters'
import { RATINGS } from '../../core/story-record'
import type { StoryTable } from '../../core/story-table'

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
export const COUNTED_FACETS = ['rating', 'fandom', 'relationship', 'character', 'warning', 'language'] as const
export type CountedFacet = (typeof COUNTED_FACETS)[number]

export type Facets = Record<CountedFacet, FacetCount[]> & { words: WordBucketCount[] }

/**
 * Counts, over every matching story (not just the page), each value of the counted facets and each length bucket, and
 * lists the top `limit` values per facet (most frequent first, ties in the rating vocabulary's order or by name) and
 * every bucket.
 */
export function tallyFacets(shortIds: readonly number[], table: StoryTable, limit: number, counted: readonly CountedFacet[] = COUNTED_FACETS): Facets {
  // Ties go by the values' places in their list (the rating vocabulary; names in name order): no string comparisons.
  const top = (values: readonly string[], counts: ArrayLike<number>, seen: number[]) =>
    seen
      .sort((a, b) => counts[b]! - counts[a]! || a - b)
      .slice(0, limit)
      .map((n) => ({ value: values[n]!, count: counts[n]! }))
  const facets = {} as Record<CountedFacet, FacetCount[]>
  for (const facet of counted) {
    const field = FACET_FIELDS[facet]
    if (field === 'rating') {
      const counts = RATINGS.map(() => 0)
      for (const i of shortIds) counts[table.ratings[i]!]!++
      facets[facet] = top(RATINGS, counts, RATINGS.flatMap((_, r) => (counts[r]! > 0 ? [r] : [])))
      continue
    }
    const column = table.values[field]
    const counts = new Uint32Array(column.names.length)
    // A story lists a value once even if its header repeats it.
    const lastStory = new Int32Array(column.names.length).fill(-1)
    const seen: number[] = []
    for (const i of shortIds) {
      for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++) {
        const name = column.items[k]!
        if (lastStory[name] === i) continue
        lastStory[name] = i
        if (counts[name]!++ === 0) seen.push(name)
      }
    }
    facets[facet] = top(column.names, counts, seen)
  }
  const words = WORD_BUCKETS.map(() => 0)
  for (const i of shortIds) {
    const length = table.words[i]!
    const bucket = WORD_BUCKETS.findIndex((b) => length >= b.min && (b.max === null || length <= b.max))
    if (bucket !== -1) words[bucket]!++
  }
  return {
    ...facets,
    words: WORD_BUCKETS.map((bucket, i) => ({ value: bucket.value, label: bucket.label, min: bucket.min, max: bucket.max, count: words[i]! })),
  }
}
