// GET /stories/:id: one story as a readable page, its search words marked, with previous/next by author and series.
import { Hono } from 'hono'
import { notFound } from '../lib/errors'
import { matchTermsOf } from '../lib/highlight-terms'
import { findStory } from '../lib/index-loader'
import { MAX_QUERY_LENGTH } from '../lib/search-params'
import { authorNeighbours, seriesNeighbours } from '../lib/story-neighbours'
import { isValidStoryId } from '../lib/story-id'
import { storiesByAuthorsOf } from '../lib/story-list'
import { ADULT_RATINGS, StoryPage } from '../views/story-page'

export const storyPages = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const found = isValidStoryId(id) ? await findStory(c.env.ASSETS, id) : null
  if (!found) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  const { index, shortId, story } = found
  const query = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH)
  const showNotice = ADULT_RATINGS.includes(story.rating) && c.req.query('view_adult') !== 'true'
  // Previous and next by the same author, and in the same series among them: all from the story table.
  const sameAuthor = storiesByAuthorsOf(index.table, shortId)
  const byAuthor = authorNeighbours(sameAuthor, story)
  const bySeries = showNotice || !story.series ? { previous: null, next: null } : seriesNeighbours(sameAuthor, story)
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
