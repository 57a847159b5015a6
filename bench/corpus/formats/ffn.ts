// FanFiction.Net-style header: title, `By:` line, summary, and the one-line `Rated: Fiction T - English - ...` stats.

import { ffnName } from '../fandoms'
import { usDate } from '../dates'
import type { Story } from '../make-story'
import { plainBody, withThousands } from './text-parts'

export function renderFfn(story: Story): string {
  const rng = story.rng
  const stats = [`Rated: Fiction ${story.rating}`, 'English', story.genres.join('/')]
  const characters = charactersSegment(story)
  if (characters) stats.push(characters)
  stats.push(`Chapters: ${story.chapters.length}`, `Words: ${withThousands(story.words)}`)
  if (rng.chance(0.3)) {
    // The long form of the line, as the story page shows it.
    stats.push(`Reviews: ${rng.int(200)}`, `Favs: ${rng.int(400)}`, `Follows: ${rng.int(300)}`)
    if (story.chapters.length > 1) stats.push(`Updated: ${usDate(story.updated)}`)
    stats.push(`Published: ${usDate(story.published)}`)
    if (story.complete) stats.push('Status: Complete')
    stats.push(`id: ${1_000_000 + story.index * 7 + rng.int(7)}`)
  } else if (story.complete) {
    stats.push('Complete')
  }
  return `${story.title}\nBy: ${story.author}\n\n${story.summary}\n\n${stats.join(' - ')}\n\n${plainBody(story)}\n`
}

// FFN puts a pairing in brackets ahead of the other characters: `[Wren C., Jasper T.] Odile M.`
function charactersSegment(story: Story): string {
  const pair = story.relationships.find((r) => r.romantic)
  if (pair && story.rng.chance(0.5)) {
    const rest = story.characters.filter((c) => c !== pair.a && c !== pair.b).slice(0, 2)
    return `[${ffnName(pair.a)}, ${ffnName(pair.b)}]${rest.length > 0 ? ` ${rest.map(ffnName).join(', ')}` : ''}`
  }
  return story.characters.slice(0, 4).map(ffnName).join(', ')
}
