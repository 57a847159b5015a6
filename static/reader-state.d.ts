// Types for reader-state.js (plain JavaScript so the browser loads it without a build step).
export interface KeptStory {
  id: string
  title: string
  url: string
  at: string
}
export interface SavedSearch {
  name: string
  /** The search's parameters, as a query string. */
  query: string
  at: string
}
export type Mark = 'later' | 'read' | 'unwanted'
export interface ReaderState {
  format: 'story-search-reader'
  version: 1
  standing: [string, string][]
  searches: SavedSearch[]
  later: KeptStory[]
  read: KeptStory[]
  unwanted: KeptStory[]
  history: KeptStory[]
  hideRead: boolean
}
export interface StandingForm {
  tag?: string
  character?: string
  relationship?: string
  fandom?: string
  author?: string
  warning?: string
  language?: string[]
  fandoms_max?: string
  primary_pairing?: boolean
  stale?: string
}
interface StoryRef {
  id: string
  title?: string
  url?: string
}
export const STORAGE_KEY: string
export const FORMAT: 'story-search-reader'
export const VERSION: 1
export const HISTORY_LIMIT: number
export const MARKS: Mark[]
export function emptyState(): ReaderState
export function withStanding(params: URLSearchParams, state: ReaderState): URLSearchParams
export function lacksStanding(params: URLSearchParams, state: ReaderState): boolean
export function isStanding(state: ReaderState, name: string, value: string): boolean
export function withoutStanding(state: ReaderState, name: string, value: string): ReaderState
export function standingFromForm(fields: StandingForm): [string, string][]
export function formFromStanding(standing: [string, string][]): Required<StandingForm>
export function hasMark(state: ReaderState, mark: Mark, id: string): boolean
export function withMark(state: ReaderState, mark: Mark, story: StoryRef, on: boolean, at?: string): ReaderState
export function withVisit(state: ReaderState, story: StoryRef, at?: string): ReaderState
export function withSearch(state: ReaderState, name: string, params: URLSearchParams, at?: string): ReaderState
export function withoutSearch(state: ReaderState, name: string): ReaderState
export function exportState(state: ReaderState, at?: string): string
export function readState(text: string): ReaderState
export function mergeStates(mine: ReaderState, theirs: ReaderState): ReaderState
export function browserStorage(): Storage | null
export function loadState(storage: Pick<Storage, 'getItem'> | null): ReaderState
export function saveState(storage: Pick<Storage, 'setItem'>, state: ReaderState): boolean
