// A story as a readable page: its metadata, then its text paragraph by paragraph, with the search's words marked.
// Mature and Explicit stories show a content notice first; /story.js remembers a reader's consent.
import type { Child } from 'hono/jsx'
import { findMatches, type MatchTerms } from '../present/highlight-terms'
import type { Neighbours } from '../search/story-neighbours'
import type { StoryRecord } from '../../core/story-record'
import { feedHref, storyHref, storyPath, workStatus, type FilterField } from '../../static/search-url.js'
import { Layout } from './layout'
import { NameLinks } from './name-links'
import { ratingClass, readingTime } from './search-page'
import { seriesPath } from './series-page'

/** Feeds a reader of this story may follow: its authors' new works and its series. */
function storyFeeds(story: StoryRecord): { title: string; href: string }[] {
  const feed = (field: string, value: string) => new URLSearchParams([[field, value]])
  return [
    ...story.authors.map((author) => ({ title: `New works by ${author}`, href: feedHref(feed('author', author)) })),
    ...(story.series ? [{ title: `The series ${story.series.title}`, href: feedHref(feed('series', story.series.title)) }] : []),
  ]
}

/** Ratings behind a content notice, as AO3 does. */
export const ADULT_RATINGS: readonly string[] = ['Mature', 'Explicit']
/** Match anchors listed for readers without JavaScript. */
const LISTED_MATCHES = 20

export interface StoryPageProps {
  story: StoryRecord
  /** The chapter shown, from 1; null for the whole work. */
  chapter: number | null
  query: string
  terms: MatchTerms
  /** Absolute URL of the page without its query string, for canonical and Open Graph tags. */
  canonicalUrl: string
  /** Show the content notice instead of the text. */
  showNotice: boolean
  authorNeighbours: Neighbours
  seriesNeighbours: Neighbours
}

export function StoryPage(props: StoryPageProps) {
  const { story, chapter, query, canonicalUrl, showNotice } = props
  const chapterTitle = chapter === null ? null : story.chapters[chapter - 1]!.title
  const shown = chapter === null ? story.body : story.body.slice(story.chapters[chapter - 1]!.start, story.chapters[chapter]?.start)
  const description = (story.summary || shown).replace(/\s+/g, ' ').slice(0, 200)
  const head = (
    <>
      <link rel="canonical" href={canonicalUrl} />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={story.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={canonicalUrl} />
      <meta property="og:site_name" content="story-search" />
      {story.authors.map((author) => (
        <meta property="article:author" content={author} />
      ))}
      {showNotice ? <meta name="robots" content="noindex" /> : null}
    </>
  )
  return (
    <Layout
      title={`${chapterTitle ? `${chapterTitle} – ` : ''}${story.title} – story-search`}
      description={description}
      query={query}
      head={head}
      scripts={['/story.js']}
      bodyClass="story-page"
      feeds={storyFeeds(story)}
    >
      <article class="story" data-story={story.id} data-title={story.title} data-chapter={chapter ?? ''} data-chapters={story.chapters.length}>
        {query ? (
          <p class="back-link">
            <a href={`/search?q=${encodeURIComponent(query)}`}>← Results for “{query}”</a>
          </p>
        ) : null}
        <StoryHeader story={story} />
        {showNotice ? <ContentNotice story={story} query={query} /> : <StoryBody {...props} />}
      </article>
    </Layout>
  )
}

function StoryHeader({ story }: { story: StoryRecord }) {
  const meta: [string, Child][] = [
    ['Author', filterLinks('author', story.authors)],
    ['Fandom', filterLinks('fandom', story.fandoms)],
    ['Rating', <span class={ratingClass(story.rating)}>{story.rating}</span>],
    ['Warnings', filterLinks('warning', story.warnings)],
    ['Relationships', filterLinks('relationship', story.relationships)],
    ['Characters', filterLinks('character', story.characters)],
    ['Tags', filterLinks('tag', story.tags)],
    ['Language', filterLinks('language', story.language ? [story.language] : [])],
    [
      'Series',
      story.series ? (
        <>
          <a href={seriesPath(story.series.title)}>{story.series.title}</a>
          {story.series.part !== null ? `, part ${story.series.part}` : ''}
        </>
      ) : (
        ''
      ),
    ],
    ['Status', (workStatus(story.complete) ?? '').replace(/^./, (first) => first.toUpperCase())],
    ['Words', story.words.toLocaleString('en-US')],
    ['Reading time', readingTime(story.readingMinutes)],
    ['Date', story.date ? <time datetime={story.date}>{story.date.slice(0, 10)}</time> : ''],
    ['Updated', story.updated && story.updated !== story.date ? <time datetime={story.updated}>{story.updated.slice(0, 10)}</time> : ''],
  ]
  return (
    <header class="story-header">
      <h1>{story.title}</h1>
      <dl class="story-meta">
        {meta
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {story.summary ? (
        <section class="story-summary">
          <h2>Summary</h2>
          <p>{story.summary}</p>
        </section>
      ) : null}
    </header>
  )
}

/** Each value a link to every story that has it; '' when there are none, so the row is left out. */
function filterLinks(field: FilterField, values: string[]): Child {
  return values.length === 0 ? '' : <NameLinks field={field} values={values} separator=", " />
}

function ContentNotice({ story, query }: { story: StoryRecord; query: string }) {
  const proceed = `${storyPath(story.id)}?${new URLSearchParams(query ? { q: query, view_adult: 'true' } : { view_adult: 'true' })}`
  return (
    <section class="content-notice" id="content-notice" aria-labelledby="notice-heading">
      <h2 id="notice-heading">This story may contain adult content</h2>
      <p>
        It is rated <strong>{story.rating}</strong>
        {story.warnings.length ? <>, with these warnings: {story.warnings.join(', ')}</> : null}. Continue only if you want to read it.
      </p>
      <p class="notice-actions">
        <a class="button" id="proceed" href={proceed}>
          Proceed
        </a>
        <a href="/">Back to search</a>
      </p>
      <p class="notice-small">Once you proceed, this browser will not ask again.</p>
    </section>
  )
}

function StoryBody({ story, chapter, query, terms, authorNeighbours, seriesNeighbours }: StoryPageProps) {
  const chapters = story.chapters
  // The text shown: the whole body, or the chapter's part of it. Chapters start at paragraph starts.
  const from = chapter === null ? 0 : chapters[chapter - 1]!.start
  const to = chapter === null || chapter === chapters.length ? story.body.length : chapters[chapter]!.start
  const headingAt = new Map(chapter === null ? chapters.map((c, i) => [c.start, i + 1] as const) : [])
  let count = 0
  let offset = from
  const paragraphs = story.body
    .slice(from, to)
    .trimEnd()
    .split('\n\n')
    .map((paragraph) => {
      const heading = headingAt.get(offset) ?? null
      offset += paragraph.length + 2
      const matches = findMatches(paragraph, terms)
      const first = count + 1
      count += matches.length
      return { paragraph, matches, first, heading }
    })
  const showNotes = story.notes && (chapter === null || chapter === 1)
  return (
    <>
      {chapters.length > 1 ? <ChapterNav story={story} chapter={chapter} query={query} where="top" /> : null}
      {/* Filled by the page script when this browser kept the reader's place in the story. */}
      <p class="reading-place" id="reading-place" hidden></p>
      {showNotes ? (
        <section class="story-notes">
          <h2>Notes</h2>
          {story.notes.split(/\n{2,}/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </section>
      ) : null}
      {query ? <MatchNav count={count} query={query} /> : null}
      <div class="story-text" id="story-text">
        {chapter !== null ? <h2 class="chapter-title">{chapters[chapter - 1]!.title}</h2> : null}
        {paragraphs.map(({ paragraph, matches, first, heading }) => (
          <>
            {heading !== null ? (
              <h2 class="chapter-title" id={`chapter-${heading}`}>
                {chapters[heading - 1]!.title}
              </h2>
            ) : null}
            <p>{matches.length ? <NumberedMarks text={paragraph} matches={matches} first={first} /> : paragraph}</p>
          </>
        ))}
      </div>
      {chapters.length > 1 && chapter !== null ? <ChapterNav story={story} chapter={chapter} query={query} where="bottom" /> : null}
      <p class="story-end" aria-hidden="true">
        ❦
      </p>
      <NeighbourNav label="More by this author" neighbours={authorNeighbours} query="" />
      <NeighbourNav label="In this series" neighbours={seriesNeighbours} query="" />
    </>
  )
}

/**
 * Chapter navigation: previous and next chapter, every chapter by title, and the whole work on one page. Above the
 * text it is the table of contents; below a chapter, the way on.
 */
function ChapterNav({ story, chapter, query, where }: { story: StoryRecord; chapter: number | null; query: string; where: 'top' | 'bottom' }) {
  const href = (n: number | null) => storyHref(storyPath(story.id, n), query)
  const total = story.chapters.length
  return (
    <nav class={`chapter-nav chapter-nav-${where}`} aria-label={where === 'top' ? 'Chapters' : 'Chapter navigation'}>
      <p class="chapter-steps">
        {chapter !== null && chapter > 1 ? (
          <a class="button" href={href(chapter - 1)} rel="prev">
            ← Previous chapter
          </a>
        ) : null}
        <span class="chapter-position">{chapter === null ? `${total} chapters` : `Chapter ${chapter} of ${total}`}</span>
        {chapter === null || chapter < total ? (
          <a class="button" href={href(chapter === null ? 1 : chapter + 1)} rel="next">
            {chapter === null ? 'Read chapter by chapter →' : 'Next chapter →'}
          </a>
        ) : null}
        {chapter !== null ? <a href={href(null)}>Entire work</a> : null}
      </p>
      {where === 'top' ? (
        <details class="chapter-toc" open={chapter === null}>
          <summary>Contents</summary>
          <ol>
            {story.chapters.map((c, i) => (
              <li>
                {chapter === i + 1 ? <span aria-current="page">{c.title}</span> : <a href={chapter === null ? `#chapter-${i + 1}` : href(i + 1)}>{c.title}</a>}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </nav>
  )
}

/** Marks with ids `match-1`, `match-2`… so "next match" works as a plain link. */
function NumberedMarks({ text, matches, first }: { text: string; matches: [number, number][]; first: number }) {
  const pieces: Child[] = []
  let cursor = 0
  matches.forEach(([start, end], i) => {
    if (start > cursor) pieces.push(text.slice(cursor, start))
    pieces.push(
      <mark id={`match-${first + i}`} class="match">
        {text.slice(start, end)}
      </mark>,
    )
    cursor = end
  })
  if (cursor < text.length) pieces.push(text.slice(cursor))
  return <>{pieces}</>
}

function MatchNav({ count, query }: { count: number; query: string }) {
  if (count === 0) {
    return (
      <p class="match-nav" role="note">
        The words of “{query}” are not in the text itself (they matched the title, tags or summary).
      </p>
    )
  }
  const listed = Math.min(count, LISTED_MATCHES)
  return (
    <nav class="match-nav" id="match-nav" aria-label="Matches in this story" data-count={count}>
      <span class="match-count" id="match-status" aria-live="polite">
        {count} {count === 1 ? 'match' : 'matches'} for “{query}”
      </span>
      <a class="button match-first" href="#match-1">
        Jump to first match
      </a>
      <span class="match-steps">
        <a class="button match-step" id="match-prev" href={`#match-${count}`} aria-label="Previous match">
          ↑ Previous
        </a>
        <a class="button match-step" id="match-next" href="#match-1" aria-label="Next match">
          ↓ Next
        </a>
      </span>
      <span class="match-list no-js-only">
        {Array.from({ length: listed }, (_, i) => (
          <a href={`#match-${i + 1}`} aria-label={`Match ${i + 1}`}>
            {i + 1}
          </a>
        ))}
      </span>
    </nav>
  )
}

function NeighbourNav({ label, neighbours, query }: { label: string; neighbours: Neighbours; query: string }) {
  if (!neighbours.previous && !neighbours.next) return null
  return (
    <nav class="neighbours" aria-label={label}>
      <h2>{label}</h2>
      <ul>
        {neighbours.previous ? (
          <li class="neighbour-previous">
            <a href={storyHref(storyPath(neighbours.previous.id), query)} rel="prev">
              ← {neighbours.previous.title}
            </a>
          </li>
        ) : null}
        {neighbours.next ? (
          <li class="neighbour-next">
            <a href={storyHref(storyPath(neighbours.next.id), query)} rel="next">
              {neighbours.next.title} →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
