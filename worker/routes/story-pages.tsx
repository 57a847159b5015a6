// GET /stories/:id (the whole work) and /stories/:id/chapters/:n: a story as a readable page, its search words marked,
// with its chapters, and previous/next by author and series.
import { Hono, type Context } from 'hono'
import { notFound } from '../errors'
import { matchTermsOf } from '../present/highlight-terms'
import { parseQuery } from '../query/query-parser'
import { typoNeighbours } from '../search/search'
import { findStory } from '../index/index-loader'
import { MAX_QUERY_LENGTH } from '../query/search-params'
import { authorNeighbours, seriesNeighbours } from '../search/story-neighbours'
import { isValidStoryId } from '../../core/story-id'
import { storyPath } from '../../static/search-url.js'
import { storiesByAuthorsOf } from '../search/story-list'
import { ADULT_RATINGS, StoryPage } from '../views/story-page'

export const storyPages = new Hono<{ Bindings: Env }>()
  .get('/:id', (c) => storyPage(c, null))
  .get('/:id/chapters/:n', (c) => {
    const n = c.req.param('n')
    if (!/^[1-9]\d{0,4}$/.test(n)) throw notFound(`no chapter "${n.slice(0, 20)}"`)
    return storyPage(c, Number(n))
  })

/** The whole work (chapter null), or one of its chapters, with the reader's search words marked. */
async function storyPage(c: Context<{ Bindings: Env }>, chapter: number | null) {
  const id = c.req.param('id')!
  const found = isValidStoryId(id) ? await findStory(c.env.ASSETS, id) : null
  if (!found) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  const { index, shortId, story } = found
  if (chapter !== null && chapter > story.chapters.length) throw notFound(`"${story.title.slice(0, 200)}" has no chapter ${chapter}`)
  const query = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH)
  const showNotice = ADULT_RATINGS.includes(story.rating) && c.req.query('view_adult') !== 'true'
  // Previous and next by the same author, and in the same series among them: all from the story table.
  const sameAuthor = storiesByAuthorsOf(index.table, shortId)
  const byAuthor = authorNeighbours(sameAuthor, story)
  const bySeries = showNotice || !story.series ? { previous: null, next: null } : seriesNeighbours(sameAuthor, story)
  const { root } = parseQuery(query)
  const meant = await typoNeighbours(index, root)
  const url = new URL(c.req.url)
  return c.html(
    <StoryPage
      story={story}
      chapter={chapter}
      query={query}
      terms={matchTermsOf(root, story.language, meant)}
      canonicalUrl={`${url.origin}${storyPath(story.id, chapter)}`}
      showNotice={showNotice}
      authorNeighbours={byAuthor}
      seriesNeighbours={bySeries}
    />,
  )
}
