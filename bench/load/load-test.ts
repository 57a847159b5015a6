// `npm run test:load [-- --seconds 60 --requests 100000 --connections 64 --max-heap-growth-mib 4]`: sustained load on the
// real Worker (wrangler dev, workerd) serving the demo index, with zero errors required and the isolate's memory (heap and array buffers) checked for growth.
//
// The run uses a throwaway project copy (test/_project-copy.ts), so build/ and static/index/ of the working tree are
// untouched, and its own generated wrangler config (bench/run/worker-server.ts writeWranglerConfig), which has no
// [[ratelimits]] block: the API_RATE_LIMIT binding is absent, so nothing is limited (wrangler dev sends every request as
// CF-Connecting-IP 127.0.0.1, and the production budget of 600 a minute would turn this run into 429s).
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { buildIndex } from '../../index-builder/build-index'
import { copyProject } from '../../test/_project-copy'
import { heldBytes, isolateHeap, type IsolateHeap } from '../../tools/isolate-heap'
import { startDevServer } from '../../tools/dev-server'
import { searchPath } from '../../tools/query-mix'
import { writeWranglerConfig } from '../run/worker-server'
import { DEMO_ARCHIVE } from '../../test/_helpers'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    requests: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '64' },
    'max-heap-growth-mib': { type: 'string', default: '4' },
  },
})
const SECONDS = Number(values.seconds)
const REQUESTS = Number(values.requests)
const CONNECTIONS = Number(values.connections)
/** Heap (after a forced GC) may grow by at most this much from warm-up to the end: caches are bounded, so more is a leak. */
const MAX_HEAP_GROWTH_BYTES = Number(values['max-heap-growth-mib']) * 1024 * 1024
const MiB = 1024 * 1024

/**
 * The fixed mix: what readers of the demo archive (five Smallville stories) type, plus browsing, filters, sorting,
 * paging, suggestions, a story's text and the bad input a search box receives (a 400 is a correct answer, not an error).
 * Repeated URLs are answered from the Cache API after their first request, as at the edge.
 */
const MIX: { path: string; status: number }[] = [
  { path: '/api/search?q=lana', status: 200 },
  { path: '/api/search?q=clark', status: 200 },
  { path: '/api/search?q=lex%2Flana', status: 200 },
  { path: '/api/search?q=%22the+barn%22', status: 200 },
  { path: '/api/search?q=clark+lana+healing', status: 200 },
  { path: '/api/search?q=smalvile', status: 200 },
  { path: '/api/search?q=symph', status: 200 },
  { path: '/api/search?q=lex+OR+chloe', status: 200 },
  { path: '/api/search?q=lana+-lex', status: 200 },
  { path: '/api/search?q=&fandom=Smallville&rating=G', status: 200 },
  { path: '/api/search?q=love&sort=newest&limit=5&page=2', status: 200 },
  { path: '/api/search?q=&sort=longest', status: 200 },
  { path: '/api/search?q=zzzqqq', status: 200 },
  { path: '/api/suggest?q=la', status: 200 },
  { path: '/api/stories/000-cabcaac395bc47b5', status: 200 },
  { path: '/api/stories/no-such-story', status: 404 },
  { path: '/api/search?q=lana&sort=bogus', status: 400 },
  { path: '/api/health', status: 200 },
]

interface Phase {
  label: string
  requests: number
  seconds: number
  requestsPerSecond: number
  p50: number
  p99: number
  max: number
  errors: number
  unexpected: number
}

/** Percentile of sorted values (nearest rank). */
function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** autocannon cycling through the mix; every response is counted by status, and any 5xx or 429 is a failure. */
async function hammer(origin: string, label: string, limit: { duration: number } | { amount: number }): Promise<Phase> {
  let counter = 0
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  const started = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: CONNECTIONS,
        timeout: 10,
        ...limit,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: MIX[counter++ % MIX.length]!.path }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime)
      statuses[status] = (statuses[status] ?? 0) + 1
    })
  })
  const seconds = (performance.now() - started) / 1000
  const sorted = Float64Array.from(latencies).sort()
  const unexpected = Object.entries(statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 500 || Number(status) === 429 ? count : 0), 0)
  console.log(`load: ${label}: statuses ${JSON.stringify(statuses)}`)
  return {
    label,
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    errors: result.errors + result.timeouts,
    unexpected,
  }
}

function formatHeap(heap: IsolateHeap): string {
  return `${(heap.usedBytes / MiB).toFixed(2)} MiB of heap and ${(heap.buffersBytes / MiB).toFixed(2)} MiB of array buffers${heap.collected ? ' after a forced GC' : ' (no GC: heap too large to snapshot)'}, ${(heap.beforeGcBytes / MiB).toFixed(2)} + ${(heap.beforeGcBuffersBytes / MiB).toFixed(2)} MiB before it`
}

async function main(): Promise<number> {
  const project = await copyProject(DEMO_ARCHIVE)
  let stop = async () => {}
  try {
    const indexFile = join(project.dir, 'build', 'search.index.json')
    const staticDir = join(project.dir, 'static')
    const build = await buildIndex({
      storiesDir: project.storiesDir,
      indexFile,
      piecesDir: join(staticDir, 'index'),
      reportFile: join(project.dir, 'build', 'build-report.json'),
    })
    console.log(`load: built the demo index (${build.storyCount} stories) in ${project.dir}`)
    const config = await writeWranglerConfig(project.dir, indexFile, staticDir)
    const server = await startDevServer({ cwd: project.dir, config, persistTo: join(project.dir, 'state'), firstPath: searchPath({ q: 'lana', kind: 'word' }) })
    const inspectorPort = server.inspectorPort
    stop = server.stop
    console.log(`load: wrangler dev on ${server.origin} (generated config without [[ratelimits]]), first search after ${Math.round(server.coldStartMs)} ms`)

    // Warm-up: every URL of the mix answers what it must, twice (the second from the cache where cacheable).
    for (let round = 0; round < 2; round++) {
      for (const { path, status } of MIX) {
        const response = await fetch(`${server.origin}${path}`)
        await response.arrayBuffer()
        if (response.status !== status) throw new Error(`${path} answered ${response.status}, expected ${status}`)
      }
    }
    const before = await isolateHeap(inspectorPort)
    console.log(`load: isolate memory after warm-up: ${formatHeap(before)}`)

    const timed = await hammer(server.origin, `${CONNECTIONS} connections for ${SECONDS} s`, { duration: SECONDS })
    const counted = await hammer(server.origin, `${CONNECTIONS} connections, ${REQUESTS} requests`, { amount: REQUESTS })
    const after = await isolateHeap(inspectorPort)
    console.log(`load: isolate memory after both runs: ${formatHeap(after)}`)

    console.log('\nload: phase | requests | seconds | req/s | p50 ms | p99 ms | max ms | errors+timeouts | 5xx/429')
    for (const p of [timed, counted]) {
      console.log(`load: ${p.label} | ${p.requests} | ${p.seconds.toFixed(1)} | ${p.requestsPerSecond.toFixed(0)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.max.toFixed(1)} | ${p.errors} | ${p.unexpected}`)
    }
    const growth = heldBytes(after) - heldBytes(before)
    console.log(`load: heap + buffers ${(heldBytes(before) / MiB).toFixed(2)} → ${(heldBytes(after) / MiB).toFixed(2)} MiB (${growth >= 0 ? '+' : ''}${(growth / MiB).toFixed(2)} MiB; bound +${MAX_HEAP_GROWTH_BYTES / MiB} MiB)`)

    const failures: string[] = []
    for (const p of [timed, counted]) {
      if (p.errors > 0) failures.push(`${p.label}: ${p.errors} connection errors or timeouts`)
      if (p.unexpected > 0) failures.push(`${p.label}: ${p.unexpected} responses were 5xx or 429`)
    }
    if (counted.requests < REQUESTS) failures.push(`only ${counted.requests} of ${REQUESTS} requests completed`)
    if (!before.collected || !after.collected) failures.push('the isolate\'s memory could not be read after a forced GC, so growth is not comparable')
    if (growth > MAX_HEAP_GROWTH_BYTES) failures.push(`the isolate's heap and buffers grew by ${(growth / MiB).toFixed(2)} MiB, over the ${MAX_HEAP_GROWTH_BYTES / MiB} MiB bound`)
    if (failures.length > 0) {
      console.error(`load: FAILED\n  ${failures.join('\n  ')}`)
      return 1
    }
    console.log('load: passed')
    return 0
  } finally {
    await stop()
    await project.cleanup()
  }
}

process.exit(await main())
