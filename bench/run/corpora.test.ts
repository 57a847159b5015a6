// The benchmark's `fiction` corpus is the judged one: every document a judgment names is in it, so NDCG is measured.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readArchive } from '../../index-builder/scan-archive'
import { evalFilesFingerprint } from '../eval/eval-corpus'
import { loadJudgedQueries } from '../eval/judgments'
import { hasShared } from '../../test/_helpers'
import { parseCorpusName, prepareCorpus } from './corpora'

const SHARED = hasShared('real-stories', 'the benchmark corpus the relevance set judges') && hasShared('corpora/fiction', 'the benchmark corpus the relevance set judges')
const work = mkdtemp(join(tmpdir(), 'story-search-corpora-'))
afterAll(async () => rm(await work, { recursive: true, force: true }))

describe.skipIf(!SHARED)('the fiction corpus', () => {
  it('holds every story the judged queries name, real stories too, and is kept while its files are the same', async () => {
    const dir = await prepareCorpus(parseCorpusName('fiction'), await work, () => {})
    const { stories } = await readArchive(dir)
    const judged = await loadJudgedQueries(undefined, new Set(stories.map((story) => story.id)))
    expect(judged.length).toBeGreaterThan(100)
    expect(judged.some((query) => Object.keys(query.judgments).some((id) => id.startsWith('ffn-')))).toBe(true)
    // A copy made again would not have this file.
    await writeFile(join(dir, 'kept.marker'), '')
    await prepareCorpus(parseCorpusName('fiction'), await work, () => {})
    expect(existsSync(join(dir, 'kept.marker'))).toBe(true)
  })
})

describe('evalFilesFingerprint', () => {
  it('changes when a file of the corpus is added or changes size', async () => {
    const root = await work
    const [demo, classics, real] = ['demo', 'classics', 'real'].map((name) => join(root, 'fingerprint', name))
    for (const dir of [demo!, classics!, real!]) await mkdir(dir, { recursive: true })
    await writeFile(join(classics!, 'a.txt'), 'one')
    const first = await evalFilesFingerprint(demo, classics, real)
    expect(await evalFilesFingerprint(demo, classics, real)).toBe(first)
    await writeFile(join(real!, 'b.html'), '<p>two</p>')
    const added = await evalFilesFingerprint(demo, classics, real)
    expect(added).not.toBe(first)
    await writeFile(join(classics!, 'a.txt'), 'one, longer')
    expect(await evalFilesFingerprint(demo, classics, real)).not.toBe(added)
  })
})
