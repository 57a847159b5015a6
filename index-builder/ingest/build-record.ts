// Turns what a reader found in a file (header values, story text, notes) into a normalized StoryRecord.
import type { BuildProblem, Rating, StoryFormat, StoryRecord } from '../../worker/lib/story-record'
import { countWords } from '../../worker/lib/text'
import { storyIdFromPath } from '../story-id'
import { parseDate } from './dates'
import { fandomFromPath, titleFromFileName } from './file-name'
import { rawText, type Header } from './header'
import type { CanonicalLabel } from './labels'
import type { IngestOptions } from './options'
import { normalizeRating, normalizeWarnings, splitRatingAndWarnings } from './normalize-rating'
import { parseCharacters, parseRelationships, type AliasTable } from './relationships'
import { resolveSeries } from './series'
import { splitList, uniqueCaseInsensitive } from './split-list'

/** Adult silent reading speed, in words per minute. */
const WORDS_PER_MINUTE = 250

export interface StoryParts {
  sourcePath: string
  format: StoryFormat
  header: Header
  /** Cleaned story text, paragraphs separated by one blank line. */
  body: string
  /** Author's notes found around the story (preface, end notes), in order. */
  notes: string[]
  /** A title the format offers when the header has none (an HTML `<title>`). */
  titleFallback?: string | null
}

// Notes-like header fields, shown with their label in the notes so a reader sees what each is.
const LABELLED_NOTES: [CanonicalLabel, string][] = [
  ['spoilers', 'Spoilers'], ['prompt', 'Prompt'], ['dedication', 'Dedication'], ['disclaimer', 'Disclaimer'],
  ['feedback', 'Feedback'], ['archive', 'Archive'],
]

export function buildRecord(parts: StoryParts, options: IngestOptions, aliases: AliasTable): { record: StoryRecord; problems: BuildProblem[] } {
  const { header, sourcePath } = parts
  const problems: BuildProblem[] = []
  const text = (label: CanonicalLabel): string | null => {
    const value = header.fields[label]
    if (value === undefined) return null
    const joined = rawText(value).trim()
    return joined === '' ? null : joined
  }
  const list = (label: CanonicalLabel, separators = ',;'): string[] => {
    const value = header.fields[label]
    if (value === undefined) return []
    return (Array.isArray(value) ? value : splitList(value, separators)).map((item) => item.trim()).filter(Boolean)
  }

  const title = text('title') ?? parts.titleFallback?.trim() ?? titleFromFileName(sourcePath)

  const ratingText = text('rating')
  const combined = ratingText !== null && header.fields.rating === header.fields.warnings
  const ratingSplit = ratingText ? splitRatingAndWarnings(ratingText) : { rating: null, warnings: [] }
  let rating: Rating = ratingSplit.rating ?? 'Not Rated'
  if (ratingText && !ratingSplit.rating) {
    rating = normalizeRating(ratingText) ?? 'Not Rated'
    if (rating === 'Not Rated' && !/not rated|unrated/i.test(ratingText)) {
      problems.push({ file: sourcePath, problem: `rating "${ratingText}" is not one we know`, action: 'indexed as Not Rated', severity: 'warning' })
    }
  }
  const warnings = combined ? ratingSplit.warnings : normalizeWarnings(text('warnings') ?? '')

  const pairing = header.fields.relationships
  const { relationships, characters: paired } = pairing ? parseRelationships(pairing, aliases) : { relationships: [], characters: [] }
  const characterField = header.fields.characters
  const characters = uniqueCaseInsensitive([...(characterField ? parseCharacters(characterField, aliases) : []), ...paired])

  const fandomList = list('fandoms')
  const folderFandom = fandomFromPath(sourcePath)
  const fandoms = fandomList.length > 0 ? fandomList : folderFandom ? [folderFandom] : options.defaultFandom ? [options.defaultFandom] : []

  const tags = uniqueCaseInsensitive([...list('category'), ...list('genre').flatMap(splitGenres), ...list('tags')])

  const dateText = text('date')
  const date = dateText ? parseDate(firstDate(dateText)) : null
  if (dateText && !date) {
    problems.push({ file: sourcePath, problem: `date "${dateText}" is not a date we can read`, action: 'kept it as written and left the date empty', severity: 'warning' })
  }

  const words = countWords(parts.body)
  const record: StoryRecord = {
    id: storyIdFromPath(sourcePath),
    sourcePath,
    format: parts.format,
    title,
    authors: uniqueCaseInsensitive(list('authors').flatMap((author) => author.split(/\s+(?:and|&)\s+/i)).map(trimAuthor).filter(Boolean)),
    rating,
    fandoms: uniqueCaseInsensitive(fandoms),
    relationships,
    characters,
    warnings: uniqueCaseInsensitive(warnings),
    tags,
    summary: text('summary') ?? '',
    notes: composeNotes(header, parts.notes),
    series: resolveSeries({ series: text('series') ?? undefined, part: text('part') ?? undefined, title }),
    date,
    complete: completeness(text('status'), text('chapters')),
    words,
    wordsDeclared: parseCount(text('words')),
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
    body: parts.body,
    raw: Object.fromEntries(Object.entries(header.fields).map(([label, value]) => [label, rawText(value)])),
    extra: { ...header.extra },
  }
  return { record, problems }
}

function composeNotes(header: Header, found: string[]): string {
  const notes: string[] = []
  const own = header.fields.notes
  if (own !== undefined) notes.push(rawText(own))
  for (const [label, display] of LABELLED_NOTES) {
    const value = header.fields[label]
    if (value !== undefined) notes.push(`${display}: ${rawText(value)}`)
  }
  notes.push(...found)
  return notes.map((note) => note.trim()).filter(Boolean).join('\n\n')
}

// Genres are written "Romance/Drama", but Hurt/Comfort is one genre.
function splitGenres(genre: string): string[] {
  return genre
    .replace(/hurt\s*\/\s*comfort/gi, 'Hurt\u0000Comfort')
    .split('/')
    .map((item) => item.replace('\u0000', '/').trim())
    .filter(Boolean)
}

// "Posted May 3, 2010; updated June 1" — the first date is the one the story was posted.
function firstDate(text: string): string {
  return text.split(/\n|;|\s+\|\s+|\s*\(/)[0]!.trim()
}

const COMPLETE = /^(?:complete|completed|finished|done|yes|y|true|one-?shot|oneshot)\b/i
const INCOMPLETE = /^(?:incomplete|in progress|in-progress|wip|work in progress|ongoing|unfinished|no|n|false|abandoned|on hiatus|hiatus)\b/i

function completeness(status: string | null, chapters: string | null): boolean | null {
  if (status) {
    if (COMPLETE.test(status)) return true
    if (INCOMPLETE.test(status)) return false
  }
  // AO3 writes chapters as "3/3" (done) or "2/?" (in progress).
  const m = chapters ? /^(\d+)\s*\/\s*(\d+|\?)/.exec(chapters) : null
  if (m) return m[2] !== '?' && m[1] === m[2]
  return null
}

/** "4,512", "595", "approx. 1.200 words" → a number; null when there is none. */
function parseCount(text: string | null): number | null {
  if (!text) return null
  const m = /\d[\d,.\s]{0,15}/.exec(text)
  if (!m) return null
  const digits = m[0].trim().replace(/[,\s]/g, '').replace(/\.(?=\d{3}(?:\D|$))/g, '')
  const value = Number.parseInt(digits, 10)
  return Number.isFinite(value) ? value : null
}

function trimAuthor(author: string): string {
  return author.replace(/^by\s+/i, '').trim()
}
