// Separates the story from what surrounds it in a file: author's notes, blog chrome, reader comments, archive footers.
import { isSeparator } from './plain-text-headers'

/** Lines separated by blank lines, as in the file (indentation kept; it tells comments from story). */
export type Block = string[]

export interface CleanedBody {
  blocks: Block[]
  /** Author's notes before the story, in order. */
  preface: string[]
  /** Author's notes after the story, in order. */
  endNotes: string[]
  /** A blog's tag line (`symphony, fic`), kept but not indexed as story text. */
  journalTags: string | null
}

/** Only this many opening lines are looked at for a preface: a note sits right above the story. */
const PREFACE_LINES = 4
/** Preface and footer lines are short; longer ones are story. */
const MAX_NOTE_LENGTH = 400

const PREFACE_NOTE = [
  /^(?:a\/n|author'?s'? ?notes?|notes?)\s*[:\-–]/i,
  /^spoilers?\b(?:\s*:|\s+(?:for|through|up to|to)\b)/i,
  /^(?:disclaimer|warnings?)\s*:/i,
  /^disclaimer\b/i,
  /^(?:this (?:was|is) )?written (?:for|as)\b/i,
  /^dedicated to\b/i,
  /^beta(?:'?d)? by\b/i,
  /^thanks to\b.{0,80}\bfor\b.{0,40}\bbeta/i,
]

const END_NOTE = [/^(?:a\/n|an|author'?s'? ?notes?|end ?notes?|notes?|p\.?s\.?)\s*[:\-–]/i, /^thank(?:s| you) (?:so much )?for reading\b/i]

const FOOTER = [
  /\b(?:send|leave|give|welcome|appreciated?|love|crave|please)\b.{0,60}\bfeedback\b/i,
  /\bfeedback\b.{0,60}\b(?:welcome|appreciated|please|is love)\b/i,
  /^feedback\s*(?:to|at|:)/i,
  /\bwhy not join\b/i,
  /\b(?:mailing|all-fic|fic|yahoo) list\b/i,
  /\brecords room\b/i,
  /^(?:return|go back|back) to (?:the )?(?:archive|index|main|top|stories|fic|story|home)\b/i,
  /^(?:originally |cross-?)?(?:archived|posted) (?:at|on|to) \S/i,
  /\b(?:reviews?|comments?|kudos)\b.{0,30}\b(?:are|is)\s+(?:love|welcome|appreciated|loved)\b/i,
  /^(?:please\s+)?(?:r\s*(?:&|and)\s*r|review|comment)\s*(?:please)?[!.]*$/i,
  /^(?:https?:\/\/|www\.)\S+$/i,
  /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/,
]

const JOURNAL_CHROME = [
  /^(?:«\s*)?(?:previous|prev\.?|older)\s+(?:post|entry)\b/i,
  /^(?:next|newer)\s+(?:post|entry)\b/i,
  /^(?:share this|like this|tell a friend|add to memories|leave a comment|post a comment|add a comment|reply|link|flag|edit|tags?)\s*:?$/i,
  /^\d+\s+comments?(?:\s*\|.*)?$/i,
]

const COMMENTS_HEADING = /^(?:\d+\s+)?(?:comments?|responses?|reader comments|replies)\s*:?$/i
const FIRST_NUMBERED_COMMENT = /^\s+1[.)]\s+\S/
const INDENTED = /^(?:\s{2,}|\t)\S/

/**
 * Splits the lines after the header into story blocks and the notes around them. Cuts only what is
 * plainly not story: chrome and footers are matched one short paragraph at a time from the end, and
 * reader comments only as an indented numbered list (or under a "Comments" heading) that runs to the
 * end of the file.
 */
export function cleanBody(lines: string[]): CleanedBody {
  const blocks = toBlocks(lines)
  const endNotes: string[] = []
  let journalTags: string | null = null
  let sawChrome = false

  for (let changed = true; changed && blocks.length > 0; ) {
    changed = false
    const last = blocks[blocks.length - 1]!
    const lastLine = last[last.length - 1]!.trim()
    const text = last.map((line) => line.trim()).join(' ')
    if (lastLine.length <= MAX_NOTE_LENGTH && JOURNAL_CHROME.some((re) => re.test(lastLine))) {
      dropLastLine(blocks)
      sawChrome = true
      changed = true
    } else if (sawChrome && journalTags === null && isTagLine(lastLine)) {
      journalTags = lastLine
      dropLastLine(blocks)
      changed = true
    } else if (isSeparator(lastLine)) {
      dropLastLine(blocks)
      changed = true
    } else if (dropTrailingComments(blocks)) {
      changed = true
    } else if (text.length <= MAX_NOTE_LENGTH && FOOTER.some((re) => re.test(text))) {
      blocks.pop()
      changed = true
    } else if (last.length > 1 && lastLine.length <= MAX_NOTE_LENGTH && FOOTER.some((re) => re.test(lastLine))) {
      // A footer written right under the story or another footer line, with no blank line between.
      dropLastLine(blocks)
      changed = true
    } else if (text.length <= MAX_NOTE_LENGTH * 4 && END_NOTE.some((re) => re.test(text))) {
      endNotes.unshift(last.map((line) => line.trim()).join('\n'))
      blocks.pop()
      changed = true
    }
  }
  endNotes.unshift(...cutAtEndMarker(blocks))
  // The preface is looked for after the end has been cleaned, so a short story's end note is not
  // mistaken for a note at its top.
  const rest = blocks.flatMap((block) => [...block, ''])
  const preface = takePreface(rest)
  const story = toBlocks(rest)
  while (story.length > 0 && isSeparator(story[0]![0]!)) dropFirstLine(story)
  return { blocks: story, preface, endNotes, journalTags }
}

// "The End", "*The End*", "~The End~", "THE END?", "FINI", "Fin": what is left once the decoration is gone.
const END_MARKER = /^(?:the end|fin|fini|finis|finito|owari|ende|fim)$/i
// "Fine" (Italian, as in music) and "End" are words too: only bare, with no full stop after them.
const BARE_END_MARKER = /^(?:fine|end)$/i
const END_MARKER_DECORATION = /[\s*~=_#\-–—.!?()[\]<>{}|:]+/g
/** An end marker sits near the end: after it, only notes and greetings. */
const END_MARKER_BLOCKS = 6

/**
 * Cuts the story at an end marker among its last blocks; what follows it is returned as end notes. The marker
 * must close its paragraph, so "the end of the road" never cuts anything.
 */
function cutAtEndMarker(blocks: Block[]): string[] {
  for (let i = blocks.length - 1; i >= Math.max(1, blocks.length - END_MARKER_BLOCKS); i--) {
    const block = blocks[i]!
    const last = block[block.length - 1]!.trim()
    if (last.length > 80 || !isEndMarker(last)) continue
    const after = blocks.splice(i + 1).map((b) => b.map((line) => line.trim()).join('\n'))
    dropLastLine(blocks)
    return after
  }
  return []
}

function isEndMarker(line: string): boolean {
  const bare = line.replace(END_MARKER_DECORATION, ' ').trim()
  return END_MARKER.test(bare) || (BARE_END_MARKER.test(bare) && !/\.\s*$/.test(line))
}

/**
 * Removes the author's preface from the top: the opening lines up to the last one that reads as a
 * note ("Spoilers for ...", "Written for the ... challenge"), so the line before "Spoilers for" in
 * a file with no header ("Just a brief little thing...") goes with it.
 */
function takePreface(lines: string[]): string[] {
  while (lines.length > 0 && (lines[0]!.trim() === '' || isSeparator(lines[0]!))) lines.shift()
  const opening: number[] = []
  for (let i = 0; i < lines.length && opening.length < PREFACE_LINES; i++) if (lines[i]!.trim() !== '') opening.push(i)
  let lastNote = -1
  for (const index of opening) {
    const line = lines[index]!.trim()
    if (line.length > MAX_NOTE_LENGTH) break
    if (PREFACE_NOTE.some((re) => re.test(line))) lastNote = index
  }
  // A note needs story under it; a file that is all notes keeps them as its text.
  if (lastNote < 0 || !lines.slice(lastNote + 1).some((line) => line.trim() !== '' && !isSeparator(line))) return []
  const preface = lines.splice(0, lastNote + 1).map((line) => line.trim()).filter(Boolean)
  while (lines.length > 0 && (lines[0]!.trim() === '' || isSeparator(lines[0]!))) lines.shift()
  return preface
}

/** Drops reader comments at the end: an indented list numbered from 1, or everything under a "Comments" heading. */
function dropTrailingComments(blocks: Block[]): boolean {
  let start = blocks.length
  while (start > 0 && blocks[start - 1]!.every((line) => INDENTED.test(line))) start--
  if (start < blocks.length && FIRST_NUMBERED_COMMENT.test(blocks[start]![0]!)) {
    blocks.splice(start)
    return true
  }
  // A heading only counts in the second half, so a story that opens on the word "Comments" is safe.
  for (let i = Math.ceil(blocks.length / 2); i < blocks.length; i++) {
    if (COMMENTS_HEADING.test(blocks[i]![0]!.trim()) && blocks[i]!.length === 1 && i > 0) {
      blocks.splice(i)
      return true
    }
  }
  return false
}

// A blog's tag line: a few short lower-case items separated by commas, no sentence punctuation.
function isTagLine(line: string): boolean {
  if (line.length > 120 || /[.!?"“”]$/.test(line)) return false
  const items = line.split(',').map((item) => item.trim())
  return items.length >= 2 && items.every((item) => item !== '' && item.split(/\s+/).length <= 3 && !/^\p{Lu}\p{Ll}+\s+\p{Ll}+/u.test(item))
}

function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let current: Block = []
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push(current)
      current = []
    } else current.push(line.trimEnd())
  }
  if (current.length > 0) blocks.push(current)
  return blocks
}

function dropLastLine(blocks: Block[]): void {
  const last = blocks[blocks.length - 1]!
  last.pop()
  if (last.length === 0) blocks.pop()
}

function dropFirstLine(blocks: Block[]): void {
  blocks[0]!.shift()
  if (blocks[0]!.length === 0) blocks.shift()
}
