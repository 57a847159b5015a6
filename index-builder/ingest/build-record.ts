// Turns what a reader found in a file (header values, story text, notes) into a normalized StoryRecord.
import { readingMinutes, type BuildProblem, type Rating, type StoryFormat, type StoryRecord } from '../../core/story-record'
import { countWords } from '../../core/text'
import { storyIdFromPath } from '../../core/story-id'
import { latestDate, parseDate } from './dates'
import { fandomFromPath, isMachineName, titleFromFileName } from './file-name'
import { rawText, sourceOf, type Header } from './header'
import type { CanonicalLabel } from './labels'
import type { IngestOptions } from './options'
import { detectLanguage, readLanguage } from './language'
import { normalizeRating, normalizeWarnings, splitRatingAndWarnings } from './normalize-rating'
import { parseCharacters, parseRelationships, withStoryCharacters, type AliasTable } from './relationships'
import { resolveSeries } from './series'
import { splitList, uniqueCaseInsensitive } from './split-list'

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
  /** Where each chapter starts in `body`, for a story in chapters. */
  chapters?: { title: string | null; start: number }[]
}

/** Longest value a build problem quotes from a file: enough to find it there, not a screenful of a mangled header. */
const QUOTED_MAX = 80

/** A value from the file, as a build problem quotes it: on one line, and cut short (with "…") past QUOTED_MAX characters. */
export function quoted(value: string): string {
  const characters = Array.from(value.replace(/\s+/g, ' ').trim())
  return `"${characters.length > QUOTED_MAX ? `${characters.slice(0, QUOTED_MAX - 1).join('')}…` : characters.join('')}"`
}

// Notes-like header fields, shown with their label in the notes so a reader sees what each is.
const LABELLED_NOTES: [CanonicalLabel, string][] = [
  ['spoilers', 'Spoilers'], ['prompt', 'Prompt'], ['dedication', 'Dedication'], ['disclaimer', 'Disclaimer'],
  ['feedback', 'Feedback'], ['archive', 'Archive'],
]

/** Which rule found each field, for `npm run inspect`. */
export type Provenance = Partial<Record<keyof StoryRecord, string>>

export function buildRecord(parts: StoryParts, options: IngestOptions, aliases: AliasTable): { record: StoryRecord; problems: BuildProblem[]; provenance: Provenance } {
  const { header, sourcePath } = parts
  const problems: BuildProblem[] = []
  const provenance: Provenance = {}
  const found = (field: keyof StoryRecord, label: CanonicalLabel) => {
    if (header.fields[label] !== undefined) provenance[field] = sourceOf(header, label)
  }
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

  const title = pickTitle(parts, text('title'), provenance)
  if (provenance.title === 'file name' || provenance.title === 'first sentence of the story') {
    problems.push({ file: sourcePath, problem: 'no title in the file', action: `titled it ${quoted(title)} from the ${provenance.title}`, severity: 'warning' })
  }

  const ratingText = text('rating')
  const combined = ratingText !== null && header.fields.rating === header.fields.warnings
  const ratingSplit = ratingText ? splitRatingAndWarnings(ratingText) : { rating: null, warnings: [] }
  let rating: Rating = ratingSplit.rating ?? 'Not Rated'
  if (ratingText && !ratingSplit.rating) {
    rating = normalizeRating(ratingText) ?? 'Not Rated'
    if (rating === 'Not Rated' && !/not rated|unrated/i.test(ratingText)) {
      problems.push({ file: sourcePath, problem: `rating ${quoted(ratingText)} is not one we know`, action: 'indexed as Not Rated', severity: 'warning' })
    }
  }
  const warnings = combined ? ratingSplit.warnings : normalizeWarnings(text('warnings') ?? '')

  const characterField = header.fields.characters
  const named = characterField ? parseCharacters(characterField, aliases) : []
  const pairing = header.fields.relationships
  const { relationships, characters: paired } = pairing
    ? parseRelationships(pairing, withStoryCharacters(aliases, named))
    : { relationships: [], characters: [] }
  const characters = uniqueCaseInsensitive([...named, ...paired])

  const fandomList = list('fandoms')
  const folderFandom = fandomFromPath(sourcePath)
  const fandoms = fandomList.length > 0 ? fandomList : folderFandom ? [folderFandom] : options.defaultFandom ? [options.defaultFandom] : []

  const tags = uniqueCaseInsensitive([...list('category'), ...list('genre').flatMap(splitGenres), ...list('tags')])

  const readDate = (label: 'date' | 'updated', name: string): string | null => {
    const written = text(label)
    const date = written ? parseDate(firstDate(written)) : null
    if (written && !date) {
      problems.push({ file: sourcePath, problem: `${name} ${quoted(written)} is not a date we can read`, action: `kept it as written and left the ${name} empty`, severity: 'warning' })
    }
    return date
  }
  const date = readDate('date', 'date')
  // A work is last updated no earlier than it was posted: without a later update (or with one dated earlier, a slip)
  // its last update is its posting.
  const updated = latestDate([date, readDate('updated', 'updated date')])

  for (const [field, label] of [['title', 'title'], ['authors', 'authors'], ['rating', 'rating'], ['warnings', 'warnings'], ['relationships', 'relationships'],
    ['characters', 'characters'], ['summary', 'summary'], ['series', 'series'], ['date', 'date'], ['updated', 'updated'], ['complete', 'status'],
    ['tags', 'tags'], ['language', 'language']] as const) {
    found(field, label)
  }
  if (provenance.complete === undefined) found('complete', 'chapters')
  if (provenance.characters === undefined) found('characters', 'relationships')
  if (updated !== null && updated === date) found('updated', 'date')
  if (fandomList.length > 0) found('fandoms', 'fandoms')
  else if (fandoms.length > 0) provenance.fandoms = folderFandom ? 'the folder the file is in' : 'archive.yml defaultFandom'
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
    updated,
    complete: completeness(text('status'), text('chapters')),
    language: pickLanguage(text('language'), parts.body, provenance),
    chapters: (parts.chapters ?? []).map((chapter, i) => ({ title: chapter.title ?? `Chapter ${i + 1}`, start: chapter.start })),
    chaptersPlanned: plannedChapters(text('chapters')),
    words,
    wordsDeclared: parseCount(text('words')),
    readingMinutes: readingMinutes(words),
    body: parts.body,
    raw: Object.fromEntries(Object.entries(header.fields).map(([label, value]) => [label, rawText(value)])),
    extra: { ...header.extra },
  }
  if (record.authors.length === 0) {
    problems.push({ file: sourcePath, problem: 'no author in the file', action: 'listed without an author', severity: 'warning' })
  }
  return { record, problems, provenance }
}

const MAX_TITLE_LENGTH = 80


/**
 * The header's title; else the page's title, a chapter heading the text opens with, the file name when a person
 * chose it, and the story's first sentence; never a hash.
 */
function pickTitle(parts: StoryParts, fromHeader: string | null, provenance: Provenance): string {
  const candidates: [string | null | undefined, string][] = [
    [fromHeader, ''],
    [parts.titleFallback?.trim(), "page's <title>"],
    [headingTitle(parts.body), 'chapter heading the text opens with'],
    [isMachineName(parts.sourcePath) ? null : titleFromFileName(parts.sourcePath), 'file name'],
    [firstLineTitle(parts.body), 'first sentence of the story'],
  ]
  for (const [title, rule] of candidates) {
    if (!title) continue
    if (rule) provenance.title = rule
    return title
  }
  provenance.title = 'file name'
  return titleFromFileName(parts.sourcePath)
}

/** A chapter heading the text opens with ("CHAPTER 105. Does the Whale's Magnitude Diminish?"), as the title. */
function headingTitle(body: string): string | null {
  const first = body.split('\n\n', 1)[0]!.trim()
  if (first.length > MAX_TITLE_LENGTH || first.includes('\n')) return null
  return /^(?:chapter|part|book|prologue|epilogue|interlude)\b/i.test(first) ? first : null
}

/** The story's first sentence, or its first words, as the title of a file that names nothing better. */
function firstLineTitle(body: string): string | null {
  const line = body.trim().split('\n')[0]?.trim() ?? ''
  if (line === '') return null
  const sentence = /^.{12,}?[.!?…](?=\s|$)/u.exec(line.slice(0, MAX_TITLE_LENGTH))?.[0]
  if (sentence) return sentence
  if (line.length <= 60) return line
  const cut = line.slice(0, 60)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : 60)}…`
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

// "Posted May 3, 2010; updated June 1" — the first date is the one the label names.
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

/** The language the file declares, else the one its text is in. */
function pickLanguage(declared: string | null, body: string, provenance: Provenance): string | null {
  const named = declared ? readLanguage(declared) : null
  if (named) return named
  // A language the file names that Intl does not know (AO3 has Klingon) is kept as written.
  if (declared && /^\p{L}[\p{L} ]{1,30}$/u.test(declared.trim())) return declared.trim()
  const detected = detectLanguage(body)
  if (detected) provenance.language = 'detected from the text (franc)'
  return detected
}

/** AO3's "2/5" and FFN's "20" → 5 and 20; "2/?" → null. */
/** Chapters posted, as the file says (AO3 `3/5` and FanFiction.net `Chapters: 3` → 3); null when it does not say. */
export function postedChapters(chapters: string | null): number | null {
  const m = chapters ? /^(\d{1,5})(?:\s*\/\s*(?:\d{1,5}|\?))?/.exec(chapters) : null
  return m ? Number(m[1]) : null
}

function plannedChapters(chapters: string | null): number | null {
  const m = chapters ? /^(\d{1,5})(?:\s*\/\s*(\d{1,5}|\?))?/.exec(chapters) : null
  if (!m) return null
  const planned = m[2] === undefined ? m[1]! : m[2]
  return planned === '?' ? null : Number(planned)
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
