import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildIndex } from '../../index-builder/build-index'
import * as writeAtomic from '../../index-builder/write-atomic'
import type { StoryFragment } from '../../worker/lib/index-contract'
import { loadIndex } from '../../worker/lib/index-contract'
import { buildIntoTemp, FIXTURE_STORIES, type TempBuild } from '../_helpers'

describe('buildIndex round trip', () => {
  let build: TempBuild
  beforeAll(async () => {
    build = await buildIntoTemp(FIXTURE_STORIES)
  })
  afterAll(() => build.cleanup())

  it('indexes every .txt, .md and .html file under the folder, recursively', () => {
    expect(build.storyCount).toBe(3)
  })

  it('finds the right story first for a phrase from its text', async () => {
    const index = loadIndex(await readFile(build.indexFile, 'utf8'))
    expect(index.search.search('meteor shower telescope')[0]?.id).toBe('smallville--barn-loft')
    expect(index.search.search('espresso rain')[0]?.id).toBe('smallville--talon-coffee')
    expect(index.search.search('lighthouse lamp')[0]?.id).toBe('other--lighthouse')
  })

  it('writes one fragment per story holding its metadata and text', async () => {
    const files = (await readdir(build.fragmentsDir)).sort()
    expect(files).toEqual(['other--lighthouse.json', 'smallville--barn-loft.json', 'smallville--talon-coffee.json'])
    const fragment = JSON.parse(await readFile(join(build.fragmentsDir, 'smallville--barn-loft.json'), 'utf8')) as StoryFragment
    expect(fragment.story.title).toBe('The Barn Loft')
    expect(fragment.story.body).toContain('Make a wish')
  })

  it('records the schema version, story count and a content hash in the artifact', async () => {
    const artifact = JSON.parse(await readFile(build.indexFile, 'utf8'))
    expect(artifact).toMatchObject({ schemaVersion: 1, storyCount: 3, contentHash: build.contentHash })
    expect(artifact.contentHash).toMatch(/^[0-9a-f]{64}$/)
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
  it('leaves the previous index and fragments in place when a build fails', async () => {
    const build = await buildIntoTemp(FIXTURE_STORIES)
    const before = await readFile(build.indexFile, 'utf8')
    const spy = vi.spyOn(writeAtomic, 'replaceDirectory').mockRejectedValueOnce(new Error('disk full'))
    await expect(
      buildIndex({ storiesDir: FIXTURE_STORIES, indexFile: build.indexFile, fragmentsDir: build.fragmentsDir, reportFile: build.reportFile }),
    ).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(await readFile(build.indexFile, 'utf8')).toBe(before)
    expect((await readdir(build.fragmentsDir)).length).toBe(3)
    // No staging leftovers beside the outputs.
    expect((await readdir(build.dir)).sort()).toEqual(['build-report.json', 'fragments', 'search.index.json'])
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
})
