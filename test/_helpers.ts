// Shared test helpers: building an index from fixtures into a temporary folder.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex, type BuildResult } from '../index-builder/build-index'

export const FIXTURE_STORIES = join(import.meta.dirname, 'fixtures', 'stories')

/**
 * The demo archive as the tests know it: a copy of the five demo stories and their settings. Tests never read
 * stories/, which is the archive owner's to change (a deploy runs the tests, and must not fail on their stories).
 */
export const DEMO_ARCHIVE = join(import.meta.dirname, 'fixtures', 'demo')

export interface TempBuild extends BuildResult {
  dir: string
  indexFile: string
  fragmentsDir: string
  reportFile: string
  cleanup: () => Promise<void>
}

/** Builds `storiesDir` into a fresh temporary folder; call cleanup() when done. */
export async function buildIntoTemp(storiesDir: string = FIXTURE_STORIES): Promise<TempBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-test-'))
  const outputs = {
    indexFile: join(dir, 'search.index.json'),
    fragmentsDir: join(dir, 'fragments'),
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
