import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { watchAndRun, type Watcher } from './watch'

describe('watchAndRun', () => {
  let dir: string
  let watcher: Watcher | undefined
  afterEach(async () => {
    watcher?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** Resolves when `runs()` reaches `count`: the watcher sees a file event in its own time. */
  async function runsReach(runs: () => number, count: number): Promise<void> {
    const deadline = Date.now() + 30_000
    while (runs() < count) {
      if (Date.now() > deadline) throw new Error(`the task ran ${runs()} times, not ${count}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('waits the longest quiet period of the folders that changed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-watch-'))
    const [quick, slow] = [join(dir, 'quick'), join(dir, 'slow')]
    await Promise.all([mkdir(quick), mkdir(slow)])
    const SLOW_MS = 1500
    const started: number[] = []
    watcher = watchAndRun({ paths: [quick, slow], debounceMs: (folder) => (folder === slow ? SLOW_MS : 20), onChange: async () => void started.push(Date.now()) })

    // A change in the quick folder too: the longer quiet period still counts. A slow machine only makes the wait
    // longer, never shorter.
    const changed = Date.now()
    await writeFile(join(slow, 'b.txt'), 'b')
    await writeFile(join(quick, 'c.txt'), 'c')
    await runsReach(() => started.length, 1)
    expect(started[0]! - changed).toBeGreaterThanOrEqual(SLOW_MS)
  })
})
