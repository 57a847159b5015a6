// A patch instead of a build: when few stories changed since the last build, the pieces holding them are rewritten
// and the rest kept.
import { readFile } from 'node:fs/promises'
import { parseIndexDirectory, type IndexDirectory } from '../core/index-contract'
import { BuildCache, type BuildManifest } from './build-cache'
import type { StoryChange } from './update-index'
import { loadRecord, type ScannedStory } from './scan-archive'

/**
 * Past this many changed stories (at least `floor`, else this share of the archive, at most `stories`), a patch would
 * touch most pages anyway: build from scratch.
 */
const MAX_UPDATE = { floor: 20, share: 0.05, stories: 200 }
/**
 * A new story takes the short id after the highest in use, so the slots removed stories left below it stay free (the
 * story table keeps them empty); past this share (and this many) free slots, build from scratch, which numbers anew.
 */
const MAX_FREE_SLOTS = { share: 0.25, slots: 20 }
/**
 * A patch keeps the text packs it does not touch: removed stories leave them part empty, and an archive grown a build
 * at a time keeps the smaller packs of its smaller days (pack size grows with the archive). A build from scratch fills
 * every pack but the last; past this many packs per pack their bytes fill, build from scratch, else the files only grow.
 */
const MAX_PACK_SPREAD = 1.5

/**
 * What changed since the last build, when few enough stories did for a patch: each changed story with its old and
 * new record, and every story's short id (kept; a new story gets one after all the others). Null: build from scratch.
 * `packBytes`: the text pack size this build cuts at.
 */
export async function planUpdate(
  previous: BuildManifest,
  stories: ScannedStory[],
  cache: BuildCache,
  indexFile: string,
  packBytes: number,
): Promise<{ directory: IndexDirectory; changes: StoryChange[]; shortIds: Map<string, number> } | null> {
  let directory: IndexDirectory
  try {
    directory = parseIndexDirectory(await readFile(indexFile, 'utf8'))
  } catch {
    return null
  }
  if (directory.contentHash !== previous.contentHash) return null
  const packedBytes = directory.packs.bytes.reduce((sum, bytes) => sum + bytes, 0)
  if (directory.packs.pieces.length > MAX_PACK_SPREAD * Math.ceil(packedBytes / packBytes)) return null
  const current = new Map(stories.map((story) => [story.id, story]))
  const pending: { shortId: number; old: { id: string; key: string } | null; now: ScannedStory | null }[] = []
  const shortIds = new Map<string, number>()
  let next = 0
  for (const [id, old] of Object.entries(previous.stories)) {
    next = Math.max(next, old.shortId + 1)
    const now = current.get(id) ?? null
    if (now) shortIds.set(id, old.shortId)
    if (now?.key !== old.key) pending.push({ shortId: old.shortId, old: { id, key: old.key }, now })
  }
  for (const story of stories) {
    if (shortIds.has(story.id)) continue
    shortIds.set(story.id, next)
    pending.push({ shortId: next++, old: null, now: story })
  }
  const allowed = Math.min(MAX_UPDATE.stories, Math.max(MAX_UPDATE.floor, Math.floor(stories.length * MAX_UPDATE.share)))
  const free = next - stories.length
  if (pending.length === 0 || pending.length > allowed || (free > MAX_FREE_SLOTS.slots && free / next > MAX_FREE_SLOTS.share)) return null
  const changes: StoryChange[] = []
  for (const { shortId, old, now } of pending) {
    // The old record is needed to take the story's words out of the pages: without it, build from scratch.
    const before = old ? await cache.get(old.key) : null
    if (old && !before) return null
    changes.push({ shortId, old: before && old ? { ...before.record, id: old.id } : null, new: now ? await loadRecord(cache, now) : null })
  }
  return { directory, changes, shortIds }
}
