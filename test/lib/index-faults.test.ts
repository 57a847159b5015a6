// A damaged or mismatched index is refused with "rebuild the index", by the Worker's loader and by the deploy check.
import { spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IndexContractError, SCHEMA_VERSION, parseIndexDirectory, type IndexDirectory } from '../../core/index-contract'
import { PagedIndex } from '../../worker/index/paged-index'
import { ROOT } from '../_project-copy'
import { DEMO_ARCHIVE, buildIntoTemp, type TempBuild } from '../_helpers'

let build: TempBuild
let directory: IndexDirectory
beforeAll(async () => {
  build = await buildIntoTemp(DEMO_ARCHIVE)
  directory = parseIndexDirectory(await readFile(build.indexFile, 'utf8'))
})
afterAll(() => build.cleanup())

const read = (pieces: Record<string, Uint8Array | null> = {}) => async (name: string) =>
  Object.hasOwn(pieces, name) ? pieces[name]! : new Uint8Array(await readFile(join(build.piecesDir, name)))

describe('opening a damaged or mismatched index', () => {
  it('opens the undamaged index (the baseline the cases below break)', async () => {
    const index = await PagedIndex.open(directory, read())
    expect(index.table.count).toBe(5)
  })

  it.each([
    ['cut off halfway (a partial write)', () => JSON.stringify(directory).slice(0, 200)],
    ['empty', () => ''],
    ['one byte flipped in its header', () => JSON.stringify(directory).replace('"schemaVersion"', '"schemaVersiom"')],
    ['a newer schema version', () => JSON.stringify({ ...directory, schemaVersion: SCHEMA_VERSION + 1 })],
    ['without its text packs', () => JSON.stringify({ ...directory, packs: undefined })],
  ])('refuses a directory that is %s with IndexContractError and "rebuild the index"', (_name, make) => {
    expect(() => parseIndexDirectory(make())).toThrow(IndexContractError)
    expect(() => parseIndexDirectory(make())).toThrow(/rebuild the index/)
  })

  it.each([
    ['missing', null],
    ['cut short', new Uint8Array(10)],
  ])('refuses a story table that is %s', async (_name, bytes) => {
    const opening = PagedIndex.open(directory, read({ [directory.table]: bytes }))
    await expect(opening).rejects.toThrow(IndexContractError)
    await expect(PagedIndex.open(directory, read({ [directory.table]: bytes }))).rejects.toThrow(/rebuild the index/)
  })

  it('refuses a story table that is not the directory\'s, or fields MiniSearch would number otherwise', async () => {
    await expect(PagedIndex.open({ ...directory, storyCount: 6 }, read())).rejects.toThrow(/does not match the index; rebuild the index/)
    await expect(PagedIndex.open({ ...directory, fieldIds: { ...directory.fieldIds, title: 8, body: 0 } }, read())).rejects.toThrow(/other fields; rebuild the index/)
  })
})

describe("the deploy's index check (tools/measure-requests.ts, run by npm run deploy on the built index)", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-index-faults-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  function measure(indexFile: string, piecesDir: string) {
    return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', 'measure-requests.ts'), indexFile, piecesDir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  }

  it('measures a sound index: a cold first search and the whole query mix', { timeout: 60_000 }, () => {
    const run = measure(build.indexFile, build.piecesDir)
    expect(run.status, run.stderr).toBe(0)
    const costs = JSON.parse(run.stdout)
    expect(costs.stories).toBe(5)
    expect(costs.warm.requests).toBe(200)
    expect(costs.cold.cpuMs).toBeGreaterThan(0)
  })

  it('refuses a truncated directory: non-zero exit and "rebuild the index" on stderr', { timeout: 60_000 }, async () => {
    const file = join(dir, 'truncated.index.json')
    await writeFile(file, (await readFile(build.indexFile, 'utf8')).slice(0, 100))
    const run = measure(file, build.piecesDir)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/IndexContractError[\s\S]*rebuild the index/)
  })

  it('refuses an index whose story table is damaged', { timeout: 60_000 }, async () => {
    const pieces = join(dir, 'pieces')
    await cp(build.piecesDir, pieces, { recursive: true })
    await truncate(join(pieces, directory.table), 16)
    const run = measure(build.indexFile, pieces)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/rebuild the index/)
  })
})
