// Shared test helpers: building an index from fixtures into a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex, type BuildResult } from '../index-builder/build-index'

export const FIXTURE_STORIES = join(import.meta.dirname, 'fixtures', 'stories')

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
