// Pieces every format renderer shares: relationship labels, thousands separators, the plain-text body.

import { type Character, fullName } from '../fandoms'
import type { Relationship, Story } from '../make-story'

/** `Wren Calloway/Jasper Thorne` (romantic) or `Wren Calloway & Jasper Thorne` (platonic), in the given name style. */
export function relationshipLabel(r: Relationship, name: (c: Character) => string = fullName): string {
  return `${name(r.a)}${r.romantic ? '/' : ' & '}${name(r.b)}`
}

/** `4,512`: written out by hand so the output never depends on the machine's locale. */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Chapters as plain text: paragraphs separated by blank lines, `<prefix>Chapter N` before each chapter of a long story. */
export function plainBody(story: Story, headingPrefix = ''): string {
  const multi = story.chapters.length > 1
  const blocks: string[] = []
  story.chapters.forEach((paragraphs, c) => {
    if (multi) blocks.push(`${headingPrefix}Chapter ${c + 1}`)
    blocks.push(...paragraphs)
  })
  return blocks.join('\n\n')
}
