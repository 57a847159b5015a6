// Atom feeds of a search: the stories it finds, most recently updated first, for a reader's feed reader.
// Written by the `feed` package (maintained, used widely) so escaping and the elements Atom requires are its job.
import { Feed } from 'feed'
import { activeChips, feedHref, feedParams, quotedQuery, searchHref } from '../../static/search-url.js'
import type { SearchHit } from './run-search'

const SITE_NAME = 'story-search'

/** Entries in a feed: what a feed reader shows as new at once, newest first. */
export const FEED_ENTRIES = 30

/** The feed's title from what the search asks for: `“kiss” · Fandom: Smallville`, or the whole archive. */
export function feedTitle(params: URLSearchParams): string {
  const q = params.get('q')?.trim()
  const parts = [...(q ? [quotedQuery(q)] : []), ...activeChips(params).map((chip) => chip.label)]
  return parts.length > 0 ? `Stories: ${parts.join(' · ')}` : 'New and updated stories'
}

/**
 * A date the archive holds (`2010-05-17`, `2010-05`, `2006-01-21T19:20`) as a time: midnight UTC, the first of a
 * month or year when that is all the file says.
 */
export function atomDate(date: string): Date {
  const [day = date, time] = date.split('T')
  const [year, month = '01', dayOfMonth = '01'] = day.split('-')
  const parsed = new Date(`${year}-${month}-${dayOfMonth}T${time ? (time.length === 5 ? `${time}:00` : time) : '00:00:00'}Z`)
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed
}

/** The feed package marks entry titles and summaries as HTML: a story's plain text is escaped to stay text ("Love <3"). */
function asHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export interface FeedInput {
  origin: string
  /** The search's parameters (what the page /search?… shows). */
  params: URLSearchParams
  hits: readonly SearchHit[]
  /** When the index was built: the date of stories that name none, and of a feed with no stories. */
  builtAt: string
}

/** The Atom document. A story's entry id is its page's address, so an update shows as the same entry, newer. */
export function atomFeed({ origin, params, hits, builtAt }: FeedInput): string {
  const built = new Date(builtAt)
  const updatedOf = (hit: SearchHit) => (hit.updated ? atomDate(hit.updated) : built)
  const search = feedParams(params)
  const feed = new Feed({
    id: `${origin}${feedHref(search)}`,
    title: `${feedTitle(search)} – ${SITE_NAME}`,
    link: `${origin}${searchHref(search)}`,
    feedLinks: { atom: `${origin}${feedHref(search)}` },
    updated: hits.length > 0 ? new Date(Math.max(...hits.map((hit) => updatedOf(hit).getTime()))) : built,
    author: { name: SITE_NAME, link: origin },
    generator: 'story-search',
    favicon: `${origin}/favicon.svg`,
    copyright: 'Each story belongs to its authors.',
  })
  // Newest first by the time each entry carries: an undated story carries the build's, when it was last seen new.
  const ordered = [...hits].sort((a, b) => updatedOf(b).getTime() - updatedOf(a).getTime())
  for (const hit of ordered) {
    const url = `${origin}${hit.url}`
    const facts = [hit.rating, `${hit.words.toLocaleString('en-US')} words`, hit.chapterCount > 1 ? `${hit.chapterCount} chapters` : null, hit.complete === false ? 'in progress' : hit.complete ? 'complete' : null]
    feed.addItem({
      id: url,
      link: url,
      title: asHtml(hit.title),
      date: updatedOf(hit),
      ...(hit.date ? { published: atomDate(hit.date) } : {}),
      description: [facts.filter(Boolean).join(' · '), [...hit.fandoms, ...hit.relationships].join(' · '), hit.summary]
        .filter(Boolean)
        .map((paragraph) => `<p>${asHtml(paragraph)}</p>`)
        .join(''),
      author: hit.authors.length > 0 ? hit.authors.map((name) => ({ name, link: `${origin}${searchHref(new URLSearchParams({ author: name }))}` })) : [{ name: 'Unknown author' }],
      category: [
        ...hit.fandoms.map((term) => ({ term, scheme: `${origin}/browse/fandoms` })),
        ...hit.relationships.map((term) => ({ term, scheme: `${origin}/browse/relationships` })),
        ...hit.characters.map((term) => ({ term, scheme: `${origin}/browse/characters` })),
      ],
    })
  }
  return feed.atom1()
}
