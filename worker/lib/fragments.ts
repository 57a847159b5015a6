// Loads story fragments (full text and metadata) from the static assets, only for stories being shown.
import { fragmentPath, SCHEMA_VERSION, type StoryFragment } from './index-contract'
import type { StoryRecord } from './story-record'

/** Fragments kept per isolate; enough for a page of results and the stories being read. */
const CACHE_SIZE = 256

// Loaded fragments, not promises of them: a promise started by one request and awaited by another can never settle
// for the second once the first has ended, and the runtime cancels it as hung. Two requests that want the same story
// at the same moment each fetch it.
const cache = new Map<string, StoryRecord | null>()

/** The story with this id, or null when there is no such fragment. */
export async function loadStory(assets: Fetcher, id: string): Promise<StoryRecord | null> {
  if (cache.has(id)) {
    const cached = cache.get(id)!
    // Refresh its place so the most recently used stay.
    cache.delete(id)
    cache.set(id, cached)
    return cached
  }
  const story = await fetchStory(assets, id)
  cache.set(id, story)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return story
}

async function fetchStory(assets: Fetcher, id: string): Promise<StoryRecord | null> {
  // The host is ignored by the assets binding; only the path matters.
  const response = await assets.fetch(new Request(`https://assets.invalid${fragmentPath(id)}`))
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`fragment for "${id}" answered ${response.status}`)
  let fragment: StoryFragment
  try {
    fragment = (await response.json()) as StoryFragment
  } catch {
    // Name the story: a bare "Unexpected end of JSON input" in the logs does not say which fragment to rebuild.
    throw new Error(`fragment for "${id}" is not valid JSON; rebuild the index (npm run build:index)`)
  }
  if (fragment.schemaVersion !== SCHEMA_VERSION || fragment.story?.id !== id) {
    throw new Error(`fragment for "${id}" does not match this index; rebuild the index (npm run build:index)`)
  }
  return fragment.story
}
