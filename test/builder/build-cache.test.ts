import { mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildIndex, type BuildOptions } from '../../index-builder/build-index'
import * as ingest from '../../index-builder/ingest/index'
import { loadIndex } from '../../worker/lib/index-contract'

const story = (title: string, text: string) => `Title: ${title}\nAuthor: Tester\n\n${text}\n`

describe('incremental builds', () => {
  let dir: string
  let options: BuildOptions
  const storiesDir = () => join(dir, 'stories')
  const search = async (query: string) => loadIndex(await readFile(options.indexFile, 'utf8')).search.search(query).map((r) => r.id)
  const fragments = async () => (await readdir(options.fragmentsDir)).sort()

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-cache-'))
    await rm(storiesDir(), { recursive: true, force: true })
    await import('node:fs/promises').then((fs) => fs.mkdir(storiesDir()))
    await writeFile(join(storiesDir(), 'alpha.txt'), story('Alpha', 'A lighthouse keeper counts the gulls.'))
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Espresso and rain at the Talon.'))
    await writeFile(join(storiesDir(), 'gamma.md'), story('Gamma', 'A meteor shower over the barn.'))
    options = {
      storiesDir: storiesDir(),
      indexFile: join(dir, 'out', 'search.index.json'),
      fragmentsDir: join(dir, 'out', 'fragments'),
      reportFile: join(dir, 'out', 'build-report.json'),
      cacheDir: join(dir, 'out', 'cache'),
      assetHeadersFile: join(dir, 'out', '_headers'),
    }
    const first = await buildIndex(options)
    expect(first.incremental).toMatchObject({ parsesReused: 0, indexUpdated: false })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  /** The same archive built from scratch: an incremental build must give the same answers. */
  async function fromScratch() {
    const fresh = { ...options, indexFile: join(dir, 'fresh', 'i.json'), fragmentsDir: join(dir, 'fresh', 'f'), reportFile: join(dir, 'fresh', 'r.json'), cacheDir: undefined }
    const result = await buildIndex(fresh)
    return { result, search: async (q: string) => loadIndex(await readFile(fresh.indexFile, 'utf8')).search.search(q).map((r) => [r.id, r.score]) }
  }

  it('changes nothing on disk when nothing changed', async () => {
    const before = await stat(options.indexFile)
    const again = await buildIndex(options)
    expect(again.incremental).toMatchObject({ parsesReused: 3, unchanged: true })
    expect((await stat(options.indexFile)).mtimeMs).toBe(before.mtimeMs)
  })

  it('re-parses only a changed story, updates the index in place and rewrites only its fragment', async () => {
    const spy = vi.spyOn(ingest, 'parseStoryFile')
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Zeppelins over Smallville.'))
    const result = await buildIndex(options)
    expect(spy).toHaveBeenCalledTimes(1)
    spy.mockRestore()
    expect(result.incremental).toEqual({ parsesReused: 2, indexUpdated: true, fragmentsReused: 2, unchanged: false })
    expect(await search('zeppelins')).toEqual(['beta'])
    expect(await search('espresso')).toEqual([])
    expect(JSON.parse(await readFile(join(options.fragmentsDir, 'beta.json'), 'utf8')).story.body).toContain('Zeppelins')
    const scratch = await fromScratch()
    expect(result.contentHash).toBe(scratch.result.contentHash)
    // Same hits and scores; stories with equal scores may come in another order (insertion order breaks ties).
    const scored = async (q: string) => new Map(loadIndex(await readFile(options.indexFile, 'utf8')).search.search(q).map((r) => [r.id, r.score.toFixed(6)]))
    for (const q of ['zeppelins', 'lighthouse', 'meteor barn', 'tester']) {
      expect(await scored(q)).toEqual(new Map((await scratch.search(q)).map(([id, score]) => [id, (score as number).toFixed(6)])))
    }
  })

  it('adds a new story', async () => {
    await writeFile(join(storiesDir(), 'delta.html'), '<html><head><title>Delta</title></head><body><p>Crystal caves.</p></body></html>')
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 3, indexUpdated: true, fragmentsReused: 3 })
    expect(await search('crystal caves')).toEqual(['delta'])
    expect(await fragments()).toEqual(['alpha.json', 'beta.json', 'delta.json', 'gamma.json'])
  })

  it('removes a deleted story from the index and its fragment', async () => {
    await rm(join(storiesDir(), 'gamma.md'))
    const result = await buildIndex(options)
    expect(result).toMatchObject({ storyCount: 2, incremental: { indexUpdated: true } })
    expect(await search('meteor')).toEqual([])
    expect(await fragments()).toEqual(['alpha.json', 'beta.json'])
    expect(result.contentHash).toBe((await fromScratch()).result.contentHash)
  })

  it('moves a renamed story to its new id, leaving no fragment under the old one', async () => {
    await rename(join(storiesDir(), 'alpha.txt'), join(storiesDir(), 'lighthouse.txt'))
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 2, indexUpdated: true })
    expect(await search('lighthouse keeper')).toEqual(['lighthouse'])
    expect(await fragments()).toEqual(['beta.json', 'gamma.json', 'lighthouse.json'])
  })

  it('rebuilds from scratch when the index on disk is not the one the cache describes', async () => {
    await writeFile(options.indexFile, '{"schemaVersion":1}')
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Zeppelins.'))
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 2, indexUpdated: false })
    expect(await search('zeppelins')).toEqual(['beta'])
  })

  it('reports a file that fails to parse as an error instead of dropping it silently', async () => {
    await writeFile(join(storiesDir(), 'broken.txt'), story('Broken', 'x'))
    const spy = vi.spyOn(ingest, 'parseStoryFile').mockImplementationOnce(() => {
      throw new Error('unexpected header')
    })
    const result = await buildIndex(options)
    spy.mockRestore()
    expect(result.storyCount).toBe(3)
    expect(result.problems).toContainEqual({ file: 'broken.txt', problem: 'cannot parse file: unexpected header', action: 'skipped', severity: 'error' })
    expect(JSON.parse(await readFile(options.reportFile, 'utf8')).problems).toEqual(result.problems)
  })

  it('writes the index version into the static assets _headers file and the code version into the index', async () => {
    const artifact = await readFile(options.indexFile, 'utf8')
    const version = JSON.parse(artifact).contentHash.slice(0, 16)
    expect(await readFile(options.assetHeadersFile!, 'utf8')).toContain(`/*\n  X-Index-Version: ${version}\n`)
    expect(artifact.slice(0, 1024)).toMatch(/"workerCode":"[0-9a-f]{12}"/)
  })
})
