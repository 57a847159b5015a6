// GET /api/stories/:id: a story's metadata and text as JSON.
import { Hono } from 'hono'
import { notFound } from '../errors'
import { findStory } from '../index/index-loader'
import { isValidStoryId } from '../../core/story-id'

export const storiesApi = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const found = isValidStoryId(id) ? await findStory(c.env.ASSETS, id) : null
  if (!found) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  return c.json(found.story)
})
