// A sharded deployment inside workerd (wrangler dev, several configs): fan-out, merge, facets, ranking, partial results.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import MiniSearch from 'minisearch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '../../bench/corpus/generate-corpus'
import { bundleWorkers, startBundled } from '../../bench/shards/bundled-session'
import { ROOT, startDev, type DevSession } from '../../bench/shards/dev-session'
import { fullIndex, shardIndexes } from '../../bench/shards/equivalence'
import { readArchive } from '../../index-builder/build-index'
import { buildShards, type ShardBuildResult } from '../../index-builder/shards'
import { loadIndex, type LoadedIndex } from '../../worker/lib/index-contract'
import { OPENAPI_DOCUMENT } from '../../worker/lib/openapi'
import type { SearchResponse } from '../../worker/lib/run-search'
import { executeSearch, mergeAnswers, queryWords, searchShard } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'
import { validate } from '../_json-schema'

const OUT = join(ROOT, 'build', 'test-shards')
const SHARDS = 3
const TIMEOUT_MS = 1500
/** Queries over the demo stories, the fixtures and the generated ones: words, a phrase, typos, prefixes, filters, browsing. */
const QUERIES = ['clark', 'lana', 'the', 'said', '"let her go"', 'embrase', 'chlo', 'rating:teen', 'words>1000', '', 'lana -lex', 'conner OR chloe', 'hand eyes']

let archive: { dir: string; cleanup: () => Promise<void> }
let healthy: DevSession
let degraded: DevSession
let built: ShardBuildResult
let stories: StoryRecord[]
let single: LoadedIndex

/** The demo stories plus the Worker tests' fixture archive, copied into one folder (the archive test/worker serves). */
async function copyTestArchive(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-shards-archive-'))
  await cp(join(ROOT, 'stories'), dir, { recursive: true })
  await cp(join(ROOT, 'test', 'fixtures', 'archive'), join(dir, 'fixtures'), { recursive: true })
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

async function search(session: DevSession, params: Record<string, string>): Promise<{ status: number; body: SearchResponse; cacheControl: string | null }> {
  const url = `${session.url}/api/search?${new URLSearchParams(params)}`
  // wrangler dev rebuilds (and drops connections) when a Worker source changes under it; a connection error is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url)
      return { status: response.status, body: (await response.json()) as SearchResponse, cacheControl: response.headers.get('Cache-Control') }
    } catch (error) {
      if (attempt === 3) throw error
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }
}

/** The degraded deployment: two real shards, then one that never answers in time and one that throws. */
async function makeDegraded(result: ShardBuildResult): Promise<string[]> {
  const dir = join(OUT, 'degraded')
  const faulty = join(dir, 'faulty.toml')
  const main = relative(dir, join(ROOT, 'test', 'shards', 'faulty-shard.ts'))
  await writeFile(faulty, `name = "sst-faulty"\nmain = "${main}"\ncompatibility_date = "2026-03-29"\n`)
  let front = await readFile(result.frontConfig, 'utf8')
  front = front.replace('SHARD_COUNT = "2"', `SHARD_COUNT = "4"\nSHARD_TIMEOUT_MS = "${TIMEOUT_MS}"`)
  front += '\n[[services]]\nbinding = "SHARD_2"\nservice = "sst-faulty"\nentrypoint = "SlowShard"\n'
  front += '\n[[services]]\nbinding = "SHARD_3"\nservice = "sst-faulty"\nentrypoint = "FailingShard"\n'
  await writeFile(result.frontConfig, front)
  return [...result.configs, faulty]
}

beforeAll(async () => {
  archive = await copyTestArchive()
  // A slice of the generated archive, so there are more matches than fit on a page and ranking matters.
  await generateCorpus({ stories: 60, outDir: join(archive.dir, 'generated'), seed: 'story-search' })
  ;({ stories } = await readArchive(archive.dir))
  single = fullIndex(stories)
  built = await buildShards({ storiesDir: archive.dir, outDir: join(OUT, 'healthy'), shardCount: SHARDS, name: 'sst-healthy' })
  const degradedBuild = await buildShards({ storiesDir: archive.dir, outDir: join(OUT, 'degraded'), shardCount: 2, name: 'sst-degraded' })
  const degradedConfigs = await makeDegraded(degradedBuild)
  ;[healthy, degraded] = await Promise.all([startDev(built.configs), startDev(degradedConfigs)])
}, 150_000)

afterAll(async () => {
  await Promise.all([healthy?.stop(), degraded?.stop()])
  await archive?.cleanup()
})

describe('a sharded deployment', () => {
  it('splits the archive so every story is in exactly one shard', () => {
    expect(built.shardCount).toBe(SHARDS)
    expect(built.shards.reduce((sum, shard) => sum + shard.stories, 0)).toBe(stories.length)
    expect(built.shards.every((shard) => shard.stories > 0)).toBe(true)
  })

  it('reports the whole archive in /api/health and in every search', async () => {
    const health = (await (await fetch(`${healthy.url}/api/health`)).json()) as { index: SearchResponse['index'] }
    expect(health.index.stories).toBe(stories.length)
    // The search reads the release from the head of the front's index text, without loading that index.
    const { body } = await search(healthy, { q: 'lana' })
    expect(body.index).toEqual(health.index)
    expect(body.index.builtAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('keeps the front’s own index to metadata, which is what suggestions need', async () => {
    const front = loadIndex(await readFile(join(OUT, 'healthy', 'front', 'search.index.json'), 'utf8'))
    const listed = front.search.search(MiniSearch.wildcard) as unknown as { id: string; summary: string }[]
    expect(listed.map((story) => story.id).sort()).toEqual(stories.map((story) => story.id).sort())
    expect(listed.filter((story) => story.summary !== '')).toEqual([])
    // A word of a summary that no title, name or tag carries is not in the front's vocabulary.
    const metadata = new Set(stories.flatMap((story) => queryWords([story.title, ...story.authors, ...story.fandoms, ...story.relationships, ...story.characters, ...story.tags, ...story.warnings].join(' '))))
    const summaryOnly = stories.flatMap((story) => queryWords(story.summary)).find((word) => word.length > 4 && !metadata.has(word))
    expect(summaryOnly).toBeDefined()
    const exact = { fuzzy: false, prefix: false, processTerm: (term: string) => term }
    expect(front.search.search(summaryOnly!, exact)).toEqual([])
    // The commonest character, so it is among the five names suggested for its first letters.
    const counts = new Map<string, number>()
    for (const name of stories.flatMap((story) => story.characters)) counts.set(name, (counts.get(name) ?? 0) + 1)
    const character = [...counts.entries()].filter(([name]) => name.length > 5).sort((a, b) => b[1] - a[1])[0]![0]
    const suggestions = (await (await fetch(`${healthy.url}/api/suggest?${new URLSearchParams({ q: character.slice(0, 4) })}`)).json()) as { characters: { value: string }[] }
    expect(suggestions.characters.map((entry) => entry.value)).toContain(character)
  })

  it('counts the same total and the same facets as one index over the whole archive', async () => {
    const load = async (id: string) => stories.find((story) => story.id === id) ?? null
    for (const q of QUERIES) {
      const { status, body } = await search(healthy, { q, limit: '10' })
      expect(status, q).toBe(200)
      const expected = await executeSearch(single, parseSearchParams(new URLSearchParams({ q, limit: '10' })), load)
      expect(body.total, q).toBe(expected.total)
      expect(body.facets, q).toEqual(expected.facets)
      expect(body.partial, q).toBe(false)
      expect(body.warnings, q).toEqual([])
    }
  })

  it('merges hits by score exactly as the shards answer in Node, and close to one index', async () => {
    const load = async (id: string) => stories.find((story) => story.id === id) ?? null
    const nodeShards = shardIndexes(stories, SHARDS).withMode('archive')
    let expectedHits = 0
    let shared = 0
    for (const q of QUERIES.filter((q) => q !== '')) {
      const request = parseSearchParams(new URLSearchParams({ q, limit: '10' }))
      const { body } = await search(healthy, { q, limit: '10' })
      const merged = mergeAnswers(await Promise.all(nodeShards.map((shard) => searchShard(shard, request, load))), request)
      expect(body.hits.map((hit) => hit.id), q).toEqual(merged.hits.map(({ hit }) => hit.id))
      const scores = body.hits.map((hit) => hit.score)
      expect(scores, q).toEqual([...scores].sort((a, b) => b - a))
      const one = await executeSearch(single, request, load)
      const ids = new Set(body.hits.map((hit) => hit.id))
      expectedHits += one.hits.length
      shared += one.hits.filter(({ hit }) => ids.has(hit.id)).length
    }
    expect(shared / expectedHits).toBeGreaterThanOrEqual(0.9)
  })

  it('pages through the merged hits without gaps or repeats', async () => {
    const all = (await search(healthy, { q: 'the', limit: '9' })).body.hits.map((hit) => hit.id)
    const pages = await Promise.all([1, 2, 3].map((page) => search(healthy, { q: 'the', limit: '3', page: String(page) })))
    expect(pages.flatMap(({ body }) => body.hits.map((hit) => hit.id))).toEqual(all)
  })

  it('cuts snippets for hits from every shard, from the front’s fragments', async () => {
    const { body } = await search(healthy, { q: 'said', limit: '30' })
    expect(body.hits.length).toBeGreaterThan(3)
    expect(body.hits.every((hit) => hit.snippet !== null)).toBe(true)
  })

  it('answers in the documented shape', async () => {
    const document = OPENAPI_DOCUMENT as Record<string, any>
    const { body } = await search(healthy, { q: 'lana' })
    expect(validate(body, { $ref: '#/components/schemas/SearchResponse' }, document)).toEqual([])
  })
})

describe('the same deployment from its deploy bundles (bench/shards/bundled-session.ts)', () => {
  it('answers as wrangler dev does, and reads each Worker’s isolate heap', { timeout: 120_000 }, async () => {
    const bundles = await mkdtemp(join(tmpdir(), 'story-search-bundles-'))
    const workers = await bundleWorkers(built.configs, bundles)
    expect(workers.slice(1).map((worker) => worker.name)).toEqual(Array.from({ length: SHARDS }, (_, i) => `sst-healthy-shard-${i}`))
    expect(workers.every((worker) => worker.size.gzipBytes > 0)).toBe(true)
    const session = await startBundled(workers)
    try {
      for (const q of ['lana', '"let her go"', 'rating:teen']) {
        const bundled = (await (await fetch(`${session.url}/api/search?${new URLSearchParams({ q })}`)).json()) as SearchResponse
        const { body } = await search(healthy, { q })
        expect(bundled.hits.map((hit) => hit.id), q).toEqual(body.hits.map((hit) => hit.id))
        expect(bundled.total, q).toBe(body.total)
      }
      // Every isolate has run by now; the first two are read after a full GC.
      const [front, ...shards] = await Promise.all(workers.map((worker, i) => session.heapOf(worker.name, i < 2)))
      for (const heap of [front!, ...shards]) expect(heap.usedBytes).toBeGreaterThan(100_000)
      expect(shards[0]!.collected).toBe(true)
    } finally {
      await session.stop()
      await rm(bundles, { recursive: true, force: true })
    }
  })
})

describe('a sharded deployment with a failing shard and a slow one', () => {
  it('answers 200 with the shards that answered, flagged partial, with one warning per missing shard', async () => {
    const started = Date.now()
    const { status, body, cacheControl } = await search(degraded, { q: 'the', limit: '10' })
    expect(status).toBe(200)
    expect(cacheControl).toBe('no-store')
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000)
    expect(body.partial).toBe(true)
    expect(body.warnings).toHaveLength(2)
    expect(body.warnings.join('\n')).toMatch(/shard 3 of 4 did not answer within 1500 ms/)
    expect(body.warnings.join('\n')).toMatch(/shard 4 of 4 failed \(.*broken on purpose/)
    expect(body.hits.length).toBeGreaterThan(0)
    const load = async (id: string) => stories.find((story) => story.id === id) ?? null
    const full = await executeSearch(single, parseSearchParams(new URLSearchParams({ q: 'the' })), load)
    expect(body.total).toBeLessThanOrEqual(full.total)
  })

  it('keeps the partial answer in the documented shape', async () => {
    const document = OPENAPI_DOCUMENT as Record<string, any>
    const { body } = await search(degraded, { q: 'lana' })
    expect(validate(body, { $ref: '#/components/schemas/SearchResponse' }, document)).toEqual([])
  })
})
