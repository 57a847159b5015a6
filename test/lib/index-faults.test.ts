// A damaged or mismatched index artifact is refused with "rebuild the index", by the Worker's loader and by the deploy check.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IndexContractError, SCHEMA_VERSION, createSearchIndex, loadIndex, toIndexDocument } from '../../worker/lib/index-contract'
import type { StoryRecord } from '../../worker/lib/story-record'
import { ROOT } from '../_project-copy'

const story = {
  id: 'faults--one',
  title: 'One',
  authors: ['A'],
  fandoms: ['Smallville'],
  relationships: [],
  characters: [],
  tags: [],
  warnings: [],
  summary: 'A summary.',
  body: 'Clark looked at the meteor.',
  rating: 'G',
  words: 5,
  date: null,
  complete: true,
} as unknown as StoryRecord

function artifactText(overrides: Record<string, unknown> = {}): string {
  const index = createSearchIndex([toIndexDocument(story)]).toJSON()
  return JSON.stringify({ schemaVersion: SCHEMA_VERSION, builtAt: '2026-01-01T00:00:00.000Z', contentHash: 'ab'.repeat(32), storyCount: 1, index, ...overrides })
}

describe('loadIndex with a damaged or mismatched artifact', () => {
  it('loads the undamaged artifact (the baseline the cases below break)', () => {
    expect(loadIndex(artifactText()).search.search('meteor').map((hit) => hit.id)).toEqual(['faults--one'])
  })

  it.each([
    ['cut off halfway (a partial write)', () => artifactText().slice(0, Math.floor(artifactText().length / 2))],
    ['empty', () => ''],
    ['one byte flipped in its header', () => artifactText().replace('"schemaVersion"', '"schemaVersiom"')],
    ['a newer schema version', () => artifactText({ schemaVersion: SCHEMA_VERSION + 1 })],
    ['a MiniSearch payload from another MiniSearch version', () => artifactText({ index: { ...createSearchIndex([]).toJSON(), serializationVersion: 99 } })],
    ['a MiniSearch payload that is not an index', () => artifactText({ index: { nope: true } })],
    ['a MiniSearch payload with a damaged inner index', () => artifactText({ index: { ...createSearchIndex([]).toJSON(), index: 'garbage' } })],
  ])('refuses an artifact that is %s with IndexContractError and "rebuild the index"', (_name, make) => {
    const text = make()
    expect(() => loadIndex(text)).toThrow(IndexContractError)
    expect(() => loadIndex(text)).toThrow(/rebuild the index/)
  })
})

describe("the deploy's index check (index-builder/measure-index.ts, run by npm run deploy on the built index)", () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-index-faults-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  function measure(file: string) {
    return spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'index-builder', 'measure-index.ts'), file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    })
  }

  it('passes a sound index and reports its story count', { timeout: 30_000 }, async () => {
    const file = join(dir, 'sound.index.json')
    await writeFile(file, artifactText())
    const run = measure(file)
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).stories).toBe(1)
  })

  it('refuses a truncated index: non-zero exit and "rebuild the index" on stderr', { timeout: 30_000 }, async () => {
    const file = join(dir, 'truncated.index.json')
    await writeFile(file, artifactText().slice(0, 100))
    const run = measure(file)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/IndexContractError[\s\S]*rebuild the index/)
  })

  it('refuses an index whose MiniSearch payload is from another version', { timeout: 30_000 }, async () => {
    const file = join(dir, 'mismatched.index.json')
    await writeFile(file, artifactText({ index: { ...createSearchIndex([]).toJSON(), serializationVersion: 99 } }))
    const run = measure(file)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/rebuild the index/)
  })
})
