// Bare header: a title line and a date line (`May 17, 2010`), in either order, as journal posts were saved.

import { journalDate, longDate } from '../dates'
import type { Story } from '../make-story'
import { plainBody } from './text-parts'

export function renderTitleDate(story: Story): string {
  const rng = story.rng
  const date = rng.chance(0.75) ? longDate(story.published) : journalDate(story.published)
  const header = rng.chance(0.5) ? `${story.title}\n\n${date}` : `${date}\n\n${story.title}`
  return `${header}\n\n${plainBody(story)}\n`
}
