// Reads a plain-text story: a post's headers, the header at the top (or a title set apart below a preamble),
// then the story with its surroundings cleaned away.
import { cleanBody, type Block } from './clean-body'
import { addExtra, addField, emptyHeader, sourceOf, type Header } from './header'
import type { CanonicalLabel } from './labels'
import { readNewsPost } from './news-headers'
import { chaptersToBody, type ChapterBlocks, type ChapteredBody } from './paragraphs'
import { readTextHeader } from './plain-text-headers'
import { disclaimerNames, findTitleBlock, proseRating } from './title-block'

export interface ReadStory {
  header: Header
  body: string
  notes: string[]
  /** Where each chapter starts in `body`, for a story in chapters. */
  chapters?: ChapteredBody['chapters']
}

// A heading on a line of its own: "Chapter 3", "CHAPTER THREE: The Bridge", "Part 2 - Home", "Prologue", "Epilogue".
const CHAPTER_HEADING = /^(?:(?:chapter|ch\.|part)\s+(?:\d{1,4}|[ivxlc]{1,8}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b|prologue\b|epilogue\b|interlude\b)/i
const MAX_HEADING_LENGTH = 100

/**
 * @param lineWrapping `soft` when lines inside a paragraph always belong together (Markdown),
 *   `detect` to tell hard-wrapped files from one-paragraph-per-line files.
 * @param header what the file's front matter or page markup says; it wins over what the text says.
 */
export function readPlainText(text: string, lineWrapping: 'detect' | 'soft' = 'detect', header?: Header): ReadStory {
  const post = readNewsPost(text.split('\n'))
  let lines = post.lines
  const titleBlock = findTitleBlock(lines)
  if (titleBlock) lines = lines.slice(titleBlock.bodyStart)
  const found = readTextHeader(lines)
  const cleaned = cleanBody(lines.slice(found.bodyStart))
  const preface = [...(titleBlock ? [titleBlock.preamble.join('\n')] : []), ...cleaned.preface]

  // The preamble's prose says whose characters these are and how strong the story is: the weakest word on both.
  const prose = emptyHeader('disclaimer above the story')
  const names = disclaimerNames(preface.join('\n\n'))
  if (names.fandoms.length > 0) addField(prose, 'fandoms', names.fandoms)
  if (names.characters.length > 0) addField(prose, 'characters', names.characters)
  const rating = proseRating(preface.join('\n\n'))
  if (rating) {
    addField(prose, 'rating', rating)
    prose.sources = { rating: 'rating written in the preamble' }
  }

  const merged = mergeHeaders(header, titleBlock?.header, found.header, post.header, prose)
  if (cleaned.journalTags) addExtra(merged, 'Journal tags', cleaned.journalTags)
  if (post.signature) addExtra(merged, 'Signature', post.signature)
  // An introduction shouts its title ("VOICES by …"); the post's subject writes it as a title.
  const subject = post.header.fields.title
  if (typeof subject === 'string' && typeof merged.fields.title === 'string' && merged.fields.title.toLowerCase() === subject.toLowerCase()) {
    merged.fields.title = subject
  }
  const split = splitChapters(cleaned.blocks)
  const { body, chapters } = chaptersToBody(split.groups, lineWrapping)
  return { header: merged, body, chapters, notes: [...preface, ...split.before, ...cleaned.endNotes] }
}

/** Text above the first of a story's chapter headings up to this long is a note ("Unbeta'd, all mistakes are mine."). */
const MAX_NOTE_ABOVE_CHAPTERS = 600

/**
 * Splits the story at its chapter headings, when it has at least two: each heading becomes its chapter's title and
 * leaves the text. One heading alone is only a heading (a single chapter of a longer work), and stays text. A few
 * lines above the first heading are the author's note (`before`), not a chapter of their own, which the reader
 * would list as a "Chapter 1" before the story's own; more text there is a chapter "Before" the first heading.
 */
function splitChapters(blocks: Block[]): { groups: ChapterBlocks[]; before: string[] } {
  const isHeading = (block: Block) => block.length === 1 && block[0]!.trim().length <= MAX_HEADING_LENGTH && CHAPTER_HEADING.test(block[0]!.trim())
  if (blocks.filter(isHeading).length < 2) return { groups: [{ title: null, blocks }], before: [] }
  const groups: ChapterBlocks[] = [{ title: null, blocks: [] }]
  for (const block of blocks) {
    if (isHeading(block)) groups.push({ title: block[0]!.trim(), blocks: [] })
    else groups[groups.length - 1]!.blocks.push(block)
  }
  const opening = groups[0]!.blocks
  if (opening.flat().join('\n').length <= MAX_NOTE_ABOVE_CHAPTERS) return { groups: groups.slice(1), before: opening.map((block) => block.join('\n')) }
  groups[0]!.title = `Before ${groups[1]!.title}`
  return { groups, before: [] }
}

/** Field by field, the first header that has a value wins. */
function mergeHeaders(...headers: (Header | undefined)[]): Header {
  const merged = emptyHeader('text header')
  merged.sources = {}
  for (const header of headers.reverse()) {
    if (!header) continue
    Object.assign(merged.fields, header.fields)
    Object.assign(merged.extra, header.extra)
    for (const label of Object.keys(header.fields) as CanonicalLabel[]) merged.sources[label] = sourceOf(header, label)
  }
  return merged
}
