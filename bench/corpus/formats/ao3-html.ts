// AO3-style HTML download: title heading, author link, a <dl class="tags"> of metadata, summary, chapters.

import { fullName } from '../fandoms'
import { isoDate } from '../dates'
import type { Story } from '../make-story'
import { relationshipLabel, withThousands } from './text-parts'

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function tagLinks(values: string[]): string {
  return values.map((v) => `<a class="tag" href="https://archiveofourown.org/tags/${encodeURIComponent(v)}/works">${escapeHtml(v)}</a>`).join(', ')
}

export function renderAo3Html(story: Story): string {
  const chapters = story.chapters.length
  const stats = [`Published: ${isoDate(story.published)}`]
  if (chapters > 1) stats.push(`${story.complete ? 'Completed' : 'Updated'}: ${isoDate(story.updated)}`)
  stats.push(`Words: ${withThousands(story.words)}`, `Chapters: ${chapters}/${story.complete ? chapters : '?'}`)

  const rows: [string, string][] = [
    ['Rating', tagLinks([story.rating])],
    ['Archive Warning', tagLinks(story.warnings)],
    ['Fandom', tagLinks([story.fandom.name])],
  ]
  if (story.relationships.length > 0) rows.push(['Relationship', tagLinks(story.relationships.map((r) => relationshipLabel(r)))])
  if (story.characters.length > 0) rows.push(['Character', tagLinks(story.characters.map(fullName))])
  if (story.tags.length > 0) rows.push(['Additional Tags', tagLinks(story.tags)])
  rows.push(['Stats', escapeHtml(stats.join(' '))])

  const user = encodeURIComponent(story.author.replace(/\s+/g, '_'))
  const out = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<title>${escapeHtml(story.title)} - ${escapeHtml(story.fandom.name)} [Archive of Our Own]</title>`,
    '</head>',
    '<body>',
    '<div id="preface">',
    `<h2 class="title heading">${escapeHtml(story.title)}</h2>`,
    `<h3 class="byline heading">by <a rel="author" href="https://archiveofourown.org/users/${user}/pseuds/${user}">${escapeHtml(story.author)}</a></h3>`,
    '<dl class="tags">',
    ...rows.map(([label, value]) => `<dt>${label}:</dt>\n<dd>${value}</dd>`),
    '</dl>',
    '<h3 class="heading">Summary</h3>',
    `<blockquote class="userstuff summary"><p>${escapeHtml(story.summary)}</p></blockquote>`,
  ]
  if (story.notes) out.push('<h3 class="heading">Notes</h3>', `<blockquote class="userstuff notes"><p>${escapeHtml(story.notes)}</p></blockquote>`)
  out.push('</div>', '<div id="chapters" class="userstuff">')
  story.chapters.forEach((paragraphs, c) => {
    if (chapters > 1) out.push(`<h3 class="heading">Chapter ${c + 1}</h3>`)
    for (const p of paragraphs) out.push(`<p>${escapeHtml(p)}</p>`)
  })
  out.push('</div>', '</body>', '</html>', '')
  return out.join('\n')
}
