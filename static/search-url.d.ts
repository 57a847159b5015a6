// Types for search-url.js (plain JavaScript so the browser loads it without a build step).
export type FilterField = 'rating' | 'fandom' | 'relationship' | 'character' | 'warning' | 'tag' | 'author' | 'series' | 'language'
export interface ActiveFilter {
  field: FilterField
  value: string
  exclude: boolean
}
export interface Chip {
  label: string
  exclude: boolean
  params: URLSearchParams
  /** The parameter and its value as the URL has them, for a chip of one value (`tag`, `-*mimes`). */
  name?: string
  value?: string
}
export function pluralLabel(field: FilterField): string
export function workStatus(complete: boolean | null): 'complete' | 'in progress' | null
export const SHAPE_FILTERS: string[]
export const STALE_CHOICES: [value: string, label: string][]
export const FILTER_FIELDS: FilterField[]
export function readFilters(params: URLSearchParams): ActiveFilter[]
export function withParam(params: URLSearchParams, name: string, value: string | number | null | undefined): URLSearchParams
export function withoutFilter(params: URLSearchParams, field: FilterField, value: string): URLSearchParams
export function withFilter(params: URLSearchParams, field: FilterField, value: string, exclude?: boolean): URLSearchParams
export function filterState(params: URLSearchParams, field: FilterField, value: string): 'include' | 'exclude' | null
export function withWords(params: URLSearchParams, min: number | string | null, max: number | string | null): URLSearchParams
export function wordsLabel(min: number | string | null, max: number | string | null): string
export function activeChips(params: URLSearchParams): Chip[]
export function searchHref(params: URLSearchParams, path?: string): string
export function storyPath(id: string, chapter?: number | null): string
export function storyHref(url: string, query: string): string
export function quotedQuery(query: string): string
export const NOT_IN_FEEDS: readonly string[]
export function feedParams(params: URLSearchParams): URLSearchParams
export function feedHref(params: URLSearchParams): string
