// Which index (and which Worker code) is serving, read from the head of the bundled index directory without parsing it:
// every response is stamped with it, and most never need the rest of the directory.
import INDEX_TEXT from 'story-search:index'
import { IndexContractError } from '../../core/index-contract'

export interface IndexRelease {
  /** The index version clients see (`X-Index-Version`, `index.version` in responses). */
  version: string
  /** Index version and Worker code version: what ETags and edge-cache keys are built from. */
  release: string
  /** When the index was built, and how many stories the whole archive holds: what responses report. */
  builtAt: string
  stories: number
}

// The builder writes these keys ahead of the (large) index body; looking at the first
// kilobyte keeps this O(1) however big the archive is. The patterns are anchored literals with bounded classes.
const HEAD_CHARS = 1024
const CONTENT_HASH = /"contentHash":"([0-9a-f]{16})[0-9a-f]*"/
const WORKER_CODE = /"workerCode":"([0-9a-f]{1,64})"/
const BUILT_AT = /"builtAt":"([^"\\]{1,64})"/
const STORY_COUNT = /"storyCount":(\d{1,12})[,}]/

/**
 * Reads the release from an index artifact's text, or null when its head lacks the content hash, build time or story count.
 *
 * @example readIndexRelease('{"builtAt":"2026-11-22T…","contentHash":"bb5ced8f16581723aa…","storyCount":5,"workerCode":"1a2b3c"…')
 * // { version: 'bb5ced8f16581723', release: 'bb5ced8f16581723-1a2b3c', builtAt: '2026-11-22T…', stories: 5 }
 */
export function readIndexRelease(text: string): IndexRelease | null {
  const head = text.slice(0, HEAD_CHARS)
  const version = CONTENT_HASH.exec(head)?.[1]
  const builtAt = BUILT_AT.exec(head)?.[1]
  const stories = STORY_COUNT.exec(head)?.[1]
  if (!version || !builtAt || !stories) return null
  const code = WORKER_CODE.exec(head)?.[1]
  return { version, release: code ? `${version}-${code}` : version, builtAt, stories: Number(stories) }
}

let cached: IndexRelease | null | undefined

/** The bundled index's release, computed once per isolate. */
export function getIndexRelease(): IndexRelease | null {
  if (cached === undefined) cached = readIndexRelease(INDEX_TEXT)
  return cached
}

/** The index as responses report it (search, health): its version, when it was built, how many stories the archive holds. */
export type ReportedIndex = Pick<IndexRelease, 'version' | 'builtAt' | 'stories'>

/** The bundled index as responses report it; an index whose head lacks its release is rebuilt, not served. */
export function reportedIndex(): ReportedIndex {
  const release = getIndexRelease()
  if (!release) throw new IndexContractError('story-search: the index file does not start with its release; rebuild the index (npm run build:index)')
  return { version: release.version, builtAt: release.builtAt, stories: release.stories }
}
