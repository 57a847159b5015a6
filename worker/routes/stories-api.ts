// GET /api/stories/:id: a story's metadata and text as JSON.
import { Hono } from 'hono'
import { notFound } from '../lib/errors'
import { loadStory } from '../lib/fragments'
import { isValidStoryId } from '../lib/story-id'

export const storiesApi = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const story = isValidStoryId(id) ? await loadStory(c.env.ASSETS, id) : null
  if (!story) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  return c.json(story)
})
