// One measurement in a fresh Node process (run with --expose-gc), so heaps and timings do not leak between engines or corpora.
// Usage: node --expose-gc --import tsx bench/run/child.ts <task> <args.json> <result.json>
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildIndex, type BuildResult } from '../../index-builder/build-index'
import type { StoryRecord } from '../../core/story-record'
import { loadJudgedQueries } from '../eval/judgments'
import { ndcg } from '../eval/metrics'
import { listStoryFiles } from '../../index-builder/read-stories'
import { ENGINE_ADAPTERS, type NodeEngineName } from './engines'
import { collect, gzipBytes, summarize, type Summary } from './stats'

export interface EngineTaskArgs {
  engine: NodeEngineName
  /** The corpus's records as readArchive returned them, as JSON (parsed once by the parent). */
  recordsFile: string
  /** A folder where buildIndex already wrote the directory (search.index.json) and pieces: loaded instead of building again (ours only). */
  prebuiltDir?: string
  /** Stop the measured query pass after this long (the rest of the 200 are not timed). */
  queryBudgetMs: number
  queries: string[]
  /** The kind of each query, for per-kind means. */
  kinds: string[]
  /** Where the index is written between build and load. */
  scratchDir: string
  /** Judged queries (test/relevance/queries.json) to score, for the corpus they were judged on. */
  judged: boolean
}

export interface EngineTaskResult {
  engine: NodeEngineName
  setup: string
  stories: number
  buildMs: number
  /** What the engine ships: files and bytes (raw, and each file gzipped). */
  files: number
  serializedBytes: number
  serializedGzipBytes: number
  /** Time to load the index until it can answer (what a cold isolate pays on its first request). */
  loadMs: number
  /** Memory (heapUsed + arrayBuffers, stats.ts collect) after loading minus before, both after full GCs. */
  heapBytes: number
  /** The same after the whole query mix minus before loading: what answering kept (a paged index loads as it goes). */
  heapAfterQueriesBytes: number
  latency: Summary
  /** Milliseconds per query kind (mean). */
  byKind: Record<string, number>
  hitsPerQuery: number
  /** How many of the mix were timed before the budget ran out. */
  queriesTimed: number
  ndcg10: number | null
  judgedQueries: number
}

export interface BuildTaskArgs {
  storiesDir: string
  outDir: string
}

export interface BuildTaskResult {
  /** From scratch, with an empty cache (so it also fills the cache). */
  full: BuildResult
  /** After one story changed by one sentence. */
  incremental: BuildResult
  editedFile: string
  /** The directory; the pieces are in staticDir/index (as the Worker serves them). */
  indexFile: string
  staticDir: string
}

const WARM_UP_QUERIES = 20

async function runEngine(args: EngineTaskArgs): Promise<EngineTaskResult> {
  const adapter = ENGINE_ADAPTERS[args.engine]
  const stories = JSON.parse(await readFile(args.recordsFile, 'utf8')) as StoryRecord[]
  collect()
  let started = performance.now()
  let dir = args.prebuiltDir
  let buildMs = Number.NaN
  if (!dir) {
    let index: unknown = await adapter.build(stories)
    buildMs = performance.now() - started
    dir = join(args.scratchDir, args.engine)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    await adapter.save(index, dir)
    index = null
  }
  let serializedBytes = 0
  let serializedGzipBytes = 0
  // What is served: the index files, not the build's cache or report.
  const names = (await readdir(dir, { recursive: true })).filter((name) => /\.(json|bin)$/.test(name) && !name.startsWith('cache') && !name.endsWith('build-report.json'))
  for (const name of names) {
    const bytes = await readFile(join(dir, name))
    serializedBytes += bytes.length
    serializedGzipBytes += gzipBytes(bytes)
  }
  const before = collect()
  started = performance.now()
  const search = await adapter.load(dir, stories)
  const loadMs = performance.now() - started
  const heapBytes = collect() - before

  // A short pass to warm the JIT, then the measured pass over the mix (cut short by the budget on slow engines).
  for (const q of args.queries.slice(0, WARM_UP_QUERIES)) await search(q)
  const times: number[] = []
  let hits = 0
  const deadline = performance.now() + args.queryBudgetMs
  for (const q of args.queries) {
    if (performance.now() > deadline) break
    const t = performance.now()
    const ids = await search(q)
    times.push(performance.now() - t)
    hits += ids.length
  }
  const heapAfterQueriesBytes = collect() - before
  if (!args.prebuiltDir) await rm(dir, { recursive: true, force: true })
  const kinds = new Map<string, number[]>()
  times.forEach((_, i) => {
    const kind = args.kinds[i] ?? 'all'
    kinds.set(kind, [...(kinds.get(kind) ?? []), times[i]!])
  })

  let ndcg10: number | null = null
  let judgedQueries = 0
  if (args.judged) {
    const known = new Set(stories.map((story) => story.id))
    const judged = await loadJudgedQueries(undefined, known)
    let total = 0
    for (const query of judged) total += ndcg(await search(query.query), query.judgments, 10)
    ndcg10 = judged.length > 0 ? total / judged.length : null
    judgedQueries = judged.length
  }
  return {
    engine: args.engine,
    setup: adapter.setup,
    stories: stories.length,
    buildMs,
    files: names.length,
    serializedBytes,
    serializedGzipBytes,
    loadMs,
    heapBytes,
    heapAfterQueriesBytes,
    latency: summarize(times),
    byKind: Object.fromEntries([...kinds].map(([kind, values]) => [kind, values.reduce((a, b) => a + b, 0) / values.length])),
    hitsPerQuery: hits / times.length,
    queriesTimed: times.length,
    ndcg10,
    judgedQueries,
  }
}

/** Our build from scratch (with an empty cache, as the first `npm start` runs it), then again after one story changes. */
async function runBuild(args: BuildTaskArgs): Promise<BuildTaskResult> {
  const indexFile = join(args.outDir, 'search.index.json')
  const staticDir = join(args.outDir, 'static')
  const cacheDir = join(args.outDir, 'cache')
  const outputs = { storiesDir: args.storiesDir, indexFile, piecesDir: join(staticDir, 'index'), reportFile: join(args.outDir, 'build-report.json'), cacheDir }
  await rm(cacheDir, { recursive: true, force: true })
  const full = await buildIndex(outputs)
  const files = await listStoryFiles(args.storiesDir)
  const edited = join(args.storiesDir, files[Math.floor(files.length / 2)]!)
  const original = await readFile(edited)
  let incremental: BuildResult
  try {
    // Mid-story, at the end of a paragraph (a blank line, or `</p>` in HTML): appended to the file, the sentence landed
    // after an HTML download's `</html>`, outside the story, and nothing served changed (the 5,000-story corpus, once).
    const text = original.toString('utf8')
    const middle = Math.floor(text.length / 2)
    const found = text.slice(middle).search(/\n\n|<\/p>/)
    const cut = found < 0 ? text.length : middle + found
    await writeFile(edited, `${text.slice(0, cut)} The benchmark changed this story by one sentence.${text.slice(cut)}`)
    incremental = await buildIndex(outputs)
  } finally {
    // The corpus is shared between runs; the served index keeps the edited sentence, which no query looks for.
    await writeFile(edited, original)
  }
  return { full, incremental, editedFile: edited, indexFile, staticDir }
}

const [task, argsFile, resultFile] = process.argv.slice(2)
if (!task || !argsFile || !resultFile) throw new Error('usage: child.ts <engine|build> <args.json> <result.json>')
const args = JSON.parse(await readFile(argsFile, 'utf8'))
const result = task === 'engine' ? await runEngine(args) : task === 'build' ? await runBuild(args) : null
if (result === null) throw new Error(`bench: unknown task ${task}`)
await writeFile(resultFile, JSON.stringify(result))
