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
  const join = lineWrapping === 'soft' || isHardWrapped(blocks)
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
  return paragraphs.filter(Boolean).join('\n\n')
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
