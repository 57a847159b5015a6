// Story ids: made by the builder from file paths, so story URLs survive rebuilds; checked by the Worker, so anything
// else is answered 404 without touching storage.

/**
 * Turns a path relative to the stories folder into an id: each folder and the file name
 * (extension dropped) slugified, joined by `--`.
 *
 * @example storyIdFromPath('Smallville/Healing (v2).txt') // 'smallville--healing-v2'
 */
export function storyIdFromPath(relativePath: string): string {
  const segments = relativePath.split(/[\\/]+/).filter(Boolean)
  const last = segments.length - 1
  if (last >= 0) segments[last] = segments[last]!.replace(/\.[^.]*$/, '')
  const slug = segments.map(slugify).filter(Boolean).join('--')
  return slug || 'story'
}

function slugify(segment: string): string {
  return segment
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** What storyIdFromPath makes, with an optional `-N` the builder adds for duplicates. */
const STORY_ID = /^[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$/

export const MAX_STORY_ID_LENGTH = 200

export function isValidStoryId(id: string): boolean {
  return id.length <= MAX_STORY_ID_LENGTH && STORY_ID.test(id)
}
