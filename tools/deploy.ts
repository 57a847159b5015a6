// `npm run deploy [-- --dry-run] [--force] [--config FILE]`: build, test, check the Worker against Workers' limits,
// then wrangler deploy. `deploy()` is the pipeline, importable; the command line only reads its options.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildIndex, outputsUnder, type DEFAULT_OUTPUTS } from '../index-builder/build-index'
import { indexVersion } from '../core/index-contract'
import type { BuildProblem } from '../core/story-record'
import {
  PLAN_LIMITS,
  formatBudgetTable,
  loadDeployConfig,
  overBudget,
  storyDropProblem,
  type BudgetLine,
  type DeployState,
  type ResolvedDeployConfig,
} from './deploy-config'
import { formatBytes, formatProblems } from '../index-builder/report'
import { isMainModule, readCommandLine } from '../index-builder/command-line'
import { writeFileAtomic } from '../index-builder/write-atomic'
import { startDevServer } from './dev-server'
import { heldBytes, isolateHeap } from './isolate-heap'
import { measureBundle } from './bundle-size'
import type { RequestCosts } from './measure-requests'
import { searchPath } from './query-mix'
import { wranglerEnv } from './wrangler-env'

const MiB = 1024 * 1024
/** How long wrangler dev gets to answer its first search. */
const DEV_START_TIMEOUT_MS = 90_000
/** Story pages read in the mixed workload, after the query mix. */
const WORKLOAD_STORY_PAGES = 100

/** Why a deploy stopped: a check failed or was refused; said to the user as it is, without a stack. */
export class DeployStop extends Error {
  override name = 'DeployStop'
}

export interface DeployOptions {
  /** Check everything, upload nothing. */
  dryRun: boolean
  /** Deploy although files could not be read or the archive shrank too much. */
  force: boolean
  /** The deploy config, relative to `cwd`. */
  config: string
  /** The project folder. */
  cwd: string
  say: (line: string) => void
}

/** What a deploy did: the index version, and whether it was uploaded. */
export interface DeployOutcome {
  version: string
  uploaded: boolean
}

/** Builds, checks and (unless a dry run) uploads the Worker; throws DeployStop with the reason when it stops. */
export async function deploy(options: DeployOptions): Promise<DeployOutcome> {
  const { cwd, say } = options
  // Before a build and minutes of checks, not after them.
  if (!options.dryRun) requireToken(process.env)
  const config = await loadDeployConfig(resolve(cwd, options.config))
  const outputs = outputsUnder(cwd)
  const storiesDir = resolve(cwd, config.storiesDir)
  say(`building the index from ${config.storiesDir}`)
  const build = await buildIndex({ storiesDir, ...outputs })
  const version = indexVersion(build)
  say(`${build.storyCount} stories, ${build.pieces.all.files} index pieces (${formatBytes(build.pieces.all.bytes)}), directory ${formatBytes(build.indexBytes)}, version ${version}`)
  if (build.problems.length > 0) console.log(formatProblems(build.problems, outputs.reportFile))
  for (const reason of refusals(build.problems, await readState(resolve(cwd, config.stateFile)), build.storyCount, config.maxStoryDrop)) {
    if (!options.force) throw new DeployStop(`refusing to deploy: ${reason}`)
    say(`--force: deploying anyway although ${reason}`)
  }
  if (config.tests.length > 0) {
    say(`running the tests: ${config.tests.join(' ')}`)
    const tests = spawnSync(config.tests[0]!, config.tests.slice(1), { cwd, stdio: 'inherit' })
    if (tests.status !== 0) throw new DeployStop('the tests failed; nothing was deployed')
  }

  say('bundling with wrangler deploy --dry-run')
  const outdir = await mkdtemp(join(tmpdir(), 'story-search-bundle-'))
  try {
    const bundle = await bundleWorker(cwd, outdir)
    const assets = await measureAssets(join(cwd, 'static'))
    say(`worker bundle ${bundle.rawKiB.toFixed(2)} KiB raw / ${bundle.gzipKiB.toFixed(2)} KiB gzip (${bundle.source}); static assets ${assets.files} files, largest ${formatBytes(assets.largest)}`)
    const limits = (key: keyof (typeof PLAN_LIMITS)['free']) => ({ free: PLAN_LIMITS.free[key], paid: PLAN_LIMITS.paid[key] })
    const lines: BudgetLine[] = [
      { label: 'static asset files', value: assets.files, unit: 'files', budget: null, limits: limits('assetFiles'), method: 'static/, the index pieces included' },
      { label: 'largest static file', value: assets.largest / MiB, unit: 'MiB', budget: null, limits: limits('assetFileMiB'), method: 'static/' },
      { label: 'worker size (gzip)', value: bundle.gzipKiB / 1024, unit: 'MiB', budget: config.budgets.workerGzipMiB, limits: limits('workerGzipMiB'), method: bundle.source },
    ]
    if (overBudget(lines, config.plan).length === 0) lines.push(...(await measureRuntime(options, config, build.storyCount, version)))
    console.log(`deploy: budgets (deploy.config.json, plan "${config.plan}") against Workers' limits:\n${formatBudgetTable(lines, config.plan)}`)
    const over = overBudget(lines, config.plan)
    if (over.length > 0) throw new DeployStop(`over budget, nothing was deployed:\n  ${over.join('\n  ')}`)
  } finally {
    await rm(outdir, { recursive: true, force: true })
  }

  if (options.dryRun) {
    say('dry run: every check passed; nothing was uploaded')
    return { version, uploaded: false }
  }
  say('uploading with wrangler deploy')
  const upload = spawnSync('npx', ['wrangler', 'deploy'], { cwd, stdio: 'inherit', env: wranglerEnv() })
  if (upload.status !== 0) throw new DeployStop('wrangler deploy failed; the previous deployment keeps serving')
  const state: DeployState = { storyCount: build.storyCount, version, deployedAt: new Date().toISOString() }
  await writeFileAtomic(resolve(cwd, config.stateFile), `${JSON.stringify(state, null, 2)}\n`)
  say(`deployed index ${version} (${build.storyCount} stories); recorded in ${config.stateFile} — commit it with the archive`)
  return { version, uploaded: true }
}

/**
 * Why this build should not be deployed without --force: story files that could not be read (they would be missing
 * from the index), and an archive that shrank by more than `maxStoryDrop` since the last deploy.
 */
export function refusals(problems: readonly BuildProblem[], previous: DeployState | null, storyCount: number, maxStoryDrop: number): string[] {
  const reasons: string[] = []
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) reasons.push(`${errors.length} story file(s) could not be read or parsed and would be missing from the index (listed above)`)
  const drop = storyDropProblem(previous, storyCount, maxStoryDrop)
  if (drop) reasons.push(drop)
  return reasons
}

/** Stops before uploading when wrangler would have no token to upload with. */
export function requireToken(env: NodeJS.ProcessEnv): void {
  if (!env['CLOUDFLARE_API_TOKEN']) {
    throw new DeployStop(
      'CLOUDFLARE_API_TOKEN is not set, so nothing could be uploaded; nothing was built or checked. Create an API token ' +
        'with the "Edit Cloudflare Workers" template, export CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID), and run ' +
        'npm run deploy again; npm run deploy -- --dry-run checks everything without uploading',
    )
  }
}

/** What the last deploy recorded, or null when nothing was deployed from here yet. */
export async function readState(path: string): Promise<DeployState | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DeployState
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new DeployStop(`cannot read ${path}: ${(error as Error).message}`)
  }
}

/** The bundle's size as wrangler reports it, or measured from what it wrote when it prints no total. */
async function bundleWorker(cwd: string, outdir: string): Promise<{ rawKiB: number; gzipKiB: number; source: string }> {
  let bundle
  try {
    bundle = await measureBundle(cwd, outdir)
  } catch (error) {
    throw new DeployStop((error as Error).message)
  }
  if (bundle.wranglerRawBytes !== null && bundle.wranglerGzipBytes !== null) {
    return { rawKiB: bundle.wranglerRawBytes / 1024, gzipKiB: bundle.wranglerGzipBytes / 1024, source: 'as wrangler reports it' }
  }
  return { rawKiB: bundle.rawBytes / 1024, gzipKiB: bundle.gzipBytes / 1024, source: 'measured from wrangler --outdir' }
}

/** Files under `dir` and the largest one's size: what Workers' static assets limit. */
export async function measureAssets(dir: string): Promise<{ files: number; largest: number }> {
  let files = 0
  let largest = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    files++
    largest = Math.max(largest, (await stat(join(entry.parentPath, entry.name))).size)
  }
  return { files, largest }
}

/**
 * Measures the Worker running. The CPU each search takes is measured in a fresh Node process around the Worker's own
 * search code, on the index just built (a cold first search, then the query mix). The same mix and story pages then go
 * to the built Worker in wrangler dev, after it proved it serves this index and finds stories by title, and the
 * isolate's memory (its JS heap and array buffers) is read over the DevTools protocol (Runtime.getHeapUsage) after a
 * full GC.
 */
async function measureRuntime({ cwd, say }: DeployOptions, config: ResolvedDeployConfig, storyCount: number, version: string): Promise<BudgetLine[]> {
  const costs = await measureRequestCosts(outputsUnder(cwd))
  const started = performance.now()
  const server = await startDevServer({ cwd, firstPath: '/api/search?q=the', timeoutMs: DEV_START_TIMEOUT_MS }).catch((error: Error) => {
    throw new DeployStop(error.message)
  })
  const { origin, inspectorPort } = server
  let memory: number | null = null
  let memoryMethod = ''
  try {
    say(`fresh wrangler dev answered its first search after ${Math.round(performance.now() - started)} ms (includes bundling; informational)`)
    const ids = await smokeTest(origin, storyCount, version, say)
    for (const query of costs.queries) await (await fetch(origin + searchPath(query))).arrayBuffer()
    for (const id of ids.slice(0, WORKLOAD_STORY_PAGES)) await (await fetch(`${origin}/stories/${encodeURIComponent(id)}`)).arrayBuffer()
    try {
      const measured = await isolateHeap(inspectorPort)
      memory = heldBytes(measured)
      memoryMethod = `workerd isolate JS heap ${(measured.usedBytes / MiB).toFixed(1)} MiB + array buffers ${(measured.buffersBytes / MiB).toFixed(1)} MiB via DevTools, after ${costs.queries.length} searches and ${Math.min(ids.length, WORKLOAD_STORY_PAGES)} story pages${measured.collected ? ' and a full GC' : ''}`
    } catch (error) {
      memoryMethod = `DevTools unavailable (${(error as Error).message})`
    }
  } finally {
    await server.stop()
  }
  const cpu = { free: PLAN_LIMITS.free.cpuMs, paid: PLAN_LIMITS.paid.cpuMs }
  const node = 'Node, the Worker\'s search code on the built index'
  return [
    { label: 'isolate memory (mixed load)', value: memory === null ? null : memory / MiB, unit: 'MiB', budget: config.budgets.memoryMiB, limits: { free: PLAN_LIMITS.free.memoryMiB, paid: PLAN_LIMITS.paid.memoryMiB }, method: memoryMethod },
    { label: 'CPU per search, p95 warm', value: costs.warm.p95, unit: 'ms', budget: config.budgets.cpuMs, limits: cpu, method: `${node}, ${costs.warm.requests} searches of the query mix after ${costs.firstSearches.requests} others` },
    ...(costs.warm.threadMean === null
      ? []
      : [{ label: 'CPU per search, mean warm (JS thread)', value: costs.warm.threadMean, unit: 'ms' as const, budget: null, limits: cpu, method: `${node}: the same searches, the JavaScript thread alone (without V8's compiler and garbage-collector threads; the process: ${costs.warm.mean.toFixed(1)} ms)`, informational: true }]),
    { label: 'CPU p95, first searches', value: costs.firstSearches.p95, unit: 'ms', budget: null, limits: cpu, method: `${node}: an isolate's first ${costs.firstSearches.requests} searches after the cold one, code still compiling and pieces read for the first time`, informational: true },
    { label: 'CPU per search, largest', value: costs.warm.max, unit: 'ms', budget: null, limits: cpu, method: `${node}: ${JSON.stringify(costs.warm.maxQuery)}`, informational: true },
    { label: 'CPU, cold first search', value: costs.cold.cpuMs, unit: 'ms', budget: null, limits: cpu, method: `${node}, a fresh process: opening the index, JIT and the first search`, informational: true },
    // Whether the subrequest limit counts the assets binding is not documented: shown, not enforced.
    { label: 'pieces read per search, most', value: costs.reads.max, unit: 'reads', budget: null, limits: { free: PLAN_LIMITS.free.subrequests, paid: PLAN_LIMITS.paid.subrequests }, method: `${node}: each of the ${costs.reads.requests} searches of the mix on an empty cache (p95 ${costs.reads.p95}; the most: ${JSON.stringify(costs.reads.maxQuery)}), against the subrequest limit, which may count static-asset reads`, informational: true },
  ]
}

/** Runs tools/measure-requests.ts in a fresh Node process, as a new isolate would start. */
function measureRequestCosts(outputs: typeof DEFAULT_OUTPUTS): Promise<RequestCosts> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure-requests.ts'), outputs.indexFile, outputs.piecesDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as RequestCosts) : reject(new DeployStop(`measuring the built index failed: ${err.trim()}`))))
  })
}

/**
 * The guard on the index itself: the Worker serves this build, every story is listed, and a sample is found and loads.
 * Returns the ids of the newest stories (up to 100), for the workload.
 */
async function smokeTest(origin: string, storyCount: number, version: string, say: (line: string) => void): Promise<string[]> {
  const fail = (what: string) => {
    throw new DeployStop(`the built Worker failed a check, nothing was deployed: ${what}`)
  }
  const health = await fetch(`${origin}/api/health`)
  const body = (await health.json()) as { index?: { version?: string; stories?: number } }
  if (body.index?.version !== version) fail(`it serves index ${body.index?.version}, not the one just built (${version})`)
  if (body.index?.stories !== storyCount) fail(`it reports ${body.index?.stories} stories, the build made ${storyCount}`)
  if (health.headers.get('x-index-version') !== version) fail('X-Index-Version does not match the index')
  const listing = (await (await fetch(`${origin}/api/search?q=&limit=100`)).json()) as { total: number; hits: { id: string; title: string }[] }
  if (listing.total !== storyCount) fail(`browsing lists ${listing.total} stories, not ${storyCount}`)
  for (const hit of listing.hits.slice(0, 5)) {
    const story = await fetch(`${origin}/api/stories/${encodeURIComponent(hit.id)}`)
    await story.arrayBuffer()
    if (story.status !== 200) fail(`story ${hit.id} answers ${story.status}`)
    if (!/\p{L}/u.test(hit.title)) continue
    const found = (await (await fetch(`${origin}/api/search?limit=50&q=${encodeURIComponent(hit.title.slice(0, 200))}`)).json()) as { hits: { id: string }[] }
    if (!found.hits.some((h) => h.id === hit.id)) fail(`searching for its title "${hit.title}" does not find story ${hit.id}`)
  }
  say(`checked the built Worker: index ${version}, ${storyCount} stories listed, ${Math.min(5, listing.hits.length)} found by title and loaded`)
  return listing.hits.map((hit) => hit.id)
}

// Run as a command, not when imported.
if (isMainModule(import.meta.url)) {
  const { values } = readCommandLine('usage: npm run deploy [-- --dry-run] [--force] [--config FILE]', {
    options: {
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      config: { type: 'string', default: 'deploy.config.json' },
    },
  })
  const options = { dryRun: values['dry-run']!, force: values.force!, config: values.config!, cwd: process.cwd(), say: (line: string) => console.log(`deploy: ${line}`) }
  deploy(options).catch((error: unknown) => {
    if (error instanceof DeployStop || (error as Error).name === 'DeployConfigError') console.error(`deploy: ${(error as Error).message}`)
    else console.error('deploy: unexpected failure', error)
    process.exit(1)
  })
}
