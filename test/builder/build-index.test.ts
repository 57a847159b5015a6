import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildIndex } from '../../index-builder/build-index'
import * as writeAtomic from '../../index-builder/write-atomic'
import { SCHEMA_VERSION, parseIndexDirectory } from '../../core/index-contract'
import { buildIntoTemp, FIXTURE_STORIES, openIndex, searchIds, type TempBuild } from '../_helpers'

describe('buildIndex round trip', () => {
  let build: TempBuild
  beforeAll(async () => {
    build = await buildIntoTemp(FIXTURE_STORIES)
  })
  afterAll(() => build.cleanup())

  it('indexes every .txt, .md and .html file under the folder, recursively', () => {
    expect(build.storyCount).toBe(3)
  })

  it('finds the right story first for words from its text', async () => {
    const index = await openIndex(build.indexFile, build.piecesDir)
    expect((await searchIds(index, 'meteor shower telescope'))[0]).toBe('smallville--barn-loft')
    expect((await searchIds(index, 'espresso rain'))[0]).toBe('smallville--talon-coffee')
    expect((await searchIds(index, 'lighthouse lamp'))[0]).toBe('other--lighthouse')
  })

  it('writes each story whole, metadata and text, where the index finds it', async () => {
    const index = await openIndex(build.indexFile, build.piecesDir)
    const story = await index.record(index.table.shortIdOf('smallville--barn-loft'))
    expect(story?.title).toBe('The Barn Loft')
    expect(story?.body).toContain('Make a wish')
  })

  it('writes exactly the pieces the directory names, each named by its content', async () => {
    const directory = parseIndexDirectory(await readFile(build.indexFile, 'utf8'))
    const named = [directory.table, ...directory.termPages.pieces, ...directory.dictionary.pieces, ...directory.packs.pieces].sort()
    expect((await readdir(build.piecesDir)).sort()).toEqual(named)
    for (const name of named) expect(name).toMatch(/^(stories|terms|words|text)-[0-9a-f]{20}\.bin$/)
    expect(build.pieces.all.files).toBe(named.length)
    // Each text pack's size, as a response counts it before reading (PackBudget).
    for (const [i, name] of directory.packs.pieces.entries()) expect((await stat(join(build.piecesDir, name))).size, name).toBe(directory.packs.bytes[i])
  })

  it('records the schema version, story count and a content hash in the directory', async () => {
    const directory = JSON.parse(await readFile(build.indexFile, 'utf8'))
    expect(directory).toMatchObject({ schemaVersion: SCHEMA_VERSION, storyCount: 3, contentHash: build.contentHash })
    expect(directory.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives the same content hash when nothing changed, and a new one when a story changes', async () => {
    const again = await buildIntoTemp(FIXTURE_STORIES)
    expect(again.contentHash).toBe(build.contentHash)
    await again.cleanup()

    const copy = await mkdtemp(join(tmpdir(), 'story-search-stories-'))
    await writeFile(join(copy, 'one.txt'), 'Title: One\n\nFirst version.\n')
    const first = await buildIntoTemp(copy)
    await writeFile(join(copy, 'one.txt'), 'Title: One\n\nSecond version.\n')
    const second = await buildIntoTemp(copy)
    expect(second.contentHash).not.toBe(first.contentHash)
    await Promise.all([first.cleanup(), second.cleanup(), rm(copy, { recursive: true })])
  })
})

describe('buildIndex failure', () => {
  it('leaves the previous index and pieces in place when a build fails', async () => {
    const build = await buildIntoTemp(FIXTURE_STORIES)
    const before = await readFile(build.indexFile, 'utf8')
    const pieces = (await readdir(build.piecesDir)).sort()
    const spy = vi.spyOn(writeAtomic, 'replaceDirectory').mockRejectedValueOnce(new Error('disk full'))
    await expect(
      buildIndex({ storiesDir: FIXTURE_STORIES, indexFile: build.indexFile, piecesDir: build.piecesDir, reportFile: build.reportFile }),
    ).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(await readFile(build.indexFile, 'utf8')).toBe(before)
    expect((await readdir(build.piecesDir)).sort()).toEqual(pieces)
    // No staging leftovers beside the outputs.
    expect((await readdir(build.dir)).sort()).toEqual(['build-report.json', 'index', 'search.index.json'])
    await build.cleanup()
  })

  it('reports duplicate ids and keeps both stories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-search-dupes-'))
    await writeFile(join(dir, 'a b.txt'), 'Title: First\n\nOne.\n')
    await writeFile(join(dir, 'a-b.md'), 'Title: Second\n\nTwo.\n')
    const build = await buildIntoTemp(dir)
    expect(build.storyCount).toBe(2)
    expect(build.problems.some((p) => p.problem.includes('duplicate story id "a-b"'))).toBe(true)
    const report = JSON.parse(await readFile(build.reportFile, 'utf8'))
    expect(report.problems).toEqual(build.problems)
    await Promise.all([build.cleanup(), rm(dir, { recursive: true })])
  })
  it('reports an empty or binary file in the build report and serves no story for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-search-not-stories-'))
    await writeFile(join(dir, 'story.txt'), 'Title: Real\nAuthor: A\n\nA real story.\n')
    await writeFile(join(dir, 'empty.txt'), '')
    await writeFile(join(dir, 'cover.txt'), Uint8Array.from({ length: 600 }, (_, i) => (i * 131 + 7) % 256))
    const build = await buildIntoTemp(dir)
    expect(build.storyCount).toBe(1)
    expect(build.problems.map((p) => [p.file, p.problem, p.action])).toEqual([
      ['cover.txt', 'file is not text (it looks like a binary file)', 'not served as a story'],
      ['empty.txt', 'file is empty', 'not served as a story'],
    ])
    const index = await openIndex(build.indexFile, build.piecesDir)
    expect(index.table.shortIdOf('cover')).toBe(-1)
    expect(index.table.shortIdOf('story')).not.toBe(-1)
    await Promise.all([build.cleanup(), rm(dir, { recursive: true })])
  })
})
