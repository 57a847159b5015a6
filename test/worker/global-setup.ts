// Builds the index the Worker tests serve: the demo archive plus the test archive (test/fixtures/archive).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex } from '../../index-builder/build-index'
import { DEMO_ARCHIVE } from '../_helpers'

const ROOT = join(import.meta.dirname, '..', '..')
export const TEST_BUILD = join(ROOT, 'build', 'test')
const FRAGMENTS = join(TEST_BUILD, 'static', 'fragments')

/** Stories in test/fixtures/archive/faults/ whose fragments are broken after the build (test/worker/faults.test.ts). */
export const CORRUPT_FRAGMENT_ID = 'fixtures--faults--corrupt-fragment'
export const MISSING_FRAGMENT_ID = 'fixtures--faults--missing-fragment'

export default async function setup(): Promise<void> {
  const archive = await mkdtemp(join(tmpdir(), 'story-search-worker-archive-'))
  try {
    // Demo stories keep their ids (`000-cabcaac395bc47b5`); fixtures get `fixtures--...`.
    await cp(DEMO_ARCHIVE, archive, { recursive: true })
    await cp(join(ROOT, 'test', 'fixtures', 'archive'), join(archive, 'fixtures'), { recursive: true })
    await buildIndex({
      storiesDir: archive,
      indexFile: join(TEST_BUILD, 'search.index.json'),
      fragmentsDir: FRAGMENTS,
      reportFile: join(TEST_BUILD, 'build-report.json'),
    })
    // Damage two fragments the way a bad upload or a half-synced asset store would: one truncated, one gone.
    await writeFile(join(FRAGMENTS, `${CORRUPT_FRAGMENT_ID}.json`), '{"schemaVersion":1,"story":{"id":')
    await rm(join(FRAGMENTS, `${MISSING_FRAGMENT_ID}.json`))
  } finally {
    await rm(archive, { recursive: true, force: true })
  }
}
