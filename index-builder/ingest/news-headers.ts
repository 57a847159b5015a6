// Usenet and mailing-list posts: the `Subject:`/`From:` block a saved post opens with, the same block repeated
// before each part of a multi-part post, and the `-- ` signature at the end.
import { readRating } from '../../core/ratings'
import { addExtra, addField, emptyHeader, type Header } from './header'

// RFC 5322 / RFC 5536 field names a saved post carries; a block of them is never story text.
const NEWS_FIELD = /^(subject|from|newsgroups|date|message-id|organization|organisation|lines|path|reply-to|sender|followup-to|references|keywords|summary|approved|distribution|expires|xref|article|nntp-posting-host|nntp-posting-date|mime-version|content-type|content-transfer-encoding|to|cc|x-[\w-]+):\s?(.*)$/i
// Fields that make a block a post's header (a story may well open with "Date: Tuesday"). Inside the text only a
// post's own fields do: a letter or an e-mail in a story has From:, To: and Date: too.
const MARKS_POST = /^(?:subject|from|newsgroups|message-id|path)$/i
const MARKS_POST_INSIDE = /^(?:subject|newsgroups|message-id|path)$/i
const MAX_HEADER_GAP = 1

export interface NewsPost {
  /** What the post's headers say: a fallback under anything the story's own text says. */
  header: Header
  /** The lines with every header block and the signature taken out. */
  lines: string[]
  /** The signature after the `-- ` line, when there is one. */
  signature: string | null
}

/**
 * Takes a post's header blocks out of the text: the one at the top, and each one a multi-part post repeats
 * before its next part. `Subject:` gives the title (without `Re:`, part counters and a trailing
 * description in parentheses), `From:` the author's name (not the address), `Date:` the date.
 */
export function readNewsPost(lines: string[]): NewsPost {
  const header = emptyHeader('post headers (Subject:, From:, Date:)')
  const out: string[] = []
  let first = true
  const top = lines.findIndex((line) => line.trim() !== '')
  for (let i = 0; i < lines.length; ) {
    const block = headerBlockAt(lines, i, i <= top ? MARKS_POST : MARKS_POST_INSIDE)
    if (block === null) {
      out.push(lines[i]!)
      i++
      continue
    }
    if (first) {
      for (const [name, value] of block.fields) addNewsField(header, name, value)
      first = false
    }
    i = block.end
    // A repeated header opens a new part: keep the parts apart as paragraphs.
    if (out.length > 0 && out[out.length - 1]!.trim() !== '') out.push('')
  }
  const { lines: body, signature } = cutSignature(out, !first)
  if (signature && header.fields.authors === undefined) {
    const name = signatureName(signature)
    if (name) addField(header, 'authors', name)
  }
  return { header, lines: body, signature }
}

function headerBlockAt(lines: string[], start: number, marks: RegExp): { fields: [string, string][]; end: number } | null {
  if (start > 0 && lines[start - 1]!.trim() !== '') return null
  const fields: [string, string][] = []
  let i = start
  for (; i < lines.length; i++) {
    const m = NEWS_FIELD.exec(lines[i]!.trimEnd())
    if (m) fields.push([m[1]!.toLowerCase(), m[2]!.trim()])
    else if (fields.length > 0 && /^[ \t]+\S/.test(lines[i]!)) fields[fields.length - 1]![1] += ` ${lines[i]!.trim()}`
    else break
  }
  if (!fields.some(([name]) => marks.test(name))) return null
  // Blank lines after the block belong to it.
  let gap = 0
  while (i < lines.length && lines[i]!.trim() === '' && gap <= MAX_HEADER_GAP) {
    i++
    gap++
  }
  return { fields, end: i }
}

function addNewsField(header: Header, name: string, value: string): void {
  if (value === '') return
  if (name === 'subject') {
    const subject = readSubject(value)
    if (subject.title) addField(header, 'title', subject.title)
    if (subject.part) addField(header, 'part', subject.part)
    if (subject.pairing) addField(header, 'relationships', subject.pairing)
    if (subject.rating) addField(header, 'rating', subject.rating)
    if (subject.description) addExtra(header, 'Subject', subject.description)
  } else if (name === 'from') {
    const author = authorFromAddress(value)
    if (author) addField(header, 'authors', author)
    addExtra(header, 'From', value)
  } else if (name === 'date') {
    // RFC 5322: "Mon, 14 Oct 2002 21:04:11 -0700"; the day as the poster wrote it.
    const day = value.replace(/\s+/g, ' ').replace(/^[A-Za-z]{3}, ?/, '')
    const time = day.search(/ \d{1,2}:\d{2}/)
    addField(header, 'date', time > 0 ? day.slice(0, time) : day)
  }
  else if (name === 'keywords') addField(header, 'tags', value)
  else if (name === 'summary') addField(header, 'summary', value)
  else if (name === 'newsgroups') addExtra(header, 'Newsgroups', value)
}

/**
 * "Re: Voices (A DS/Bashir story)" → title "Voices", description "A DS/Bashir story";
 * "NEW: Tidings (2/5) [Clark/Lana] PG-13" → title "Tidings", part "2", pairing "Clark/Lana", rating "PG-13".
 */
export function readSubject(subject: string): { title: string; part: string | null; description: string | null; pairing: string | null; rating: string | null } {
  let text = subject.replace(/\s+/g, ' ').replace(/^(?:(?:re|fwd?|repost|new|fic|story|part) ?: ?)+/i, '').trim()
  let pairing: string | null = null
  let rating: string | null = null
  // Trailing tags, last first: a rating, a [pairing].
  for (let changed = true; changed; ) {
    changed = false
    const tail = /\s*(?:\[([^[\]]{1,80})\]|\b(NC-?17|PG-?13|PG|R|G|FR[A-Z0-9]{1,2}|[KTM]\+?))\s*$/.exec(text)
    if (!tail || tail.index === 0) break
    const tag = tail[1] ?? tail[2]!
    if (readRating(tag) && rating === null) rating = tag
    else if (/[/&]/.test(tag) && pairing === null) pairing = tag
    else if (tail[1] === undefined) break
    text = text.slice(0, tail.index)
    changed = true
  }
  let part: string | null = null
  const counter = /(?:^|[ ([])(?:part )?(\d{1,3}) ?(?:\/|of) ?(\d{1,3}|\?)[)\]]?$/i.exec(text)
  if (counter && counter.index > 0) {
    part = counter[1]!
    text = trimEndOf(text.slice(0, counter.index), ' ,:;-')
  }
  let description: string | null = null
  const aside = /\s*\(([^()]{1,120})\)\s*$/.exec(text)
  if (aside && aside.index > 0) {
    description = aside[1]!.trim()
    text = text.slice(0, aside.index)
  }
  return { title: text.trim().replace(/^["“]|["”]$/g, ''), part, description, pairing, rating }
}

function trimEndOf(text: string, characters: string): string {
  let end = text.length
  while (end > 0 && characters.includes(text[end - 1]!)) end--
  return text.slice(0, end)
}

/** `cynth@netcom.com (Cynthia Bell)` or `Cynthia Bell <cynth@netcom.com>` → `Cynthia Bell`; null for a bare address. */
export function authorFromAddress(from: string): string | null {
  const comment = /\(([^()@]{2,60})\)/.exec(from)
  if (comment) return comment[1]!.trim()
  const display = /^\s*"?([^"<@]{2,60}?)"?\s*<[^>]+>/.exec(from)
  return display ? display[1]!.trim() : null
}

/**
 * The signature: after a `-- ` line near the end (the Usenet convention), at most a few lines long. A bare `--`
 * is a scene break in a story, so it starts a signature only in a post with headers.
 */
function cutSignature(lines: string[], isPost: boolean): { lines: string[]; signature: string | null } {
  let end = lines.length
  while (end > 0 && lines[end - 1]!.trim() === '') end--
  for (let i = end - 1; i >= Math.max(0, end - 8); i--) {
    if (lines[i] === '-- ' || (isPost && lines[i]!.trim() === '--')) {
      const signature = lines.slice(i + 1, end).join('\n').trim()
      return { lines: lines.slice(0, i), signature: signature || null }
    }
  }
  return { lines, signature: null }
}

// "Cindy Bell        "No one will be seated..."": the name is what comes before the wide gap.
function signatureName(signature: string): string | null {
  const first = signature.split('\n')[0]!.split(/\s{2,}|\t/)[0]!.trim()
  return /^\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]*){1,2}$/u.test(first) ? first : null
}
