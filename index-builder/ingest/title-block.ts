// Old text files often put something before the title: a disclaimer, "This is a repost of…", or a one-line
// introduction ("VOICES by Brenda S. Antrim, a Star Trek: Deep Space Nine story."). This finds the title set
// apart below such a preamble, and what a disclaimer says about whose characters these are.
import { parseDate } from './dates'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { parseLabelLine } from './labels'

/** A title block is near the top: at most this many lines of preamble above it. */
const MAX_PREAMBLE_LINES = 15
const MAX_TITLE_LENGTH = 80
const BYLINE = /^(?:by|written by)\s+(\S.{0,59})$/i
// A name: one to four capitalized words or initials ("Brenda S. Antrim", "Cody Nelson", "kolyaaa" is not one).
const NAME = "\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|de|van|von|la|le)){0,3}"
const INTRO = new RegExp(
  `^(\\S.{0,${MAX_TITLE_LENGTH}}?)\\s+by\\s+(${NAME}),\\s+an?\\s+(.{2,80}?)\\s+(?:story|fic|fanfic|fan fiction|fanfiction|vignette|drabble|piece|tale|songfic)\\b`,
  'u',
)
const CONTACT = /^(?:aka|a\.k\.a\.|e-?mail:?)\s+\S|^<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?$/i
// "Fox Mulder, Dana Scully and "The X-Files" are property of…", "Buffy and Giles belong to Joss Whedon".
const OWNED = /((?:[^.:!?]){3,200}?)\s+(?:are|is)\s+(?:the\s+)?(?:sole\s+)?(?:property|copyright|copyrighted|trademarks?|owned)\b|((?:[^.:!?]){3,200}?)\s+belongs?\s+to\b/i

export interface TitleBlock {
  /** What the block says: title, author, and the date, fandom or contact written with them. */
  header: Header
  /** The lines above the title (or the introduction's paragraph), for the notes. */
  preamble: string[]
  /** Index of the first line of the story. */
  bodyStart: number
}

/**
 * A title and byline set apart below a preamble, or an introduction paragraph that names title and author in
 * one line. Null when the file opens with its title (the text header reads that) or has neither.
 */
export function findTitleBlock(lines: string[]): TitleBlock | null {
  const first = lines.findIndex((line) => line.trim() !== '')
  if (first < 0) return null
  return introParagraph(lines, first) ?? titleBelowPreamble(lines, first)
}

function introParagraph(lines: string[], first: number): TitleBlock | null {
  const m = INTRO.exec(lines[first]!.trim())
  if (!m || !isTitleLike(m[1]!)) return null
  const header = emptyHeader('introduction line ("TITLE by AUTHOR, a FANDOM story")')
  addField(header, 'title', m[1]!.trim())
  addField(header, 'authors', m[2]!.trim())
  addField(header, 'fandoms', m[3]!.replace(/\s+/g, ' ').replace(/ ?: ?/g, ': ').trim())
  let end = first
  while (end < lines.length && lines[end]!.trim() !== '') end++
  return { header, preamble: lines.slice(first, end).map((line) => line.trim()), bodyStart: skipBlank(lines, end) }
}

function titleBelowPreamble(lines: string[], first: number): TitleBlock | null {
  let seen = 0
  for (let i = first; i < lines.length && seen <= MAX_PREAMBLE_LINES; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    seen++
    const byline = BYLINE.exec(line)
    if (!byline || i === first) continue
    const titleAt = previousText(lines, i)
    // Set apart: a blank line above the title, and something above that (else the text header reads it).
    if (titleAt <= first || lines[titleAt - 1]!.trim() !== '' || !isTitleLike(lines[titleAt]!.trim())) continue
    const header = emptyHeader('title and byline set apart below the preamble')
    addField(header, 'title', lines[titleAt]!.trim())
    addField(header, 'authors', byline[1]!.trim())
    let end = i + 1
    for (; end < lines.length && lines[end]!.trim() !== ''; end++) {
      const extra = lines[end]!.trim()
      if (CONTACT.test(extra)) addExtra(header, 'Contact', extra.replace(/^(?:aka|a\.k\.a\.|e-?mail:?)\s+/i, ''))
      else if (parseDate(extra) && header.fields.date === undefined) addField(header, 'date', extra)
      else break
    }
    if (end < lines.length && lines[end]!.trim() !== '') continue
    return { header, preamble: lines.slice(first, titleAt).map((line) => line.trim()).filter(Boolean), bodyStart: skipBlank(lines, end) }
  }
  return null
}

// "Rated PG-13", "approximately PG-13", "Rating: R": a rating written in the preamble's prose.
const PROSE_RATING = /\b(?:rated|rating|approximately|approx\.|about|roughly|a solid|a mild|a light|a soft|a hard|a strong)\s*:?\s*(NC-?17|PG-?13|PG|G|R|X|FR[A-Z0-9]{1,2}|[KTM]\+?|MA)(?=[\s.,;:!)]|$)/i

/** The rating a preamble states in prose, as written; null when it states none. A one-letter code must be a capital ("rated r" is not). */
export function proseRating(text: string): string | null {
  const code = PROSE_RATING.exec(text.replace(/\s+/g, ' '))?.[1]
  return code && (code.length > 1 || /[A-Z]/.test(code)) ? code : null
}

/**
 * What a disclaimer says the story borrows: quoted titles are fandoms, names are characters.
 *
 * @example disclaimerNames('Fox Mulder, Dana Scully and "The X-Files" are property of Chris Carter.')
 *   // { fandoms: ['The X-Files'], characters: ['Fox Mulder', 'Dana Scully'] }
 */
export function disclaimerNames(text: string): { fandoms: string[]; characters: string[] } {
  const fandoms: string[] = []
  const characters: string[] = []
  const m = OWNED.exec(text.replace(/\s+/g, ' '))
  if (!m) return { fandoms, characters }
  const owned = (m[1] ?? m[2]!).replace(/^.*?\b(?:disclaimer|as always|as usual|note)\s*[:-]?\s*/i, '').replace(/^(?:all\s+)?(?:the\s+)?/i, '')
  for (const item of owned.split(/ ?, (?:and )?| and | ?& ?/)) {
    const quoted = /^["“'‘](.+?)["”'’]$/.exec(item.trim())
    if (quoted) fandoms.push(quoted[1]!.trim())
    else if (new RegExp(`^${NAME}$`, 'u').test(item.trim()) && item.trim().split(/\s+/).length >= 2) characters.push(item.trim())
  }
  return { fandoms, characters }
}

function isTitleLike(text: string): boolean {
  const words = text.split(/\s+/)
  return text.length <= MAX_TITLE_LENGTH && words.length <= 12 && /^[\p{Lu}\p{N}"“'‘]/u.test(text) && !/[.,;:]$/.test(text) &&
    parseLabelLine(text) === null
}

function previousText(lines: string[], from: number): number {
  let i = from - 1
  while (i >= 0 && lines[i]!.trim() === '') i--
  // The title is right above the byline, or one blank line above it.
  return i >= 0 && from - i <= 2 ? i : -1
}

function skipBlank(lines: string[], from: number): number {
  let i = from
  while (i < lines.length && lines[i]!.trim() === '') i++
  return i
}
