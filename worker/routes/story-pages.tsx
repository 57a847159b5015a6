// GET /stories/:id: one story as a readable page.
import { Hono } from 'hono'
import { notFound } from '../lib/errors'
import { loadStory } from '../lib/fragments'
import { isValidStoryId } from '../lib/story-id'
import { StoryPage } from '../views/story-page'

export const storyPages = new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
  const id = c.req.param('id')
  const story = isValidStoryId(id) ? await loadStory(c.env.ASSETS, id) : null
  if (!story) throw notFound(`no story with id "${id.slice(0, 200)}"`)
  return c.html(<StoryPage story={story} query={(c.req.query('q') ?? '').slice(0, 500)} />)
})
