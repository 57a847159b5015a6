// The story record: what the index builder extracts from one story file, and what a text pack holds.

/** The five normalized ratings, in AO3's order from mildest to strongest. */
export const RATINGS = ['General', 'Teen', 'Mature', 'Explicit', 'Not Rated'] as const
export type Rating = (typeof RATINGS)[number]

/** Adult silent reading speed, in words per minute: behind every reading time the archive shows or filters by. */
const WORDS_PER_MINUTE = 250

/** Minutes a reader needs for this many words, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}

export type StoryFormat = 'text' | 'markdown' | 'html'

export interface StorySeries {
  title: string
  /** Part number within the series, when the file says so. */
  part: number | null
}

/** One chapter of a story in chapters. */
export interface StoryChapter {
  /** As the file names it ("Chapter 2: The Bridge", "Epilogue"), or "Chapter N" when it names none. */
  title: string
  /** Where the chapter's text starts in the story's body: a character offset at a paragraph start. */
  start: number
}

/**
 * Everything known about one story. Normalized values sit beside the raw text they came from
 * (`raw`), so an archive maintainer can always see why a story was read the way it was.
 */
export interface StoryRecord {
  /** Stable id from the path relative to the stories folder: slugified, extension dropped. */
  id: string
  /** Path relative to the stories folder, forward slashes. */
  sourcePath: string
  format: StoryFormat
  title: string
  authors: string[]
  rating: Rating
  fandoms: string[]
  /** Canonical relationships: `A/B` romantic, `A & B` platonic. */
  relationships: string[]
  /** Union of the characters field and the names in relationships. */
  characters: string[]
  warnings: string[]
  /** Category, genre and free-form tags. */
  tags: string[]
  summary: string
  /** The author's notes (header notes and end notes); shown, not searched as story text. */
  notes: string
  series: StorySeries | null
  /** ISO date (`2010-05-17`) or date-time (`2006-01-21T19:20`), or null when the file has none. */
  date: string | null
  /**
   * When the work was last updated (AO3's Updated or Completed, FanFiction.net's Updated, front matter `updated`), in
   * the form of `date`; the same as `date` when the file names no later one, never earlier; null when both are unknown.
   */
  updated: string | null
  /** true/false when the file says so, null when unknown. */
  complete: boolean | null
  /** The story's language, named in English ("Spanish"), as the file declares it or as detected; null when unknown. */
  language: string | null
  /** The chapters in the file, in order; empty for a story in one piece. */
  chapters: StoryChapter[]
  /** How many chapters the work is to have, as the file says (AO3 `3/5` → 5); null when it does not say, or `3/?`. */
  chaptersPlanned: number | null
  /** Words counted in the cleaned body. */
  words: number
  /** Word count the file declares, if any. */
  wordsDeclared: number | null
  readingMinutes: number
  /** The cleaned story text; paragraphs are separated by one blank line. */
  body: string
  /** Header values exactly as written, keyed by the canonical label (`rating`, `relationships`, ...). */
  raw: Record<string, string>
  /** `Label: value` lines with labels we do not know, kept rather than lost. */
  extra: Record<string, string>
}

/** One thing that went wrong with one file, and what the builder did about it. */
export interface BuildProblem {
  file: string
  problem: string
  action: string
  severity: 'warning' | 'error'
}
