// What a story id may look like; anything else is answered 404 without touching storage.

/** Ids are slugs joined by `--` (see index-builder/story-id.ts), with an optional `-N` for duplicates. */
const STORY_ID = /^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/

export const MAX_STORY_ID_LENGTH = 200

export function isValidStoryId(id: string): boolean {
  return id.length <= MAX_STORY_ID_LENGTH && STORY_ID.test(id)
}
