// GET /api/stories/:id: a story's metadata and text as JSON.
import { Hono } from 'hono'
import { notFound } from '../lib/errors'
import { findStory } from '../lib/index-loader'
import { isValidStoryId } from '../lib/story-id'

export const storiesApi = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const found = isValidStoryId(id) ? await findStory(c.env.ASSETS, id) : null
  if (!found) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  return c.json(found.story)
})
