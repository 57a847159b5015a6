// The benchmark run: for each corpus, our build, sizes, the Worker in workerd, the engines in Node, and Pagefind in Chromium.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readArchive } from '../../index-builder/scan-archive'
import type { BuildResult } from '../../index-builder/build-index'
import { parseCorpusName, prepareCorpus } from './corpora'
import type { BuildTaskResult, EngineTaskArgs, EngineTaskResult } from './child'
import { NODE_ENGINES, type EngineName, type NodeEngineName } from './engines'
import { machineInfo, type MachineInfo } from './machine'
import { benchPagefind, type PagefindResult } from './pagefind-bench'
import { makeQueries, searchPath, type BenchQuery } from '../../tools/query-mix'
import { runChild } from './run-child'
import { gzipBytes } from './stats'
import {
  loadRun,
  primeCache,
  sequentialPass,
  writeWranglerConfig,
  type LoadRun,
  type SequentialPass,
} from './worker-server'
import type { IsolateHeap } from '../../tools/isolate-heap'
import { startWorkerd } from './workerd-session'
import { measureBundle, type BundleSize } from '../../tools/bundle-size'

export interface BenchOptions {
  /** Corpora: `fiction` and numbers of generated stories. */
  sizes: string[]
  engines: EngineName[]
  /** autocannon seconds per load run. */
  seconds: number
  /** Where corpora, builds and servers live (never the repo's build/ or static/). */
  workDir: string
  /** Limit for one engine on one corpus (build, load and queries). */
  engineTimeoutMs: number
  /** Longest a measured pass of queries may run (sequential HTTP pass, each Node engine's pass). */
  queryBudgetMs: number
  /** Minutes after which no new stage starts (a build or engine process in flight is stopped there; a Worker stage finishes); 0 for none. */
  deadlineMinutes: number
  /** Also measure the edge-cached case (priming 200 URLs first); the quick run leaves it out. */
  cachedRun: boolean
  /** Connection counts for the uncached load runs. */
  connections: number[]
  quick: boolean
  log: (line: string) => void
}

export interface BuildSummary {
  fullMs: number
  /** MB (10^6 bytes) of story text per second, from scratch. */
  mbPerSecond: number
  phases: BuildResult['phases']
  incrementalMs: number
  incremental: BuildResult['incremental']
  incrementalPhases: BuildResult['phases']
}

export interface WorkerSummary {
  bundle: BundleSize | null
  /** Milliseconds from creating a fresh workerd with the prebuilt bundle to its listening. */
  startMs: number
  /** `startMs` plus the first search: a new isolate's first answer, as production starts one. */
  coldStartMs: number
  firstRequestMs: number
  secondRequestMs: number
  heap: IsolateHeap | null
  sequential: SequentialPass | null
  loads: LoadRun[]
}

export interface CorpusResult {
  name: string
  stories: number
  words: number
  textBytes: number
  queries: BenchQuery[]
  build: BuildSummary | null
  /** The directory the Worker bundles, and the pieces it reads from its static assets. */
  index: { bytes: number; gzipBytes: number; pieceBytes: number; pieceFiles: number; largestPiece: number } | null
  worker: WorkerSummary | null
  engines: Partial<Record<NodeEngineName, EngineTaskResult>>
  pagefind: PagefindResult | null
  /** Stages that failed or timed out, by stage. */
  errors: Record<string, string>
  durationMs: number
}

export interface BenchResults {
  machine: MachineInfo
  options: Omit<BenchOptions, 'log'>
  corpora: CorpusResult[]
  durationMs: number
  /** Set when some figures were re-measured by a later run and merged in (say which, and why). */
  amended?: string
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now()
  deadlineAt = options.deadlineMinutes > 0 ? started + options.deadlineMinutes * 60_000 : Number.POSITIVE_INFINITY
  const machine = machineInfo()
  await mkdir(options.workDir, { recursive: true })
  const corpora: CorpusResult[] = []
  for (const size of options.sizes) corpora.push(await benchCorpus(size, options))
  const { log: _log, ...rest } = options
  return { machine, options: rest, corpora, durationMs: performance.now() - started }
}

let deadlineAt = Number.POSITIVE_INFINITY

/** Milliseconds left before the run's deadline, for a stage's own time limit. */
function remaining(limitMs: number): number {
  return Math.max(1, Math.min(limitMs, deadlineAt - performance.now()))
}

async function stage<T>(result: CorpusResult, name: string, log: (line: string) => void, work: () => Promise<T>): Promise<T | null> {
  if (performance.now() > deadlineAt) {
    result.errors[name] = 'skipped: past the run\'s deadline'
    log(`  ${name}: skipped (past the deadline)`)
    return null
  }
  const t = performance.now()
  try {
    const value = await work()
    log(`  ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
    return value
  } catch (error) {
    result.errors[name] = message(error)
    log(`  ${name}: FAILED after ${((performance.now() - t) / 1000).toFixed(1)} s: ${message(error)}`)
    return null
  }
}

async function benchCorpus(size: string, options: BenchOptions): Promise<CorpusResult> {
  const started = performance.now()
  const { log } = options
  const spec = parseCorpusName(size)
  log(`corpus ${spec.name}`)
  const storiesDir = await prepareCorpus(spec, options.workDir, log)
  const outDir = join(options.workDir, 'runs', spec.generated === null ? 'fiction' : `generated-${spec.generated}`)
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  let stories: Awaited<ReturnType<typeof readArchive>>['stories'] | null = (await readArchive(storiesDir)).stories
  const queries = makeQueries(stories)
  const result: CorpusResult = {
    name: spec.generated === null ? 'fiction' : String(spec.generated),
    stories: stories.length,
    words: stories.reduce((sum, story) => sum + story.words, 0),
    textBytes: stories.reduce((sum, story) => sum + Buffer.byteLength(story.body), 0),
    queries,
    build: null,
    index: null,
    worker: null,
    engines: {},
    pagefind: null,
    errors: {},
    durationMs: 0,
  }
  const judged = spec.generated === null

  let builtDir: string | null = null
  if (options.engines.includes('ours')) {
    const built = await stage(result, 'build', log, () =>
      runChild<BuildTaskResult>('build', { storiesDir, outDir: join(outDir, 'ours') }, remaining(Math.max(options.engineTimeoutMs * 3, 600_000))),
    )
    if (built) {
      result.build = {
        fullMs: built.full.durationMs,
        mbPerSecond: built.full.textBytes / 1e6 / (built.full.durationMs / 1000),
        phases: built.full.phases,
        incrementalMs: built.incremental.durationMs,
        incremental: built.incremental.incremental,
        incrementalPhases: built.incremental.phases,
      }
      builtDir = join(outDir, 'ours')
      const indexText = await readFile(built.indexFile)
      result.index = { bytes: indexText.length, gzipBytes: gzipBytes(indexText), pieceBytes: built.full.pieces.all.bytes, pieceFiles: built.full.pieces.all.files, largestPiece: built.full.pieces.largest }
      await stage(result, 'worker', log, async () => {
        result.worker = await benchWorker(join(outDir, 'ours'), built.indexFile, built.staticDir, queries, options, result)
      })
    }
  }

  const recordsFile = join(outDir, 'records.json')
  await writeFile(recordsFile, JSON.stringify(stories))
  for (const engine of NODE_ENGINES.filter((name) => options.engines.includes(name))) {
    const prebuilt = engine === 'ours' && builtDir !== null
    const args: EngineTaskArgs = {
      engine,
      recordsFile,
      prebuiltDir: prebuilt ? builtDir! : undefined,
      queryBudgetMs: options.queryBudgetMs,
      queries: queries.map((query) => query.q),
      kinds: queries.map((query) => query.kind),
      scratchDir: outDir,
      judged,
    }
    const measured = await stage(result, `node:${engine}`, log, () => runChild<EngineTaskResult>('engine', args, remaining(options.engineTimeoutMs)))
    // Ours was built by buildIndex above: its index phase is the like-for-like build time (records in, index out).
    if (measured) result.engines[engine] = prebuilt ? { ...measured, buildMs: result.build!.phases.index } : measured
  }
  await rm(recordsFile, { force: true })

  if (options.engines.includes('pagefind')) {
    const measured = await stage(result, 'pagefind', log, () => benchPagefind(stories!, join(outDir, 'pagefind'), queries, judged))
    if (measured) result.pagefind = measured
  }
  stories = null
  // Builds and servers are large for big corpora; the corpora themselves are kept for the next run.
  await rm(outDir, { recursive: true, force: true })
  result.durationMs = performance.now() - started
  return result
}

async function benchWorker(dir: string, indexFile: string, staticDir: string, queries: BenchQuery[], options: BenchOptions, result: CorpusResult): Promise<WorkerSummary> {
  const { log } = options
  const config = await writeWranglerConfig(dir, indexFile, staticDir)
  const bundleDir = join(dir, 'dist')
  const bundle = await stage(result, 'bundle', log, () => measureBundle(dir, bundleDir, config))
  // The bundle wrangler would upload, in a fresh workerd with no inspector: nothing sits between the requests and the
  // Worker (wrangler dev's inspector proxy mirrors every piece the Worker reads, which stalls asset-heavy searches).
  const server = await startWorkerd(config, bundleDir, false)
  let firstRequestMs: number
  let secondRequestMs: number
  let sequential: SequentialPass | null
  const loads: LoadRun[] = []
  try {
    firstRequestMs = await timedSearch(server.url, queries[0]!, 'cold')
    secondRequestMs = await timedSearch(server.url, queries[0]!, 'second')
    sequential = await stage(result, 'sequential', log, () => sequentialPass(server.url, queries, 'seq', options.queryBudgetMs))
    for (const connections of options.connections) {
      const run = await stage(result, `load:c${connections}`, log, () => loadRun(server.url, queries, connections, options.seconds, false, `c${connections}`))
      if (run) loads.push(run)
    }
    if (options.cachedRun) {
      const cachedConnections = Math.max(...options.connections)
      // Every URL once more so the edge cache holds them all, then the same load served from the cache.
      const cached = await stage(result, 'load:cached', log, async () => {
        const primed = await primeCache(server.url, queries, options.queryBudgetMs)
        return loadRun(server.url, primed, cachedConnections, Math.max(1, Math.ceil(options.seconds / 2)), true, 'cached')
      })
      if (cached) loads.push(cached)
    }
  } finally {
    await server.stop()
  }
  // The heap in another fresh workerd, with an inspector, after two searches (after a GC).
  const heap = await stage(result, 'heap', log, async () => {
    const inspected = await startWorkerd(config, bundleDir, true)
    try {
      await timedSearch(inspected.url, queries[0]!, 'heap-0')
      await timedSearch(inspected.url, queries[1] ?? queries[0]!, 'heap-1')
      return await inspected.heap(true)
    } finally {
      await inspected.stop()
    }
  })
  return { bundle, startMs: server.startMs, coldStartMs: server.startMs + firstRequestMs, firstRequestMs, secondRequestMs, heap, sequential, loads }
}

/** One search, its URL made unique by `tag` so the edge cache cannot answer; milliseconds to the whole answer. */
async function timedSearch(origin: string, query: BenchQuery, tag: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${origin}${searchPath(query)}&bench=${tag}`)
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`bench: a search answered ${response.status}`)
  return performance.now() - started
}
