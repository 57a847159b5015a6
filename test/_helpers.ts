// Shared test helpers: building an index from fixtures into a temporary folder.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex, type BuildResult } from '../index-builder/build-index'
import { diskReader } from '../index-builder/piece-files'
import { parseIndexDirectory } from '../core/index-contract'
import { PagedIndex } from '../worker/index/paged-index'
import { executeSearch } from '../worker/search/search'
import { parseSearchParams } from '../worker/query/search-params'

export const FIXTURE_STORIES = join(import.meta.dirname, 'fixtures', 'stories')

/** Opens a built index from disk, as the Worker would from its assets. */
export async function openIndex(indexFile: string, piecesDir: string): Promise<PagedIndex> {
  return PagedIndex.open(parseIndexDirectory(await readFile(indexFile, 'utf8')), diskReader(piecesDir))
}

/** The ids a search finds, best first (every match, not one page). */
export async function searchIds(index: PagedIndex, q: string): Promise<string[]> {
  const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q, limit: '100' })))
  return outcome.matches.map((match) => index.table.id(match.shortId))
}

/**
 * The demo archive as the tests know it: a copy of the five demo stories and their settings. Tests never read
 * stories/, which is the archive owner's to change (a deploy runs the tests, and must not fail on their stories).
 */
export const DEMO_ARCHIVE = join(import.meta.dirname, 'fixtures', 'demo')

export interface TempBuild extends BuildResult {
  dir: string
  indexFile: string
  piecesDir: string
  reportFile: string
  cleanup: () => Promise<void>
}

/** Builds `storiesDir` into a fresh temporary folder; call cleanup() when done. */
export async function buildIntoTemp(storiesDir: string = FIXTURE_STORIES): Promise<TempBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-test-'))
  const outputs = {
    indexFile: join(dir, 'search.index.json'),
    piecesDir: join(dir, 'index'),
    reportFile: join(dir, 'build-report.json'),
  }
  const result = await buildIndex({ storiesDir, ...outputs })
  return { ...result, ...outputs, dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** `../shared` beside the checkout: real story files and corpora that CI has and a bare clone does not. */
export const SHARED_DIR = join(import.meta.dirname, '..', '..', 'shared')

/**
 * Whether `../shared/<part>` is there. When it is not, one line says which tests skip and why, so a bare clone
 * passes and says what it did not test.
 */
export function hasShared(part: string, what: string): boolean {
  if (existsSync(join(SHARED_DIR, part))) return true
  console.warn(`skipped: ${what}: ../shared/${part} is not beside this checkout`)
  return false
}
