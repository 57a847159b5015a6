import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildIndex, type BuildOptions } from './build-index'
import { WORKER_ENTRY, codeFingerprint } from './code-fingerprint'
import { executeSearch } from '../worker/search/search'
import { parseSearchParams } from '../worker/query/search-params'
import * as ingest from './ingest/index'
import { parseIndexDirectory } from '../core/index-contract'
import { decodeDictionaryPiece } from '../core/term-dictionary'
import { bucketBytes } from './write-index'
import { openIndex, searchIds } from '../test/_helpers'

const story = (title: string, text: string) => `Title: ${title}\nAuthor: Tester\n\n${text}\n`

describe('incremental builds', () => {
  let dir: string
  let options: BuildOptions
  const storiesDir = () => join(dir, 'stories')
  const search = async (query: string) => searchIds(await openIndex(options.indexFile, options.piecesDir), query)
  const pieces = async () => (await readdir(options.piecesDir)).sort()
  const stories = async () => {
    const index = await openIndex(options.indexFile, options.piecesDir)
    return Array.from(index.table.byId, (i) => index.table.id(i))
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-cache-'))
    await rm(storiesDir(), { recursive: true, force: true })
    await mkdir(storiesDir())
    await writeFile(join(storiesDir(), 'alpha.txt'), story('Alpha', 'A lighthouse keeper counts the gulls.'))
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Espresso and rain at the Talon.'))
    await writeFile(join(storiesDir(), 'gamma.md'), story('Gamma', 'A meteor shower over the barn.'))
    options = {
      storiesDir: storiesDir(),
      indexFile: join(dir, 'out', 'search.index.json'),
      piecesDir: join(dir, 'out', 'index'),
      reportFile: join(dir, 'out', 'build-report.json'),
      cacheDir: join(dir, 'out', 'cache'),
      assetHeadersFile: join(dir, 'out', '_headers'),
      // Small pieces, so a story's words and text sit in pieces of their own and a change leaves other pieces alone.
      pieceSizes: { pageBytes: 64, pairPageBytes: 256, packBytes: 1, dictionaryBytes: 16 },
    }
    const first = await buildIndex(options)
    expect(first.incremental).toMatchObject({ parsesReused: 0, updated: false })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  /** The same archive built from scratch: an incremental build must give the same answers. */
  async function fromScratch() {
    const fresh = { ...options, indexFile: join(dir, 'fresh', 'i.json'), piecesDir: join(dir, 'fresh', 'p'), reportFile: join(dir, 'fresh', 'r.json'), cacheDir: undefined }
    const result = await buildIndex(fresh)
    return { result, index: await openIndex(fresh.indexFile, fresh.piecesDir) }
  }

  /** The pieces on disk are exactly those the directory names, and each text pack has the size it gives. */
  async function expectPiecesAsNamed() {
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    expect(await pieces()).toEqual([directory.table, ...directory.termPages.pieces, ...directory.dictionary.pieces, ...directory.packs.pieces].sort())
    for (const [i, name] of directory.packs.pieces.entries()) expect((await stat(join(options.piecesDir, name))).size, name).toBe(directory.packs.bytes[i])
  }

  /** Every hit of a query with its score, by id (to 9 digits: a patched index adds stories in another order). */
  async function scored(index: Awaited<ReturnType<typeof openIndex>>, q: string) {
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q, limit: '100' })))
    return new Map(outcome.matches.map((match) => [index.table.id(match.shortId), match.score.toPrecision(9)]))
  }

  it('changes nothing on disk when nothing changed', async () => {
    const before = await stat(options.indexFile)
    const again = await buildIndex(options)
    expect(again.incremental).toMatchObject({ parsesReused: 3, unchanged: true })
    expect((await stat(options.indexFile)).mtimeMs).toBe(before.mtimeMs)
  })

  it('re-parses only a changed story and rewrites only the pieces that hold it', async () => {
    const before = new Set(await pieces())
    const spy = vi.spyOn(ingest, 'parseStoryFile')
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Zeppelins over Smallville.'))
    const result = await buildIndex(options)
    expect(spy).toHaveBeenCalledTimes(1)
    spy.mockRestore()
    expect(result.incremental).toMatchObject({ parsesReused: 2, updated: true, unchanged: false })
    expect(await search('zeppelins')).toEqual(['beta'])
    expect(await search('espresso')).toEqual([])
    const index = await openIndex(options.indexFile, options.piecesDir)
    expect((await index.record(index.table.shortIdOf('beta')))?.body).toContain('Zeppelins')
    // Some pieces are new, and some are the very files the first build wrote.
    const after = await pieces()
    expect(after.filter((name) => before.has(name)).length).toBeGreaterThan(0)
    expect(after.filter((name) => !before.has(name)).length).toBeGreaterThan(0)
    expect(result.incremental.piecesReused).toBe(after.filter((name) => before.has(name)).length)
    const scratch = await fromScratch()
    expect(result.contentHash).toBe(scratch.result.contentHash)
    for (const q of ['zeppelins', 'lighthouse', 'meteor barn', 'tester', 'smallvile', 'espr', '"zeppelins over"', '"espresso and"', '"meteor shower over"']) {
      expect(await scored(index, q), q).toEqual(await scored(scratch.index, q))
    }
  })

  it('adds a new story', async () => {
    await writeFile(join(storiesDir(), 'delta.html'), '<html><head><title>Delta</title></head><body><p>Crystal caves.</p></body></html>')
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 3, updated: true })
    expect(await search('crystal caves')).toEqual(['delta'])
    expect(await stories()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    const scratch = await fromScratch()
    for (const q of ['crystal', 'tester', 'meteor']) expect(await scored(await openIndex(options.indexFile, options.piecesDir), q)).toEqual(await scored(scratch.index, q))
  })

  it('packs stories added a build at a time as a build from scratch does, not a text pack each', async () => {
    // Packs that hold several of these stories: the first build wrote them with packs of one story each.
    options.pieceSizes = { ...options.pieceSizes!, packBytes: 4096 }
    // Built again from scratch, with the cache: the manifest the next patches read describes this build.
    await rm(options.indexFile)
    expect((await buildIndex(options)).incremental).toMatchObject({ updated: false })
    const names = ['delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota']
    for (const name of names) {
      await writeFile(join(storiesDir(), `${name}.txt`), story(name, `The ${name} lantern burns low.`))
      expect((await buildIndex(options)).incremental).toMatchObject({ updated: true })
    }
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    const scratch = await fromScratch()
    const scratchDirectory = parseIndexDirectory(await readFile(join(dir, 'fresh', 'i.json'), 'utf8'))
    expect(directory.packs.pieces.length).toBeLessThan(names.length)
    expect(directory.packs.pieces.length).toBe(scratchDirectory.packs.pieces.length)
    await expectPiecesAsNamed()
    const patched = await openIndex(options.indexFile, options.piecesDir)
    for (const name of names) expect((await patched.record(patched.table.shortIdOf(name)))?.body, name).toContain(`The ${name} lantern`)
    expect(await scored(patched, 'lantern')).toEqual(await scored(scratch.index, 'lantern'))
  })

  it('cuts a dictionary piece again once the words added a build at a time take it past twice its size', async () => {
    options.pieceSizes = { ...options.pieceSizes!, dictionaryBytes: 64 }
    // Built again from scratch, with the cache: the manifest the next patches read describes this build.
    await rm(options.indexFile)
    expect((await buildIndex(options)).incremental).toMatchObject({ updated: false })
    // Words of many first letters and lengths, so most land in buckets the first build already placed in pieces.
    let seed = 7
    const letter = () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))
    const word = () => Array.from({ length: 5 + (seed % 5) }, letter).join('')
    for (let build = 0; build < 10; build++) {
      await writeFile(join(storiesDir(), `added-${build}.txt`), story(`Added ${build}`, Array.from({ length: 80 }, word).join(' ')))
      expect((await buildIndex(options)).incremental).toMatchObject({ updated: true })
    }
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    for (const piece of directory.dictionary.pieces) {
      const buckets = decodeDictionaryPiece(await readFile(join(options.piecesDir, piece)))
      const largestBucket = Math.max(...buckets.map((bucket) => bucketBytes([bucket])))
      expect(bucketBytes(buckets), piece).toBeLessThanOrEqual(2 * 64 + largestBucket)
    }
    const scratch = await fromScratch()
    const patched = await openIndex(options.indexFile, options.piecesDir)
    for (const story of ['added-0', 'added-5']) {
      const record = (await patched.record(patched.table.shortIdOf(story)))!
      // A typo of a word the archive has (the last letter changed) finds what a build from scratch finds.
      const typo = `${record.body.split(' ')[3]!.slice(0, -1)}${record.body.split(' ')[3]!.endsWith('z') ? 'y' : 'z'}`
      expect(await scored(patched, typo), typo).toEqual(await scored(scratch.index, typo))
      expect((await scored(patched, typo)).size, typo).toBeGreaterThan(0)
    }
  })

  it('builds from scratch once patches left the text packs half again as many as their stories fill', async () => {
    options.pieceSizes = { ...options.pieceSizes!, packBytes: 2048 }
    await rm(storiesDir(), { recursive: true })
    await mkdir(storiesDir())
    const names = Array.from({ length: 12 }, (_, i) => `story-${String(i).padStart(2, '0')}`)
    for (const name of names) await writeFile(join(storiesDir(), `${name}.txt`), story(name, `The ${name} lantern. `.repeat(20)))
    await buildIndex({ ...options, cacheDir: join(dir, 'other-cache') })
    await buildIndex(options)
    const packsBefore = parseIndexDirectory(await readFile(options.indexFile, 'utf8')).packs.pieces.length
    // Two stories of every three go in one patch: every pack keeps a story, so none is dropped.
    for (const [i, name] of names.entries()) if (i % 3 !== 0) await rm(join(storiesDir(), `${name}.txt`))
    expect((await buildIndex(options)).incremental).toMatchObject({ updated: true })
    expect(parseIndexDirectory(await readFile(options.indexFile, 'utf8')).packs.pieces.length).toBe(packsBefore)
    await expectPiecesAsNamed()
    await writeFile(join(storiesDir(), 'story-00.txt'), story('story-00', 'The lantern is out.'))
    const rebuilt = await buildIndex(options)
    expect(rebuilt.incremental).toMatchObject({ updated: false })
    expect(rebuilt.pieces.text.files).toBeLessThan(packsBefore)
    expect(await search('lantern')).toHaveLength(4)
    // Packs as full as a build from scratch makes them: the next patch is a patch again.
    await writeFile(join(storiesDir(), 'story-03.txt'), story('story-03', 'The lantern is lit.'))
    expect((await buildIndex(options)).incremental).toMatchObject({ updated: true })
  })

  it('puts the words of a new length or first letter in the last dictionary piece while it has room', async () => {
    options.pieceSizes = { ...options.pieceSizes!, dictionaryBytes: 1024 * 1024 }
    await rm(options.indexFile)
    await buildIndex(options)
    const longWords = ['xylophonically', 'quizzaciousnesses', 'zygomorphically', 'jackhammeringly', 'vexillologically']
    for (const [i, word] of longWords.entries()) {
      await writeFile(join(storiesDir(), `long-${i}.txt`), story(`Long ${i}`, `A ${word} tale.`))
      expect((await buildIndex(options)).incremental).toMatchObject({ updated: true })
    }
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    expect(directory.dictionary.pieces).toHaveLength(1)
    const patched = await openIndex(options.indexFile, options.piecesDir)
    // One letter off: found through the piece the new buckets went into.
    expect(await search('xylophonicaly')).toEqual(['long-0'])
    expect(await scored(patched, 'vexilologically')).toEqual(await scored((await fromScratch()).index, 'vexilologically'))
  })

  it('keeps the names of the story table in name order when a patch adds a name that sorts first', async () => {
    await writeFile(join(storiesDir(), 'delta.txt'), 'Title: Delta\nAuthor: Aaron Abbot\n\nCrystal caves.\n')
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ updated: true })
    const patched = await openIndex(options.indexFile, options.piecesDir)
    const scratch = (await fromScratch()).index
    expect(patched.table.values.authors.names).toEqual(['Aaron Abbot', 'Tester'])
    expect(patched.table.values.authors.names).toEqual(scratch.table.values.authors.names)
    const facets = async (index: typeof patched) => (await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '' })))).facets
    expect(await facets(patched)).toEqual(await facets(scratch))
    expect(patched.table.names('authors', patched.table.shortIdOf('beta'))).toEqual(['Tester'])
  })

  it('removes a deleted story from the index and its text', async () => {
    await rm(join(storiesDir(), 'gamma.md'))
    const result = await buildIndex(options)
    expect(result).toMatchObject({ storyCount: 2, incremental: { updated: true } })
    expect(await search('meteor')).toEqual([])
    expect(await stories()).toEqual(['alpha', 'beta'])
    expect(result.contentHash).toBe((await fromScratch()).result.contentHash)
    // The directory names exactly the pieces on disk: nothing of the removed story is left to upload.
    await expectPiecesAsNamed()
  })

  it('moves a renamed story to its new id', async () => {
    await rename(join(storiesDir(), 'alpha.txt'), join(storiesDir(), 'lighthouse.txt'))
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 2, updated: true })
    expect(await search('lighthouse keeper')).toEqual(['lighthouse'])
    expect(await stories()).toEqual(['beta', 'gamma', 'lighthouse'])
  })

  it('rebuilds from scratch when the index on disk is not the one the cache describes', async () => {
    await writeFile(options.indexFile, '{"schemaVersion":1}')
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Zeppelins.'))
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ parsesReused: 2, updated: false })
    expect(await search('zeppelins')).toEqual(['beta'])
  })

  it('rebuilds from scratch when a piece of the previous build is gone, rather than patch around it', async () => {
    // A text pack that holds alpha (untouched by the edit below): a patch would have carried it over as it was.
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    const index = await openIndex(options.indexFile, options.piecesDir)
    const alphaPack = directory.packs.pieces[directory.packs.first.findLastIndex((first) => first <= index.table.shortIdOf('alpha'))]!
    await rm(join(options.piecesDir, alphaPack))
    await writeFile(join(storiesDir(), 'beta.txt'), story('Beta', 'Zeppelins.'))
    const result = await buildIndex(options)
    expect(result.incremental).toMatchObject({ updated: false })
    for (const name of await pieces()) expect((await stat(join(options.piecesDir, name))).size, name).toBeGreaterThan(0)
    const rebuilt = await openIndex(options.indexFile, options.piecesDir)
    expect((await rebuilt.record(rebuilt.table.shortIdOf('alpha')))?.body).toContain('lighthouse keeper')
  })

  it('writes a piece afresh, rather than link it, when the live file of that name was cut short', async () => {
    const [name] = await pieces()
    const full = (await stat(join(options.piecesDir, name!))).size
    await writeFile(join(options.piecesDir, name!), '')
    // A build from scratch (the index on disk no longer matches the cache) writes the same pieces again.
    await writeFile(options.indexFile, '{"schemaVersion":1}')
    await buildIndex(options)
    expect((await stat(join(options.piecesDir, name!))).size).toBe(full)
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
    const text = await readFile(options.indexFile, 'utf8')
    const version = JSON.parse(text).contentHash.slice(0, 16)
    expect(await readFile(options.assetHeadersFile!, 'utf8')).toContain(`/*\n  X-Index-Version: ${version}\n`)
    expect(JSON.parse(text).workerCode).toBe((await codeFingerprint(WORKER_ENTRY, 'neutral')).slice(0, 12))
  })
})
