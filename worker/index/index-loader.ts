// The one loader of the index: the directory bundled with the Worker, the pieces from the static assets. Opened once
// per isolate, on first use; what it loads later is kept in a cache bounded in bytes (paged-index.ts).
import DIRECTORY_TEXT from 'story-search:index'
import { parseIndexDirectory, piecePath, type IndexDirectory } from '../../core/index-contract'
import { PagedIndex, type PieceReader } from './paged-index'
import type { StoryRecord } from '../../core/story-record'

let directory: IndexDirectory | undefined
// The opened index, never a promise of it: a request that awaited an open another request started would be
// cancelled by workerd as hung. Two first requests at once both open it; the first to finish is kept.
let opened: PagedIndex | undefined

/** Reads a piece through the static-assets binding: null when it is not there. */
export function assetReader(assets: Fetcher): PieceReader {
  return async (name) => {
    // The host is ignored by the assets binding; only the path matters.
    const response = await assets.fetch(new Request(`https://assets.invalid${piecePath(name)}`))
    if (response.status === 404) return null
    if (!response.ok) throw new Error(`the static assets answered ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }
}

/** The index this Worker serves. */
export async function getIndex(assets: Fetcher): Promise<PagedIndex> {
  if (opened) return opened
  directory ??= parseIndexDirectory(DIRECTORY_TEXT)
  const index = await PagedIndex.open(directory, assetReader(assets))
  opened ??= index
  return opened
}

/** The story with this id, its short id and the index it is in; null when there is no such story. */
export async function findStory(assets: Fetcher, id: string): Promise<{ index: PagedIndex; shortId: number; story: StoryRecord } | null> {
  const index = await getIndex(assets)
  const shortId = index.table.shortIdOf(id)
  if (shortId === -1) return null
  const story = await index.record(shortId)
  // Its fandoms as the archive lists and filters them: one spelling of each (oneSpellingEach), not the file's own.
  return story ? { index, shortId, story: { ...story, fandoms: index.table.names('fandoms', shortId) } } : null
}
