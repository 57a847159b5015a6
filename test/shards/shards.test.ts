// Shard assignment, shard counts, generated configs and the fan-out's handling of failing shards, in Node.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_SHARDS, chooseShardCount, readBaseConfig, shardOf } from '../../index-builder/shards'
import { ApiError } from '../../worker/lib/errors'
import type { ShardAnswer } from '../../worker/lib/search'
import { fanOut, shardsOf, type ShardSearcher } from '../../worker/lib/shard-fan-out'
import { parseSearchParams } from '../../worker/lib/search-params'

const ROOT = join(import.meta.dirname, '..', '..')
const REQUEST = parseSearchParams(new URLSearchParams({ q: 'lana' }))
const ANSWER: ShardAnswer = { total: 1, withSomeWords: null, top: [], facets: { values: { rating: [], fandom: [], relationship: [], character: [], warning: [] }, words: [0, 0, 0, 0, 0] }, didYouMean: null, truncated: false }
const answering: ShardSearcher = { search: async () => ANSWER }
const failing: ShardSearcher = {
  search: async () => {
    throw new Error('boom')
  },
}
const hanging: ShardSearcher = { search: () => new Promise(() => {}) }

describe('shardOf', () => {
  it('puts a story in the same shard on every build', () => {
    expect(shardOf('smallville--healing', 7)).toBe(shardOf('smallville--healing', 7))
    expect(shardOf('anything', 1)).toBe(0)
  })

  it('spreads ids evenly over the shards', () => {
    const counts = new Array(8).fill(0)
    for (let i = 0; i < 8000; i++) counts[shardOf(`fandom--story-${i}`, 8)]++
    for (const count of counts) expect(count).toBeGreaterThan(850)
  })
})

describe('chooseShardCount', () => {
  it('keeps a small archive in one Worker', () => {
    expect(chooseShardCount(1_000_000, 64 * 1024 * 1024, 1)).toBe(1)
    expect(chooseShardCount(5_000_000)).toBe(1)
  })

  it('splits the 1,000-story generated archive (32 MB of text) in three, about 78 MB of heap each', () => {
    expect(chooseShardCount(32_255_610)).toBe(3)
  })

  it('adds shards as the text outgrows the heap budget', () => {
    expect(chooseShardCount(100 * 1024 * 1024, 64 * 1024 * 1024, 1)).toBe(2)
    expect(chooseShardCount(640 * 1024 * 1024, 64 * 1024 * 1024, 2)).toBe(20)
  })

  it(`throws when the archive would need more than ${MAX_SHARDS} shards`, () => {
    expect(() => chooseShardCount(Number.MAX_SAFE_INTEGER)).toThrow(/more than the 64/)
  })

  it('throws on a budget that is not positive', () => {
    expect(() => chooseShardCount(1, 0)).toThrow(/positive/)
  })
})

describe('readBaseConfig', () => {
  it('reads the settings the generated configs copy from wrangler.toml', async () => {
    const base = readBaseConfig(await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))
    expect(base.name).toBe('story-search')
    expect(base.main).toBe('worker/index.tsx')
    expect(base.compatibilityDate).toMatch(/^"\d{4}-\d{2}-\d{2}"$/)
  })
})

describe('shardsOf', () => {
  it('is null for a single Worker', () => {
    expect(shardsOf({})).toBeNull()
  })

  it('throws when SHARD_COUNT names a binding that is missing', () => {
    expect(() => shardsOf({ SHARD_COUNT: '2', SHARD_0: answering } as never)).toThrow(/no SHARD_1 binding/)
  })

  it('lists the bindings in order with the timeout', () => {
    const sharded = shardsOf({ SHARD_COUNT: '2', SHARD_TIMEOUT_MS: '250', SHARD_0: answering, SHARD_1: failing } as never)
    expect(sharded?.shards).toEqual([answering, failing])
    expect(sharded?.timeoutMs).toBe(250)
  })
})

describe('fanOut', () => {
  it('returns every answer, not partial, when all shards answer', async () => {
    expect(await fanOut([answering, answering], REQUEST, 100)).toEqual({ answers: [ANSWER, ANSWER], partial: false, warnings: [] })
  })

  it('returns the answers it has, flagged partial, when a shard fails or times out', async () => {
    const result = await fanOut([answering, failing, hanging], REQUEST, 50)
    expect(result.answers).toEqual([ANSWER])
    expect(result.partial).toBe(true)
    expect(result.warnings).toEqual([
      'shard 2 of 3 failed (boom); its stories are missing from these results',
      'shard 3 of 3 did not answer within 50 ms; its stories are missing from these results',
    ])
  })

  it('disposes every RPC result, one that arrives after its timeout too, and still reads the answers', async () => {
    const disposed: string[] = []
    // What Workers RPC hands back: the answer with a disposer attached.
    const answer = (name: string) => Object.assign({ ...ANSWER }, { [Symbol.dispose]: () => disposed.push(name) })
    const late: ShardSearcher = { search: () => new Promise((resolve) => setTimeout(() => resolve(answer('late')), 80)) }
    const result = await fanOut([{ search: async () => answer('first') }, { search: async () => answer('second') }, late], REQUEST, 30)
    expect(result.answers.map((a) => a.total)).toEqual([1, 1])
    expect(result.partial).toBe(true)
    expect(disposed.sort()).toEqual(['first', 'second'])
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(disposed.sort()).toEqual(['first', 'late', 'second'])
  })

  it('answers 503 when no shard answers', async () => {
    const error = await fanOut([failing, hanging], REQUEST, 20).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(503)
  })
})
