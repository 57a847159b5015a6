// Builds the index the Worker tests serve: the demo archive plus the test archive (test/fixtures/archive).
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex } from '../../index-builder/build-index'

const ROOT = join(import.meta.dirname, '..', '..')
export const TEST_BUILD = join(ROOT, 'build', 'test')

export default async function setup(): Promise<void> {
  const archive = await mkdtemp(join(tmpdir(), 'story-search-worker-archive-'))
  try {
    // Demo stories keep their ids (`000-cabcaac395bc47b5`); fixtures get `fixtures--...`.
    await cp(join(ROOT, 'stories'), archive, { recursive: true })
    await cp(join(ROOT, 'test', 'fixtures', 'archive'), join(archive, 'fixtures'), { recursive: true })
    await buildIndex({
      storiesDir: archive,
      indexFile: join(TEST_BUILD, 'search.index.json'),
      fragmentsDir: join(TEST_BUILD, 'static', 'fragments'),
      reportFile: join(TEST_BUILD, 'build-report.json'),
    })
  } finally {
    await rm(archive, { recursive: true, force: true })
  }
}
