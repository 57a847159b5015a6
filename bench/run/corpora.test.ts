// The benchmark's `fiction` corpus is the judged one: every document a judgment names is in it, so NDCG is measured.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readArchive } from '../../index-builder/scan-archive'
import { loadJudgedQueries } from '../eval/judgments'
import { hasShared } from '../../test/_helpers'
import { parseCorpusName, prepareCorpus } from './corpora'

const SHARED = hasShared('real-stories', 'the benchmark corpus the relevance set judges') && hasShared('corpora/fiction', 'the benchmark corpus the relevance set judges')

describe.skipIf(!SHARED)('the fiction corpus', () => {
  const work = mkdtemp(join(tmpdir(), 'story-search-corpora-'))
  afterAll(async () => rm(await work, { recursive: true, force: true }))

  it('holds every story the judged queries name, and is reused while its files are the same', async () => {
    const lines: string[] = []
    const dir = await prepareCorpus(parseCorpusName('fiction'), await work, (line) => lines.push(line))
    const { stories } = await readArchive(dir)
    const judged = await loadJudgedQueries(undefined, new Set(stories.map((story) => story.id)))
    expect(judged.length).toBeGreaterThan(100)
    const judgedIds = new Set(judged.flatMap((query) => Object.keys(query.judgments)))
    // The real stories are judged too (m01–m24), not only the classics.
    expect([...judgedIds].some((id) => id.startsWith('ffn-'))).toBe(true)
    const files = await readdir(dir)
    expect(await prepareCorpus(parseCorpusName('fiction'), await work, (line) => lines.push(line))).toBe(dir)
    expect(await readdir(dir)).toEqual(files)
  })
})
