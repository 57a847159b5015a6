// GET /stories/:id: one story as a readable page, its search words marked, with previous/next by author and series.
import { Hono } from 'hono'
import { notFound } from '../lib/errors'
import { loadStory } from '../lib/fragments'
import { matchTermsOf } from '../lib/highlight-terms'
import { MAX_QUERY_LENGTH } from '../lib/search-params'
import { getSearchIndex } from '../lib/search-index'
import { authorNeighbours, seriesNeighbours, type Neighbours, type SeriesMember } from '../lib/story-neighbours'
import { isValidStoryId } from '../lib/story-id'
import { listStories } from '../lib/story-list'
import type { StoryRecord } from '../lib/story-record'
import { ADULT_RATINGS, StoryPage } from '../views/story-page'

/** Stories by the same author whose fragments are read to find series neighbours (series are not in the index). */
const MAX_SERIES_CANDIDATES = 40

export const storyPages = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const story = isValidStoryId(id) ? await loadStory(c.env.ASSETS, id) : null
  if (!story) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  const query = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH)
  const showNotice = ADULT_RATINGS.includes(story.rating) && c.req.query('view_adult') !== 'true'
  const stories = listStories(await getSearchIndex())
  const byAuthor = authorNeighbours(stories, story)
  const bySeries = showNotice ? { previous: null, next: null } : await findSeriesNeighbours(c.env.ASSETS, stories, story)
  const url = new URL(c.req.url)
  return c.html(
    <StoryPage
      story={story}
      query={query}
      terms={matchTermsOf(query)}
      canonicalUrl={`${url.origin}/stories/${encodeURIComponent(story.id)}`}
      showNotice={showNotice}
      authorNeighbours={byAuthor}
      seriesNeighbours={bySeries}
    />,
  )
})

async function findSeriesNeighbours(assets: Fetcher, stories: ReturnType<typeof listStories>, story: StoryRecord): Promise<Neighbours> {
  if (!story.series || story.authors.length === 0) return { previous: null, next: null }
  const authors = new Set(story.authors)
  const candidates = stories.filter((other) => other.id !== story.id && other.authors.some((author) => authors.has(author))).slice(0, MAX_SERIES_CANDIDATES)
  const loaded = await Promise.all(candidates.map((other) => loadStory(assets, other.id).catch(() => null)))
  const members: SeriesMember[] = loaded.filter((other): other is StoryRecord => other !== null)
  return seriesNeighbours(members, story)
}
