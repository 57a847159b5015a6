// `npm run bench:scale -- --stories 1000,5000,20000 [--baselines 20000] [--work DIR] [--out BENCHMARKS.md]`:
// the paged index at archive sizes, each measured from scratch: the build and a one-story rebuild (wall time and peak
// memory, /usr/bin/time -v), the pieces (files, sizes), CPU per search in Node (a fresh process: cold, then warm),
// then the deploy bundle in a fresh workerd: the first search end to end, warm latency over the mix, and the isolate
// heap after the mix and 100 story pages. For the sizes in --baselines, the whole index and plain MiniSearch too.
import { spawn } from 'node:child_process'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureBundle, type BundleSize } from '../../tools/bundle-size'
import { DEFAULT_OUTPUTS, type BuildResult } from '../../index-builder/build-index'
import { measurePieces, type PieceStats } from '../../index-builder/piece-files'
import { isMainModule, readCommandLine } from '../../index-builder/command-line'
import type { IsolateHeap } from '../../tools/isolate-heap'
import type { RequestCosts } from '../../tools/measure-requests'
import { searchPath, type BenchQuery } from '../../tools/query-mix'
import { prepareCorpus } from '../run/corpora'
import { summarize, type Summary } from '../run/stats'
import { writeWranglerConfig } from '../run/worker-server'
import type { BaselineArgs, BaselineResult } from './baseline-child'
import { renderScaleSection, replaceScaleSection } from './scale-report'
import { startWorkerd } from '../run/workerd-session'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const USAGE = 'usage: npm run bench:scale -- --stories N[,N...] [--baselines N[,N...]] [--work DIR] [--out FILE] [--json FILE]'
/** Fresh processes measuring CPU per search at each size; the median run is reported. */
const CPU_RUNS = 3
/** Story pages read after the query mix, before the heap is read. */
const STORY_PAGES = 100

export interface TimedProcess<T> {
  result: T
  wallMs: number
  /** Peak resident set size, from /usr/bin/time -v. */
  maxRssBytes: number
}

export interface ScaleResult {
  stories: number
  textBytes: number
  build: TimedProcess<BuildResult>
  rebuild: TimedProcess<BuildResult>
  pieces: PieceStats
  directoryBytes: number
  bundle: BundleSize
  /** The CPU run with the median warm p95 of CPU_RUNS (each a fresh process), and every run's warm p95. */
  cpu: RequestCosts
  cpuRunsP95: number[]
  workerd: {
    /** From creating a fresh workerd with the prebuilt bundle to the first search answered (median of FRESH_STARTS). */
    firstSearchMs: number
    startMs: number
    /** The first request alone (the story table and the first pieces read). */
    firstRequestMs: number
    /**
     * The same, for a Worker that only answers "ok", with the same static assets: what starting workerd costs on this
     * machine whatever the Worker (the floor under firstSearchMs).
     */
    floorMs: number
    /** Sequential HTTP over the mix on the warm isolate, snippets included. */
    warm: Summary
    /** Then the phrases and single words measure-requests times apart, HTTP p95 of each kind. */
    phraseP95: number
    wordP95: number
    /** After the mix and the story pages: as read, and after a full GC. */
    heap: IsolateHeap
  }
  baselines: BaselineResult | null
}

export interface ScaleRun {
  date: string
  machine: string
  loadAverage: number
  node: string
  results: ScaleResult[]
}

/** Runs a command under /usr/bin/time -v; resolves with its stdout, wall time and peak memory. */
function timed(command: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; wallMs: number; maxRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('/usr/bin/time', ['-v', ...command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)))
    child.on('error', reject)
    child.on('close', (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
      if (code !== 0 || !rss) reject(new Error(`${command.join(' ')} failed (${code}):\n${stderr.slice(-3000)}`))
      else resolve({ stdout, wallMs: performance.now() - started, maxRssBytes: Number(rss[1]) * 1024 })
    })
  })
}

const tsx = (script: string, ...args: string[]) => [process.execPath, '--max-old-space-size=12000', '--expose-gc', '--import', 'tsx', join(ROOT, script), ...args]

async function buildOnce(corpus: string, out: string): Promise<TimedProcess<BuildResult>> {
  const run = await timed(tsx('bench/scale/build-child.ts', corpus, out))
  return { result: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as BuildResult, wallMs: run.wallMs, maxRssBytes: run.maxRssBytes }
}

/** One sentence added mid-story, in the story in the middle of the archive; returns a function that restores it. */
async function editOneStory(corpus: string): Promise<() => Promise<void>> {
  const files = (await readdir(corpus, { recursive: true })).filter((name) => /\.(txt|md|html?)$/.test(name)).sort()
  const file = join(corpus, files[Math.floor(files.length / 2)]!)
  const original = await readFile(file)
  const text = original.toString('utf8')
  const middle = Math.floor(text.length / 2)
  const found = text.slice(middle).search(/\n\n|<\/p>/)
  const cut = found < 0 ? text.length : middle + found
  await writeFile(file, `${text.slice(0, cut)} The benchmark changed this story by one sentence.${text.slice(cut)}`)
  return () => writeFile(file, original)
}

async function measureSize(stories: number, work: string, baselines: boolean, log: (line: string) => void): Promise<ScaleResult> {
  const corpus = await prepareCorpus({ name: String(stories), generated: stories }, work, log)
  const out = join(work, 'scale', String(stories))
  await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  const indexFile = join(out, DEFAULT_OUTPUTS.indexFile)
  const staticDir = join(out, 'static')
  const piecesDir = join(out, DEFAULT_OUTPUTS.piecesDir)

  log(`${stories}: building from scratch`)
  const build = await buildOnce(corpus, out)
  log(`${stories}: built in ${(build.wallMs / 1000).toFixed(1)} s, peak ${(build.maxRssBytes / 2 ** 30).toFixed(2)} GiB; one story changed, rebuilding`)
  const restore = await editOneStory(corpus)
  let rebuild: TimedProcess<BuildResult>
  try {
    rebuild = await buildOnce(corpus, out)
  } finally {
    await restore()
  }
  log(`${stories}: rebuilt in ${(rebuild.wallMs / 1000).toFixed(1)} s (${rebuild.result.incremental.updated ? 'patched' : 'from scratch'})`)
  const pieces = await measurePieces(piecesDir)
  const directoryBytes = (await readFile(indexFile)).length

  log(`${stories}: CPU per search in Node`)
  // One run's p95 moves by a third from run to run on this machine (garbage collection, the shared CPU): the median
  // of a few fresh processes is the figure reported, with the spread beside it.
  const cpuRuns: RequestCosts[] = []
  for (let run = 0; run < CPU_RUNS; run++) cpuRuns.push(JSON.parse((await timed(tsx('tools/measure-requests.ts', indexFile, piecesDir))).stdout) as RequestCosts)
  const byP95 = [...cpuRuns].sort((a, b) => a.warm.p95 - b.warm.p95)
  const cpu = byP95[Math.floor(byP95.length / 2)]!
  const cpuRunsP95 = byP95.map((run) => run.warm.p95)

  log(`${stories}: bundling and serving in workerd`)
  const config = await writeWranglerConfig(out, indexFile, staticDir)
  const bundle = await measureBundle(out, join(out, 'dist'), config)
  const workerd = await measureWorkerd(config, join(out, 'dist'), cpu.queries, cpu.phrasesAndWords.queries, await writeFloorWorker(out, staticDir))

  let baselineResult: BaselineResult | null = null
  if (baselines) {
    log(`${stories}: the whole index and plain MiniSearch (Node)`)
    const args: BaselineArgs = { storiesDir: corpus, indexFile, piecesDir, queries: cpu.queries }
    await writeFile(join(out, 'baseline-args.json'), JSON.stringify(args))
    await timed(tsx('bench/scale/baseline-child.ts', join(out, 'baseline-args.json'), join(out, 'baseline.json')))
    baselineResult = JSON.parse(await readFile(join(out, 'baseline.json'), 'utf8')) as BaselineResult
  }
  return { stories, textBytes: build.result.textBytes, build, rebuild, pieces, directoryBytes, bundle, cpu, cpuRunsP95, workerd, baselines: baselineResult }
}

/** The body of a request that must succeed: a failed answer would be timed as if it were a search. */
async function answered(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url)
  const body = await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return body
}

/** A Worker that only answers "ok", beside the same static assets as the measured one; returns its config. */
async function writeFloorWorker(out: string, staticDir: string): Promise<{ config: string; bundleDir: string }> {
  const dir = join(out, 'floor')
  await mkdir(join(dir, 'dist'), { recursive: true })
  await writeFile(join(dir, 'dist', 'index.js'), 'export default { fetch: () => new Response("ok") }\n')
  const config = join(dir, 'wrangler.toml')
  await writeFile(
    config,
    ['name = "floor"', 'main = "dist/index.js"', 'compatibility_date = "2026-03-29"', 'compatibility_flags = ["nodejs_compat"]', '', '[assets]', `directory = ${JSON.stringify(staticDir)}`, 'binding = "ASSETS"', 'run_worker_first = true', ''].join('\n'),
  )
  return { config, bundleDir: join(dir, 'dist') }
}

/** Fresh workerds started to measure the first answer: the median start is reported, for the Worker and the floor alike. */
const FRESH_STARTS = 3

/** One fresh workerd to its first answer: the start (until it listens), then the first request. */
async function startToFirstAnswer(config: string, bundleDir: string, path: string): Promise<{ startMs: number; requestMs: number }> {
  const session = await startWorkerd(config, bundleDir, false)
  try {
    const first = performance.now()
    await answered(session.url + path)
    return { startMs: session.startMs, requestMs: performance.now() - first }
  } finally {
    await session.stop()
  }
}

async function measureWorkerd(config: string, bundleDir: string, queries: BenchQuery[], apart: BenchQuery[], floor: { config: string; bundleDir: string }): Promise<ScaleResult['workerd']> {
  // A fresh workerd with the prebuilt bundle, as production starts an isolate, to the first answer; beside it, the
  // "ok" Worker's. Started in turns, each the same number of times, which goes first changing each turn: the first
  // start in this process pays for loading Miniflare and workerd from disk, and the machine's load drifts, so neither
  // side gets the easier starts.
  const ours: { startMs: number; requestMs: number }[] = []
  const floors: number[] = []
  const startOurs = async () => ours.push(await startToFirstAnswer(config, bundleDir, searchPath(queries[0]!)))
  const startFloor = async () => {
    const { startMs, requestMs } = await startToFirstAnswer(floor.config, floor.bundleDir, '/')
    floors.push(startMs + requestMs)
  }
  for (let i = 0; i < FRESH_STARTS; i++) {
    for (const start of i % 2 === 0 ? [startOurs, startFloor] : [startFloor, startOurs]) await start()
  }
  const median = ours.sort((a, b) => a.startMs + a.requestMs - (b.startMs + b.requestMs))[Math.floor(FRESH_STARTS / 2)]!
  const floorMs = floors.sort((a, b) => a - b)[Math.floor(FRESH_STARTS / 2)]!
  // Latency without an inspector: nothing between the requests and the Worker. The first search is not timed here.
  let session = await startWorkerd(config, bundleDir, false)
  let warm: Summary
  let phraseP95: number
  let wordP95: number
  try {
    await answered(session.url + searchPath(queries[0]!))
    const times = async (sent: readonly BenchQuery[]) => {
      const took: number[] = []
      for (const query of sent) {
        const t = performance.now()
        await answered(session.url + searchPath(query))
        took.push(performance.now() - t)
      }
      return took
    }
    warm = summarize(await times(queries))
    const apartTimes = await times(apart)
    const p95Of = (kind: string) => summarize(apartTimes.filter((_, i) => apart[i]!.kind === kind)).p95
    phraseP95 = p95Of('phrase')
    wordP95 = p95Of('word')
  } finally {
    await session.stop()
  }
  // The heap, in a fresh workerd with an inspector, after the same mix and the story pages.
  session = await startWorkerd(config, bundleDir, true)
  let heap: IsolateHeap
  try {
    for (const query of queries) await answered(session.url + searchPath(query))
    const listing = JSON.parse(new TextDecoder().decode(await answered(`${session.url}/api/search?q=&limit=${STORY_PAGES}`))) as { hits: { id: string }[] }
    for (const { id } of listing.hits) await answered(`${session.url}/stories/${encodeURIComponent(id)}`)
    heap = await session.heap(true)
  } finally {
    await session.stop()
  }
  return { firstSearchMs: median.startMs + median.requestMs, startMs: median.startMs, firstRequestMs: median.requestMs, floorMs, warm, phraseP95, wordP95, heap }
}

/** Measures every size in `sizes` (with the baselines for those in `baselines`) and writes the scale section of `out`. */
export async function runScale(sizes: number[], baselines: Set<number>, work: string, out: string, jsonFile: string, log: (line: string) => void): Promise<ScaleRun> {
  const cpu = cpus()
  const run: ScaleRun = {
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    loadAverage: loadavg()[0]!,
    node: process.versions.node,
    results: [],
  }
  for (const stories of sizes) {
    run.results.push(await measureSize(stories, work, baselines.has(stories), log))
    // Saved after every size: a long run keeps what it measured.
    await writeFile(jsonFile, JSON.stringify(run, null, 2))
  }
  const text = await readFile(out, 'utf8').catch(() => '# Benchmarks\n')
  await writeFile(out, replaceScaleSection(text, renderScaleSection(run)))
  log(`wrote ${out} and ${jsonFile}`)
  return run
}

// As a command of its own (npm run bench:scale); npm run bench runs it after the engine comparison.
if (isMainModule(import.meta.url)) {
  const { values } = readCommandLine(USAGE, {
    options: {
      stories: { type: 'string' },
      baselines: { type: 'string', default: '' },
      work: { type: 'string', default: join(tmpdir(), 'story-search-bench') },
      out: { type: 'string', default: 'BENCHMARKS.md' },
      json: { type: 'string' },
    },
  })
  const sizes = (values.stories ?? '').split(',').filter(Boolean).map(Number)
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(USAGE)
    process.exit(2)
  }
  const baselines = new Set(values.baselines!.split(',').filter(Boolean).map(Number))
  const log = (line: string) => console.log(`[scale ${new Date().toISOString().slice(11, 19)}] ${line}`)
  await runScale(sizes, baselines, values.work!, values.out!, values.json ?? join(values.work!, 'scale.json'), log)
}
