// Atom feeds (RFC 4287) of a search: the stories it finds, most recently updated first, for a reader's feed reader.
// Written here rather than by a feed package: the document is a handful of elements, and the one package tried
// (`feed` 6.0.0) left "<" unescaped in attribute values and passed control characters through, so a tag like
// "Love <3" made the whole feed invalid XML. One escape function for every value keeps each feed well-formed.
import { activeChips, feedHref, feedParams, quotedQuery, searchHref, workStatus } from '../../static/search-url.js'
import type { SearchHit } from '../present/answer-search'
import { escapeXml } from './site-files'

const SITE_NAME = 'story-search'

/** Entries in a feed: what a feed reader shows as new at once, newest first. */
export const FEED_ENTRIES = 30

/** The time an undated story carries: Atom requires one, and a fixed one never marks the story updated again. */
const UNKNOWN_TIME = '1970-01-01T00:00:00.000Z'

// Characters XML 1.0 does not allow in a document, whatever the escaping: C0 controls but tab and newlines, lone
// surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text as XML character data or an attribute value. */
export function xmlText(text: string): string {
  return escapeXml(text.replace(NOT_XML, ''))
}

/** The feed's title from what the search asks for: `“kiss” · Fandom: Smallville`, or the whole archive. */
export function feedTitle(params: URLSearchParams): string {
  const q = params.get('q')?.trim()
  const parts = [...(q ? [quotedQuery(q)] : []), ...activeChips(params).map((chip) => chip.label)]
  return parts.length > 0 ? `Stories: ${parts.join(' · ')}` : 'New and updated stories'
}

/**
 * A date the archive holds (`2010-05-17`, `2010-05`, `2006-01-21T19:20`) as an Atom time: midnight UTC, the first
 * of a month or year when that is all the file says.
 */
export function atomTime(date: string): string {
  const [day = date, time] = date.split('T')
  const [year, month = '01', dayOfMonth = '01'] = day.split('-')
  const parsed = new Date(`${year}-${month}-${dayOfMonth}T${time ? (time.length === 5 ? `${time}:00` : time) : '00:00:00'}Z`)
  return Number.isNaN(parsed.getTime()) ? UNKNOWN_TIME : parsed.toISOString()
}

export interface FeedInput {
  origin: string
  /** The search's parameters (what the page /search?… shows). */
  params: URLSearchParams
  /** The search's stories, most recently updated first (undated last). */
  hits: readonly SearchHit[]
  /** When the index was built: the feed's own time when none of its stories is dated. */
  builtAt: string
}

const element = (name: string, text: string, attributes = '') => `<${name}${attributes}>${xmlText(text)}</${name}>`
const link = (rel: string, type: string, href: string) => `<link rel="${rel}" type="${type}" href="${xmlText(href)}"/>`

/** The Atom document. A story's entry id is its page's address, so an update shows as the same entry, newer. */
export function atomFeed({ origin, params, hits, builtAt }: FeedInput): string {
  const search = feedParams(params)
  const self = `${origin}${feedHref(search)}`
  const times = hits.map((hit) => (hit.updated ? atomTime(hit.updated) : UNKNOWN_TIME))
  const dated = times.filter((time) => time !== UNKNOWN_TIME)
  const entries = hits.map((hit, i) => {
    const url = `${origin}${hit.url}`
    const facts = [hit.rating, `${hit.words.toLocaleString('en-US')} words`, hit.chapterCount > 1 ? `${hit.chapterCount} chapters` : null, workStatus(hit.complete)]
    // Categories name the browse list each value is found in.
    const categories = (
      [
        ['fandoms', hit.fandoms],
        ['relationships', hit.relationships],
        ['characters', hit.characters],
      ] as const
    ).flatMap(([kind, values]) => values.map((value) => `<category term="${xmlText(value)}" scheme="${xmlText(`${origin}/browse/${kind}`)}"/>`))
    const authors = hit.authors.length > 0 ? hit.authors.map((name) => `<author>${element('name', name)}${element('uri', `${origin}${searchHref(new URLSearchParams([['author', name]]))}`)}</author>`) : [`<author>${element('name', 'Unknown author')}</author>`]
    const summary = [facts.filter(Boolean).join(' · '), [...hit.fandoms, ...hit.relationships].join(' · '), hit.summary].filter(Boolean).join('\n\n')
    return [
      '<entry>',
      element('id', url),
      element('title', hit.title, ' type="text"'),
      link('alternate', 'text/html', url),
      element('updated', times[i]!),
      ...(hit.date ? [element('published', atomTime(hit.date))] : []),
      ...authors,
      ...categories,
      element('summary', summary, ' type="text"'),
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', self),
    element('title', `${feedTitle(search)} – ${SITE_NAME}`, ' type="text"'),
    element('updated', dated.length > 0 ? dated.reduce((a, b) => (a > b ? a : b)) : new Date(builtAt).toISOString()),
    link('alternate', 'text/html', `${origin}${searchHref(search)}`),
    link('self', 'application/atom+xml', self),
    `<author>${element('name', SITE_NAME)}${element('uri', `${origin}/`)}</author>`,
    element('generator', SITE_NAME),
    element('icon', `${origin}/favicon.svg`),
    element('rights', 'Each story belongs to its authors.'),
    ...entries,
    '</feed>',
    '',
  ].join('\n')
}
