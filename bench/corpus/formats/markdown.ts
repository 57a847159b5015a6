// Markdown with YAML front matter (title, author, rating, fandom, relationships, characters, tags, date, summary).

import { fullName } from '../fandoms'
import { isoDate } from '../dates'
import type { Story } from '../make-story'
import { plainBody, relationshipLabel } from './text-parts'

// JSON strings are valid YAML double-quoted scalars, so titles with colons or quotes need no special care.
const quote = (value: string) => JSON.stringify(value)

function list(key: string, values: string[]): string {
  return values.length === 0 ? `${key}: []` : `${key}:\n${values.map((v) => `  - ${quote(v)}`).join('\n')}`
}

export function renderMarkdown(story: Story): string {
  const front = [
    `title: ${quote(story.title)}`,
    `author: ${quote(story.author)}`,
    `rating: ${quote(story.rating)}`,
    `fandom: ${quote(story.fandom.name)}`,
    list('relationships', story.relationships.map((r) => relationshipLabel(r))),
    list('characters', story.characters.map(fullName)),
    list('tags', story.tags),
    `date: ${isoDate(story.published)}`,
    `summary: ${quote(story.summary)}`,
  ]
  const heading = story.rng.chance(0.5) ? `# ${story.title}\n\n` : ''
  return `---\n${front.join('\n')}\n---\n\n${heading}${plainBody(story, '## ')}\n`
}
