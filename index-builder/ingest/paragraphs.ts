// Turns blocks of lines into paragraphs: hard-wrapped text is rejoined, one-line-per-paragraph text is kept apart.
import type { Block } from './clean-body'

/** Lines wrapped by an editor or mail program end near a fixed column, and none run past it. */
const WRAP_MIN = 55
const WRAP_MAX = 90

/**
 * Joins paragraphs with one blank line. Within a block, lines are one paragraph when the file is
 * hard-wrapped (or the format says lines wrap, as Markdown does); otherwise each line is its own
 * paragraph, as in files that put one paragraph per line without blank lines between them.
 * An indented line always starts a new paragraph.
 */
export function blocksToBody(blocks: Block[], lineWrapping: 'detect' | 'soft'): string {
  return chaptersToBody([{ title: null, blocks }], lineWrapping).body
}

/** A chapter as a reader found it: its heading (null when the file gives none) and its text. */
export interface ChapterBlocks {
  title: string | null
  blocks: Block[]
}

export interface ChapteredBody {
  body: string
  /** Where each chapter starts in `body`; empty for a story in one piece. */
  chapters: { title: string | null; start: number }[]
}

/** The chapters' paragraphs as one body, and where each chapter starts in it. Wrapping is judged over the whole story. */
export function chaptersToBody(groups: ChapterBlocks[], lineWrapping: 'detect' | 'soft'): ChapteredBody {
  const join = lineWrapping === 'soft' || isHardWrapped(groups.flatMap((group) => group.blocks))
  let body = ''
  const chapters: ChapteredBody['chapters'] = []
  for (const group of groups) {
    const text = paragraphsOf(group.blocks, join).join('\n\n')
    if (text === '') continue
    if (body !== '') body += '\n\n'
    chapters.push({ title: group.title, start: body.length })
    body += text
  }
  return { body, chapters: chapters.length > 1 ? chapters : [] }
}

function paragraphsOf(blocks: Block[], join: boolean): string[] {
  const paragraphs: string[] = []
  for (const block of blocks) {
    if (!join) {
      for (const line of block) paragraphs.push(tidy(line))
      continue
    }
    let current: string[] = []
    for (const [index, line] of block.entries()) {
      if (index > 0 && /^\s/.test(line) && current.length > 0) {
        paragraphs.push(tidy(current.join(' ')))
        current = []
      }
      current.push(line.trim())
    }
    if (current.length > 0) paragraphs.push(tidy(current.join(' ')))
  }
  return paragraphs.filter(Boolean)
}

/** Splits any text into blocks at blank lines. */
export function textToBlocks(text: string): Block[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((block) => block.length > 0)
}

function isHardWrapped(blocks: Block[]): boolean {
  let wrapped = 0
  let multiLineBlocks = 0
  for (const block of blocks) {
    if (block.length > 1) multiLineBlocks++
    for (const line of block) {
      const length = line.trim().length
      if (length > WRAP_MAX) return false
      if (length >= WRAP_MIN) wrapped++
    }
  }
  return multiLineBlocks > 0 && wrapped >= 3
}

function tidy(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, ' ').trim()
}
