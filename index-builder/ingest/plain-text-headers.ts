// Reads the header at the top of a plain-text story: `Label: value` lines, an unlabelled title, a byline, a date, FFN's `Rated:` line.
import { parseDate } from './dates'
import { parseFfnLine, type FfnFields } from './ffn-line'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { parseLabelLine, type CanonicalLabel } from './labels'

/** A header is near the top; past this many lines everything is story. */
const SCAN_LIMIT = 80
/** A longer line is prose, never a header line (and keeps hostile lines away from the label regexes). */
const MAX_HEADER_LINE = 2000
const MAX_TITLE_LENGTH = 80
const MAX_TITLE_WORDS = 12

const SEPARATOR = /^(?:-{2,}|\*{3,}|~{3,}|_{3,}|={3,}|(?:[*~-] ){2,}[*~-])$/
const BYLINE = /^(?:by|written by)\s+(\S.{0,59})$/i
const STRUCTURAL_HEADING = /^(?:chapter|part|prologue|epilogue|the end)\b/i

export interface TextHeader {
  header: Header
  /** Index of the first line after the header. */
  bodyStart: number
}

/** True for a line that only separates (`---`, `***`, `~~~`, `--`, `* * *`). */
export function isSeparator(line: string): boolean {
  return SEPARATOR.test(line.trim())
}

/**
 * Reads the header block. It ends at the first line of story text or at a separator. When a
 * separator closes a block of labels, every line before it is header, so a summary that runs onto
 * a second line stays in the summary. Lines above a block of labels (a journal's heading, a date)
 * are header too; the ones that are neither title, byline nor date are kept as `extra.Preamble`.
 */
export function readTextHeader(lines: string[]): TextHeader {
  const header = emptyHeader('text header (Label: value lines, title, byline)')
  const separatorAt = separatorClosingLabels(lines)
  const end = separatorAt >= 0 ? separatorAt : Math.min(lines.length, SCAN_LIMIT)
  const preamble: string[] = []
  let titleCandidate: string | null = null
  let onlyMetaSoFar = true
  let seenLabel = false
  let lastLabel: { canonical: CanonicalLabel | null; label: string } | null = null
  let i = 0
  for (; i < end; i++) {
    const line = lines[i]!.trim()
    if (line === '') {
      if (separatorAt < 0) lastLabel = null
      continue
    }
    if (line.length > MAX_HEADER_LINE) break
    if (isSeparator(line)) {
      if (seenLabel || titleCandidate !== null || !onlyMetaSoFar) {
        i++
        break
      }
      continue
    }
    const ffn = parseFfnLine(line)
    if (ffn) {
      addFfnFields(header, ffn)
      seenLabel = true
      continue
    }
    const labelLine = parseLabelLine(line)
    if (labelLine && (labelLine.canonical.length > 0 || seenLabel || separatorAt >= 0)) {
      if (labelLine.canonical.length === 0) addExtra(header, labelLine.label, labelLine.value)
      for (const canonical of labelLine.canonical) addField(header, canonical, labelLine.value)
      seenLabel = true
      lastLabel = { canonical: labelLine.canonical[0] ?? null, label: labelLine.label }
      continue
    }
    const date = parseDate(line)
    if (date && header.fields.date === undefined) {
      addField(header, 'date', line)
      continue
    }
    const byline = BYLINE.exec(line)
    if (byline && header.fields.authors === undefined) {
      addField(header, 'authors', byline[1]!)
      continue
    }
    if (separatorAt >= 0 && lastLabel) {
      // A value that runs onto more lines, inside a header a separator closes.
      if (lastLabel.canonical) appendToField(header, lastLabel.canonical, line)
      else addExtra(header, lastLabel.label, line)
      continue
    }
    if (!seenLabel) {
      if (onlyMetaSoFar && titleCandidate === null && isTitleCandidate(line, lines[i + 1])) {
        titleCandidate = line
        continue
      }
      if (separatorAt >= 0 || labelBlockAhead(lines, i + 1)) {
        preamble.push(line)
        onlyMetaSoFar = false
        continue
      }
    }
    // A FanFiction.Net page copied as text: title, byline, the summary, then its `Rated:` line.
    const ffnAt = (titleCandidate !== null || header.fields.authors !== undefined) && header.fields.summary === undefined ? ffnLineAfterSummary(lines, i) : -1
    if (ffnAt >= 0) {
      addField(header, 'summary', lines.slice(i, ffnAt).map((summaryLine) => summaryLine.trim()).filter(Boolean).join(' '))
      // The loop reads the Rated: line next.
      i = ffnAt - 1
      continue
    }
    break
  }
  if (separatorAt >= 0 && i === separatorAt) i++
  if (titleCandidate !== null) {
    if (header.fields.title === undefined) addField(header, 'title', titleCandidate)
    else preamble.unshift(titleCandidate)
  }
  if (preamble.length > 0) addExtra(header, 'Preamble', preamble.join('\n'))
  return { header, bodyStart: i }
}

function appendToField(header: Header, label: CanonicalLabel, line: string): void {
  const existing = header.fields[label]
  if (typeof existing === 'string') header.fields[label] = `${existing} ${line}`
  else addField(header, label, line)
}

/**
 * The index of a separator that closes a header, or -1. It must follow at least one known label,
 * and the lines between labels must be few, so a scene break far into an unlabelled story never
 * turns its opening into a header.
 */
function separatorClosingLabels(lines: string[]): number {
  let labels = 0
  let others = 0
  const limit = Math.min(lines.length, SCAN_LIMIT)
  for (let i = 0; i < limit; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    if (line.length > MAX_HEADER_LINE) return -1
    if (isSeparator(line)) {
      if (labels > 0 || others > 0) return labels > 0 && others <= Math.min(8, labels + 2) ? i : -1
      continue
    }
    const label = parseLabelLine(line)
    if ((label && label.canonical.length > 0) || parseFfnLine(line)) labels++
    else others++
  }
  return -1
}

/** Lines a summary above an FFN `Rated:` line may take. */
const MAX_SUMMARY_LINES = 6

/**
 * Where an FFN `Rated:` line follows a short summary that starts at `from`, or -1: the summary is a few lines of
 * prose, with no label, separator or chapter heading among them.
 */
function ffnLineAfterSummary(lines: string[], from: number): number {
  let summaryLines = 0
  for (let i = from; i < Math.min(lines.length, SCAN_LIMIT); i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    if (line.length > MAX_HEADER_LINE) return -1
    if (parseFfnLine(line)) return summaryLines > 0 ? i : -1
    if (++summaryLines > MAX_SUMMARY_LINES || isSeparator(line) || STRUCTURAL_HEADING.test(line) || parseLabelLine(line)?.canonical.length) return -1
  }
  return -1
}

/** True when a block of two or more known labels starts within the next few lines (dates and bylines skipped). */
function labelBlockAhead(lines: string[], from: number): boolean {
  let looked = 0
  let labels = 0
  for (let i = from; i < lines.length && looked < 6; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    if (line.length > MAX_HEADER_LINE) return false
    looked++
    const label = parseLabelLine(line)
    if (label && label.canonical.length > 0) {
      if (++labels >= 2) return true
      continue
    }
    if (labels > 0) return false
    if (parseDate(line) || BYLINE.test(line)) continue
  }
  return false
}

// A title is a short line standing alone: followed by a blank line, a date, a byline or nothing.
function isTitleCandidate(line: string, next: string | undefined): boolean {
  if (line.length > MAX_TITLE_LENGTH || line.split(/\s+/).length > MAX_TITLE_WORDS) return false
  if (/[.,;:]$/.test(line) || /^["“'‘(\[]/.test(line) || STRUCTURAL_HEADING.test(line)) return false
  const after = next?.trim() ?? ''
  if (after === '' || after.length > MAX_HEADER_LINE) return true
  return parseDate(after) !== null || BYLINE.test(after) || parseLabelLine(after)?.canonical[0] === 'authors'
}

/** Adds what FanFiction.Net's `Rated:` line says to a header. */
export function addFfnFields(header: Header, ffn: FfnFields): void {
  addField(header, 'rating', ffn.rating)
  if (ffn.language) addField(header, 'language', ffn.language)
  if (ffn.genres.length > 0) addField(header, 'genre', ffn.genres)
  if (ffn.characters) {
    // FFN puts a pairing in brackets: "[Clark K., Lana L.] Lex L.".
    const pairings = [...ffn.characters.matchAll(/\[([^\]]{1,200})\]/g)].map((m) => m[1]!.split(/\s*,\s*/).join('/'))
    if (pairings.length > 0) addField(header, 'relationships', pairings)
    addField(header, 'characters', ffn.characters.replace(/\[/g, '').replace(/\]/g, ','))
  }
  if (ffn.chapters) addField(header, 'chapters', ffn.chapters)
  if (ffn.words) addField(header, 'words', ffn.words)
  if (ffn.complete) addField(header, 'status', 'Complete')
  for (const [key, value] of Object.entries(ffn.other)) {
    if (/^published$/i.test(key)) addField(header, 'date', value)
    else if (/^updated$/i.test(key)) addField(header, 'updated', value)
    else addExtra(header, key, value)
  }
}
