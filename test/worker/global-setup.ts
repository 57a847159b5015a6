// Builds the index the Worker tests serve: the demo archive plus the test archive (test/fixtures/archive), cut into
// small pieces (many term pages, one text pack per story) so the tests cross page boundaries, then damages some pieces
// the way a bad upload or a half-synced asset store would.
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildIndex } from '../../index-builder/build-index'
import { parseIndexDirectory } from '../../core/index-contract'
import { StoryTable } from '../../core/story-table'
import { DEMO_ARCHIVE } from '../_helpers'

const ROOT = join(import.meta.dirname, '..', '..')
export const TEST_BUILD = join(ROOT, 'build', 'test')
const PIECES = join(TEST_BUILD, 'static', 'index')

/** Stories in test/fixtures/archive/faults/ whose text packs are broken after the build (test/worker/faults.test.ts). */
export const CORRUPT_TEXT_ID = 'fixtures--faults--corrupt-text'
export const MISSING_TEXT_ID = 'fixtures--faults--missing-text'
/** The first letter of the made-up words (faults/last-pages.txt) that fill the last term pages on their own. */
export const LAST_PAGES_LETTER = 'ꀀ'

export default async function setup(): Promise<void> {
  const archive = await mkdtemp(join(tmpdir(), 'story-search-worker-archive-'))
  // From nothing: the builder would link pieces of the last run's build, which this setup damaged.
  await rm(TEST_BUILD, { recursive: true, force: true })
  try {
    // Demo stories keep their ids (`000-cabcaac395bc47b5`); fixtures get `fixtures--...`.
    await cp(DEMO_ARCHIVE, archive, { recursive: true })
    await cp(join(ROOT, 'test', 'fixtures', 'archive'), join(archive, 'fixtures'), { recursive: true })
    await buildIndex({
      storiesDir: archive,
      indexFile: join(TEST_BUILD, 'search.index.json'),
      piecesDir: PIECES,
      reportFile: join(TEST_BUILD, 'build-report.json'),
      pieceSizes: { pageBytes: 2048, pairPageBytes: 8192, packBytes: 1 },
    })
  } finally {
    await rm(archive, { recursive: true, force: true })
  }
  const directory = parseIndexDirectory(await readFile(join(TEST_BUILD, 'search.index.json'), 'utf8'))
  const { first, pieces } = directory.termPages
  // Only pages holding nothing but the made-up words are damaged, so no other test meets them.
  if (first.length < 5 || ![-2, -3, -4].every((at) => first.at(at)!.startsWith(LAST_PAGES_LETTER))) {
    throw new Error(`worker tests: the made-up words no longer fill the last term pages alone (pages start with ${first.slice(-4).join(', ')})`)
  }
  // The last term page gone; the one before it cut short; the one before that with one bit of its postings flipped
  // (its length as it was, so only its content can tell).
  await rm(join(PIECES, pieces.at(-1)!))
  await truncate(join(PIECES, pieces.at(-2)!), 100)
  const flipped = new Uint8Array(await readFile(join(PIECES, pieces.at(-3)!)))
  flipped[flipped.length - 1]! ^= 1
  await writeFile(join(PIECES, pieces.at(-3)!), flipped)
  // One story's text pack cut short, another's gone.
  const stories = StoryTable.decode(new Uint8Array(await readFile(join(PIECES, directory.table))))
  const packOf = (id: string) => {
    const shortId = stories.shortIdOf(id)
    return join(PIECES, directory.packs.pieces[directory.packs.first.findLastIndex((start) => start <= shortId)]!)
  }
  await truncate(packOf(CORRUPT_TEXT_ID), 20)
  await rm(packOf(MISSING_TEXT_ID))
}
