// eFiction-style header: `Label: value` lines, then a `---` line, then the story.

import { shortName } from '../fandoms'
import { isoDate, longDate, usDate } from '../dates'
import type { Story } from '../make-story'
import { plainBody, relationshipLabel, withThousands } from './text-parts'

export function renderEfiction(story: Story): string {
  const rng = story.rng
  const lines: [string, string][] = [
    ['Title', story.title],
    ['Author', story.author],
    ['Rating', story.rating],
  ]
  if (story.relationships.length > 0) lines.push(['Pairing', story.relationships.map((r) => relationshipLabel(r, shortName)).join(', ')])
  if (story.characters.length > 0 && rng.chance(0.6)) lines.push(['Characters', story.characters.map(shortName).join(', ')])
  lines.push(['Fandom', story.fandom.name])
  lines.push(['Summary', story.summary])
  if (rng.chance(0.5)) lines.push(['Warnings', story.warnings.join(', ')])
  if (rng.chance(0.7)) lines.push(['Word Count', rng.chance(0.5) ? String(story.words) : withThousands(story.words)])
  if (rng.chance(0.8)) lines.push(['Date', rng.pick([isoDate, longDate, usDate])(story.published)])
  if (story.notes && rng.chance(0.6)) lines.push(['Notes', story.notes])
  // Hand-made headers often leave a blank line between labels, and some archives end them with *** or ~~~.
  const gap = rng.chance(0.3) ? '\n\n' : '\n'
  const rule = rng.pick(['---', '---', '---', '---', '---', '---', '***', '~~~'])
  return `${lines.map(([label, value]) => `${label}: ${value}`).join(gap)}\n\n${rule}\n\n${plainBody(story)}\n`
}
