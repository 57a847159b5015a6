// The deploy's CPU measurement on the archives that are hardest to draw a query mix from: one story, and none.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildIndex } from '../index-builder/build-index'
import { KIND_SAMPLE, measureRequests } from './measure-requests'

describe('measureRequests', () => {
  let dir: string
  afterEach(() => rm(dir, { recursive: true, force: true }))

  for (const stories of [['Title: Alone\nAuthor: Tester\n\nA lighthouse keeper counts the gulls every evening.\n'], []]) {
    it(`measures the whole mix on an archive of ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}`, async () => {
      dir = await mkdtemp(join(tmpdir(), 'story-search-measure-'))
      await mkdir(join(dir, 'stories'))
      for (const [i, text] of stories.entries()) await writeFile(join(dir, 'stories', `story-${i}.txt`), text)
      const options = { storiesDir: join(dir, 'stories'), indexFile: join(dir, 'out', 'i.json'), piecesDir: join(dir, 'out', 'p'), reportFile: join(dir, 'out', 'r.json') }
      await buildIndex(options)
      const costs = await measureRequests(options.indexFile, options.piecesDir)
      expect(costs.stories).toBe(stories.length)
      expect(costs.firstSearches.requests).toBe(200)
      expect(costs.warm.requests).toBe(200)
      expect(costs.cold.cpuMs).toBeGreaterThan(0)
      // Each search of the mix on an empty cache: a search of one story's archive reads at least the term page of its
      // word; an empty archive has no pieces to read.
      expect(costs.reads.requests).toBe(200)
      if (stories.length > 0) expect(costs.reads.p50).toBeGreaterThan(0)
      else expect(costs.reads.max).toBe(0)
      // Phrases and words timed apart, as many of each.
      expect(costs.phrasesAndWords.phrase.requests).toBe(KIND_SAMPLE)
      expect(costs.phrasesAndWords.word.requests).toBe(KIND_SAMPLE)
      // The JavaScript thread is part of the process: it cannot have run longer than all its threads together, give or
      // take the scheduler tick its own counter lags by (10 ms here, twice over: a reading at each end). Null where
      // the system does not count per thread, or the counter did not move.
      const TICKS_MS = 20
      if (costs.cold.threadMs !== null) expect(costs.cold.threadMs).toBeLessThanOrEqual(costs.cold.cpuMs + TICKS_MS)
      if (costs.warm.threadMean !== null) expect(costs.warm.threadMean * costs.warm.requests).toBeLessThanOrEqual(costs.warm.mean * costs.warm.requests + TICKS_MS)
    })
  }
})
