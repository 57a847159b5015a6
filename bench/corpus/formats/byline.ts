// Byline header: `by NAME` (under a title line or alone), then perhaps a note, then the story.

import type { Story } from '../make-story'
import { plainBody } from './text-parts'

export function renderByline(story: Story): string {
  const rng = story.rng
  const byline = `${rng.chance(0.85) ? 'by' : 'By'} ${story.author}`
  const header = rng.chance(0.7) ? `${story.title}\n${byline}` : byline
  const note = story.notes && rng.chance(0.4) ? `${story.notes}\n\n` : ''
  return `${header}\n\n${note}${plainBody(story)}\n`
}
