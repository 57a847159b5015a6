// `node --experimental-websocket --import tsx bench/shards/serve-bench.ts --stories DIR [--shards N] [--duration S]
// [--connections 2,4,8] [--build-only | --reuse]`: builds a sharded deployment and measures it: heap per shard after load (Node's measure and
// workerd's), bundle sizes, the first search after a cold start, warm latency under load (the deploy bundles in one
// workerd, loopback). A 20,000-story build takes 12 minutes, so it can be built once (`--build-only`) and
// measured later from the same folder (`--reuse`).
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { get as httpGet } from 'node:http'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { readArchive } from '../../index-builder/build-index'
import { loadIndex, type StoryFragment } from '../../worker/lib/index-contract'
import { mergeAnswers, searchShard, type ShardAnswer } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import type { StoryRecord } from '../../worker/lib/story-record'
import { buildShards } from '../../index-builder/shards'
import { bundleWorkers, startBundled, type BundledWorker } from './bundled-session'
import type { IsolateHeap } from '../../index-builder/isolate-heap'
import { ROOT } from './dev-session'
import { makeQueryMix } from './query-mix'
import { percentile, summarize } from '../run/stats'

const { values } = parseArgs({
  options: {
    stories: { type: 'string' },
    shards: { type: 'string' },
    out: { type: 'string', default: 'build/shards-bench' },
    duration: { type: 'string', default: '20' },
    /** Connections for the warm runs, one run per value: where the tail starts to grow shows the one process saturating. */
    connections: { type: 'string', default: '2,4,8' },
    /** Shards per workerd when measuring heaps (see below). */
    batch: { type: 'string', default: '18' },
    'build-only': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    /** With --reuse: keep the Node heap and critical-path figures of the last report, measure only in workerd. */
    'workerd-only': { type: 'boolean', default: false },
  },
})
if (!values.stories) {
  console.error('usage: node --experimental-websocket --import tsx bench/shards/serve-bench.ts --stories DIR [--shards N] [--duration S] [--connections 2,4,8] [--build-only | --reuse [--workerd-only]]')
  process.exit(2)
}
const BATCH = Number(values.batch)
if (!Number.isInteger(BATCH) || BATCH < 1) {
  console.error(`bench/shards: --batch must be a whole number of shards, 1 or more (got ${values.batch})`)
  process.exit(2)
}
const CONNECTIONS = values.connections!.split(',').map(Number)
if (!CONNECTIONS.every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(`bench/shards: --connections must be whole numbers, 1 or more, separated by commas (got ${values.connections})`)
  process.exit(2)
}
if (values['workerd-only'] && !values.reuse) {
  console.error('bench/shards: --workerd-only keeps the Node figures of an earlier run on the same build: use it with --reuse')
  process.exit(2)
}

const run = promisify(execFile)
const report: Record<string, unknown> = {}
// Written after every phase: a 20,000-story run takes most of an hour, and a late failure must not lose the rest.
const reportFile = join(values.out!, 'bench-report.json')
const save = () => writeFile(reportFile, JSON.stringify(report, null, 2))

let started = performance.now()
const resultFile = join(values.out!, 'build-result.json')
type Built = Awaited<ReturnType<typeof buildShards>>
const built: Built = values.reuse
  ? (JSON.parse(await readFile(resultFile, 'utf8')) as Built)
  : await buildShards({ storiesDir: values.stories, outDir: values.out!, ...(values.shards ? { shardCount: Number(values.shards) } : {}) })
if (!values.reuse) await writeFile(resultFile, JSON.stringify(built))
report.build = { stories: built.storyCount, textBytes: built.textBytes, shardCount: built.shardCount, seconds: Math.round(built.durationMs) / 1000 }
console.error(`bench/shards: ${values.reuse ? 'reused' : 'built'} ${built.shardCount} shards (build took ${Math.round(built.durationMs)} ms)`)
if (values['build-only']) {
  console.log(JSON.stringify(report, null, 2))
  process.exit(0)
}

// Heap after load, one fresh Node process per artifact (index-builder/measure-index.ts: heapUsed around loadIndex,
// counting the index text the isolate keeps as a module string).
const measure = async (file: string) => {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'index-builder', 'measure-index.ts'), file], { cwd: ROOT, maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as { loadMs: number; heapBytes: number; stories: number }
}
const { stories } = await readArchive(values.stories)
const mix = makeQueryMix(stories)
const queries = mix.map((query) => query.q)
if (values['workerd-only']) {
  // The Node figures of an earlier run on the same build, kept; only the workerd phases below run again.
  const earlier = JSON.parse(await readFile(reportFile, 'utf8')) as Record<string, unknown>
  report.heap = earlier.heap
  report.criticalPath = earlier.criticalPath
} else {
  const shardHeaps = []
  for (const [i, shard] of built.shards.entries()) {
    const m = await measure(join(values.out!, `shard-${i}`, 'search.index.json'))
    shardHeaps.push({ shard: i, stories: shard.stories, textBytes: shard.textBytes, indexBytes: shard.indexBytes, gzipBytes: shard.gzipBytes, heapBytes: m.heapBytes, loadMs: Math.round(m.loadMs), heapPerTextByte: Math.round((m.heapBytes / shard.textBytes) * 1000) / 1000 })
  }
  const front = await measure(join(values.out!, 'front', 'search.index.json'))
  report.heap = { shards: shardHeaps, front: { heapBytes: front.heapBytes, loadMs: Math.round(front.loadMs) } }
  await save()
  console.error(`bench/shards: heap measured`)

  report.criticalPath = await criticalPath(built, queries)
  await save()
  console.error(`bench/shards: critical path measured`)
}

// Served as deployed: the `wrangler deploy --dry-run` bundles in workerd (bundled-session.ts). One workerd cannot hold
// every shard of a large archive: at 20,000 stories it aborted ("JavaScript heap out of memory") while the 54 shards
// loaded, with each isolate under 100 MB and their heaps adding up to 4.4 GB (consistent with the 4 GB pointer-compression
// cage V8 shares between the isolates of a process; not verified further). So the shards are served in batches, each
// behind the front with its bindings pointed at that batch.
started = performance.now()
const workers = await bundleWorkers(built.configs, join(values.out!, 'bundles'))
const [frontWorker, ...shardWorkers] = workers
const gzip = shardWorkers.map((worker) => worker.size.gzipBytes)
report.bundles = {
  seconds: Math.round(performance.now() - started) / 1000,
  front: { gzipBytes: frontWorker!.size.gzipBytes, rawBytes: frontWorker!.size.rawBytes },
  shards: { minGzipBytes: Math.min(...gzip), maxGzipBytes: Math.max(...gzip), maxRawBytes: Math.max(...shardWorkers.map((worker) => worker.size.rawBytes)) },
}
await save()
console.error('bench/shards: bundled')
/** The front and `shards` in one workerd, the front's SHARD_0.. bound to them in order. */
const serve = (shards: BundledWorker[], edgeCache = true) =>
  startBundled([frontWorker!, ...shards], {
    // No shard timeout worth the name: 18 cold shards load one after another on workerd's one thread, for seconds.
    vars: { SHARD_TIMEOUT_MS: '600000', SHARD_COUNT: String(shards.length) },
    frontServices: Object.fromEntries(shards.map((worker, i) => [`SHARD_${i}`, worker.name])),
    edgeCache,
  })
const largest = built.shards.reduce((best, shard, i) => (shard.textBytes > built.shards[best]!.textBytes ? i : best), 0)

// Each shard isolate's heap inside workerd once its index is loaded (the first search loads it): as first read,
// garbage included (an upper bound on what is live), and after a full GC for the largest shard and the front.
const heaps: (IsolateHeap & { name: string })[] = []
const batches: { shards: number; firstSearchMs: number; status: number }[] = []
for (let from = 0; from < shardWorkers.length; from += BATCH) {
  const batch = shardWorkers.slice(from, from + BATCH)
  const session = await serve(batch)
  try {
    started = performance.now()
    const first = await firstSearch(session.url)
    batches.push({ shards: batch.length, firstSearchMs: Math.round(performance.now() - started), status: first.status })
    for (const [i, worker] of batch.entries()) {
      heaps.push({ name: worker.name, ...(await session.heapOf(worker.name, from + i === largest)) })
    }
    if (from === 0) report.frontWorkerdHeap = await session.heapOf(frontWorker!.name)
  } finally {
    await session.stop()
  }
  console.error(`bench/shards: heaps of shards ${from}..${from + batch.length - 1} read`)
}
const firstReads = heaps.map((heap) => heap.beforeGcBytes)
report.workerdHeap = {
  batches,
  largestShard: heaps[largest],
  shardsMaxBeforeGcBytes: Math.max(...firstReads),
  shardsMinBeforeGcBytes: Math.min(...firstReads),
  shardsSumBeforeGcBytes: firstReads.reduce((a, b) => a + b, 0),
  shards: heaps,
}
await save()

// What a reader waits for on Cloudflare, where every shard is its own isolate and they run at once: the front and the
// largest shard, cold, alone in a workerd. Then warm latency through that same pair: one fan-out leg end to end (RPC,
// merge, snippet fragments), which the critical path above lacks.
await measureServed([shardWorkers[largest]!], 'largestShard', { shard: largest })
// When every shard fits one workerd, the whole fan-out too (they then share its one thread).
if (shardWorkers.length <= BATCH) await measureServed(shardWorkers, 'allShards', { shards: shardWorkers.length })
console.log(JSON.stringify(report, null, 2))

/**
 * Serves the front with `shards` twice: with the edge cache as deployed, then with it off. Every warm request misses the
 * cache and writes to it; locally that cache is Miniflare's emulation, one Durable Object in the same workerd, and with
 * it on the load runs stalled for seconds at a time; without it, what is left is the search itself. Each time: the
 * first search (all cold), the mix one request at a time, then the warm runs, saved under `key` and `<key>NoEdgeCache`.
 */
async function measureServed(shards: BundledWorker[], key: string, about: Record<string, number>) {
  for (const edgeCache of [true, false]) {
    const session = await serve(shards, edgeCache)
    try {
      const started = performance.now()
      const first = await firstSearch(session.url)
      const firstSearchMs = Math.round(performance.now() - started)
      report[edgeCache ? key : `${key}NoEdgeCache`] = { ...about, firstSearch: { status: first.status, ms: firstSearchMs }, sequential: await sequential(session.url), warm: await warmRuns(session.url) }
      await save()
    } finally {
      await session.stop()
    }
  }
}

console.log(JSON.stringify(report, null, 2))

/** The query mix once, one request at a time (every URL unique): latency without queueing, and its mean per query kind. */
async function sequential(url: string) {
  const times: number[] = []
  const byKind = new Map<string, number[]>()
  for (const [n, { kind, q }] of mix.entries()) {
    const started = performance.now()
    const response = await fetch(`${url}/api/search?${new URLSearchParams({ q, n: `sequential-${n}` })}`)
    await response.text()
    if (!response.ok) throw new Error(`bench/shards: ${q} answered ${response.status}`)
    const ms = performance.now() - started
    times.push(ms)
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms])
  }
  const { p50, p95, p99, mean } = summarize(times)
  return { requests: times.length, p50: tenth(p50), p95: tenth(p95), p99: tenth(p99), mean: tenth(mean), meanByKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, tenth(summarize(values).mean)])) }
}

/** Milliseconds to one decimal, as the report gives them. */
function tenth(ms: number): number {
  return Math.round(ms * 10) / 10
}

/** One warm run per `--connections` value, in the order given. */
async function warmRuns(url: string) {
  const runs = []
  for (const connections of CONNECTIONS) runs.push(await warm(url, connections))
  return runs
}

/**
 * The query mix in a loop at `connections` for `--duration`, every URL unique (a counter parameter, tagged with the
 * connection count so the runs of one session do not repeat each other's) so the edge cache never answers. One request definition and one counter shared by every connection, so the connections walk the mix
 * interleaved (each sends the next query) rather than in lockstep on the same one.
 */
async function warm(url: string, connections: number) {
  let counter = 0
  const times: number[] = []
  const socketErrors: Record<string, number> = {}
  const options: autocannon.Options = {
    url,
    connections,
    duration: Number(values.duration),
    timeout: 600,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: autocannon.Request) => {
          const n = counter++
          return { ...request, path: `/api/search?${new URLSearchParams({ q: queries[n % queries.length]!, n: `warm-${connections}-${n}` })}` }
        },
      },
    ],
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const tracker = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    // autocannon's summary has no p95; every response time is kept and the percentile read from them.
    tracker.on('response', (_client, _status, _bytes, ms) => times.push(ms))
    // An error count says nothing of its cause; the codes do (ECONNRESET: the server closed a connection mid-request).
    tracker.on('reqError', (error: Error & { code?: string }) => {
      const code = error.code ?? error.message
      socketErrors[code] = (socketErrors[code] ?? 0) + 1
    })
  })
  return {
    connections,
    seconds: Number(values.duration),
    requests: result.requests.total,
    rps: result.requests.average,
    p50: tenth(percentile(times, 50)),
    p90: tenth(percentile(times, 90)),
    p95: tenth(percentile(times, 95)),
    p99: tenth(percentile(times, 99)),
    max: Math.max(...times),
    over1s: times.filter((ms) => ms > 1000).length,
    errors: result.errors,
    socketErrors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }
}

/**
 * The first search of a session (`the`: every shard has matches), which loads every shard's index. Plain node:http with
 * no time limit: locally a cold fan-out can outlast fetch's 300 s header timeout. Resolves to the status once the body is read.
 */
function firstSearch(url: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${url}/api/search?${new URLSearchParams({ q: 'the' })}`, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }))
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/**
 * What a search would wait for on Cloudflare, where every shard is its own isolate and they run at once: per query, the
 * slowest shard's `searchShard` plus the front's merge. Measured in Node, one shard loaded at a time (its fragments read
 * from its folder, as its phrase checks read them), every query run twice and the second timed. Excludes the RPC hop and
 * the front's snippet fetches for the 10 hits shown.
 */
async function criticalPath(result: Built, mix: string[]) {
  const requests = mix.map((q) => {
    const { q: _q, ...request } = parseSearchParams(new URLSearchParams({ q }))
    return request
  })
  const perShard: number[][] = []
  const answers: ShardAnswer[][] = requests.map(() => [])
  const loadMs: number[] = []
  for (let i = 0; i < result.shardCount; i++) {
    const dir = join(values.out!, `shard-${i}`)
    let started = performance.now()
    const index = loadIndex(await readFile(join(dir, 'search.index.json'), 'utf8'))
    loadMs.push(performance.now() - started)
    const fragments = new Map<string, Promise<StoryRecord | null>>()
    const loadStory = (id: string) => {
      let story = fragments.get(id)
      if (!story) {
        story = readFile(join(dir, 'static', 'fragments', `${id}.json`), 'utf8').then((text) => (JSON.parse(text) as StoryFragment).story, () => null)
        fragments.set(id, story)
      }
      return story
    }
    const times: number[] = []
    for (const [n, request] of requests.entries()) {
      await searchShard(index, request, loadStory)
      started = performance.now()
      answers[n]!.push(await searchShard(index, request, loadStory))
      times.push(performance.now() - started)
    }
    perShard.push(times)
  }
  const path = requests.map((request, n) => {
    const slowest = Math.max(...perShard.map((times) => times[n]!))
    const started = performance.now()
    mergeAnswers(answers[n]!, request)
    return slowest + (performance.now() - started)
  })
  const { p50, p95, p99, max } = summarize(path)
  const shardMeans = perShard.map((times) => summarize(times).mean)
  return {
    queries: requests.length,
    p50: tenth(p50),
    p95: tenth(p95),
    p99: tenth(p99),
    max: tenth(max),
    slowestShardLoadMs: Math.round(Math.max(...loadMs)),
    meanShardSearchMs: Math.round((shardMeans.reduce((a, b) => a + b, 0) / shardMeans.length) * 100) / 100,
    sumOfShardsMeanMs: Math.round(shardMeans.reduce((a, b) => a + b, 0) * 10) / 10,
  }
}
