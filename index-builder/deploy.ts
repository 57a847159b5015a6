// `npm run deploy [-- --dry-run] [--force] [--config FILE] [--shards [N]]`: build, test, check Workers' limits, then
// wrangler deploy. With --shards, the archive is built as shards (index-builder/shards.ts) and every shard Worker is
// deployed before the front that binds to them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_OUTPUTS, buildIndex } from './build-index'
import { buildShards, type ShardBuildResult } from './shards'
import type { BuildProblem } from '../worker/lib/story-record'
import {
  formatBudgetTable,
  loadDeployConfig,
  overBudget,
  storyDropProblem,
  type BudgetLine,
  type DeployState,
  type ResolvedDeployConfig,
} from './deploy-config'
import { formatBytes, formatProblems } from './report'
import { readCommandLine } from './command-line'
import { writeFileAtomic } from './write-atomic'
import { freePort } from './free-port'
import { isolateHeap } from './isolate-heap'
import { measureBundle } from './bundle-size'
import { wranglerEnv } from './wrangler-env'

const MiB = 1024 * 1024
/** Workers Static Assets: files per version (free plan) and bytes per file. */
const ASSET_FILE_LIMIT = 20_000
const ASSET_BYTES_LIMIT = 25 * MiB
/** How long wrangler dev gets to answer its first search. */
const DEV_START_TIMEOUT_MS = 90_000

class DeployStop extends Error {
  override name = 'DeployStop'
}

const { values } = readCommandLine('usage: npm run deploy [-- --dry-run] [--force] [--config FILE] [--shards [N]]', {
  options: {
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    config: { type: 'string', default: 'deploy.config.json' },
    // A bare --shards lets the builder choose the count from the heap budget; --shards N forces N.
    shards: { type: 'string' },
  },
})
/** Where the sharded deployment is built (the configs `wrangler deploy -c` reads). */
const SHARDS_DIR = 'build/shards'
const dryRun = values['dry-run']!
const force = values.force!
const say = (line: string) => console.log(`deploy: ${line}`)

async function main(): Promise<void> {
  const config = await loadDeployConfig(values.config!)
  if (values.shards !== undefined) return deploySharded(config)

  say(`building the index from ${config.storiesDir}`)
  const build = await buildIndex({ storiesDir: config.storiesDir, ...DEFAULT_OUTPUTS })
  const version = build.contentHash.slice(0, 16)
  say(`${build.storyCount} stories, index ${formatBytes(build.indexBytes)}, fragments ${formatBytes(build.fragmentBytes)}, version ${version}`)
  await guard(config, build.problems, build.storyCount, DEFAULT_OUTPUTS.reportFile)

  say('bundling with wrangler deploy --dry-run')
  const outdir = await mkdtemp(join(tmpdir(), 'story-search-bundle-'))
  try {
    const bundle = await bundleWorker(outdir)
    const assets = await measureAssets('static')
    say(`worker bundle ${bundle.rawKiB.toFixed(2)} KiB raw / ${bundle.gzipKiB.toFixed(2)} KiB gzip (${bundle.source}); index ${formatBytes(build.indexBytes)}`)
    say(`static assets: ${assets.files} files, largest ${formatBytes(assets.largest)} (limits ${ASSET_FILE_LIMIT} files, ${formatBytes(ASSET_BYTES_LIMIT)} per file)`)
    if (assets.files > ASSET_FILE_LIMIT || assets.largest > ASSET_BYTES_LIMIT) throw new DeployStop('the static assets are over the Workers Static Assets limits')

    const lines: BudgetLine[] = [
      { label: 'worker size (gzip)', value: bundle.gzipKiB / 1024, budget: config.budgets.workerGzipMiB, limit: '3 MiB free / 10 MiB paid', unit: 'MiB', method: bundle.source },
    ]
    if (overBudget(lines).length === 0) lines.push(...(await measureRuntime(config, build.storyCount, version)))
    else {
      lines.push(
        { label: 'isolate memory', value: null, budget: config.budgets.memoryMiB, limit: '128 MiB', unit: 'MiB', method: 'skipped: the bundle is already over budget' },
        { label: 'index parse+load', value: null, budget: config.budgets.indexLoadMs, limit: '1 s start-up', unit: 'ms', method: 'skipped' },
      )
    }
    console.log(`deploy: budgets (deploy.config.json) against Workers' limits:\n${formatBudgetTable(lines)}`)
    const over = overBudget(lines)
    if (over.length > 0) {
      throw new DeployStop(
        `over budget, nothing was deployed:\n  ${over.join('\n  ')}\n` +
          'an archive too large for one Worker can be deployed as shards: npm run deploy -- --shards',
      )
    }
  } finally {
    await rm(outdir, { recursive: true, force: true })
  }

  if (dryRun) {
    say('dry run: every check passed; nothing was uploaded')
    return
  }
  requireToken()
  say('uploading with wrangler deploy')
  const upload = spawnSync('npx', ['wrangler', 'deploy'], { stdio: 'inherit' })
  if (upload.status !== 0) throw new DeployStop('wrangler deploy failed; the previous deployment keeps serving')
  const state: DeployState = { storyCount: build.storyCount, version, deployedAt: new Date().toISOString() }
  await writeFileAtomic(config.stateFile, `${JSON.stringify(state, null, 2)}\n`)
  say(`deployed index ${version} (${build.storyCount} stories); recorded in ${config.stateFile} — commit it with the archive`)
}

/**
 * The sharded deployment: build the shards and the front, run the same guards (problems, story drop, tests), check
 * every Worker's bundle and the largest shard's heap against the budgets, then deploy the shards one by one and the
 * front last. The front binds to the shards by name, so it goes live only once every shard it calls serves this build.
 */
async function deploySharded(config: ResolvedDeployConfig): Promise<void> {
  const forced = values.shards === '' ? undefined : Number(values.shards)
  if (forced !== undefined && !(Number.isInteger(forced) && forced >= 1)) throw new DeployStop(`--shards takes a whole number of shards, got "${values.shards}"`)
  say(`building ${forced ?? 'the needed number of'} shard(s) from ${config.storiesDir} into ${SHARDS_DIR}`)
  const built = await buildShards({ storiesDir: config.storiesDir, outDir: SHARDS_DIR, ...(forced ? { shardCount: forced } : {}) })
  const version = built.contentHash.slice(0, 16)
  say(`${built.storyCount} stories in ${built.shardCount} shard(s), version ${version}`)
  await guard(config, built.problems, built.storyCount, 'the build')

  const order = deployOrder(built)
  const lines: BudgetLine[] = []
  for (const worker of order) {
    const outdir = await mkdtemp(join(tmpdir(), 'story-search-bundle-'))
    try {
      const bundle = await bundleWorker(outdir, worker.config)
      lines.push({ label: `${worker.name} size (gzip)`, value: bundle.gzipKiB / 1024, budget: config.budgets.workerGzipMiB, limit: '3 MiB free / 10 MiB paid', unit: 'MiB', method: bundle.source })
    } finally {
      await rm(outdir, { recursive: true, force: true })
    }
  }
  const front = await measureAssets(join(SHARDS_DIR, 'front', 'static'))
  say(`front static assets: ${front.files} files, largest ${formatBytes(front.largest)} (limits ${ASSET_FILE_LIMIT} files on the free plan, 100,000 paid; ${formatBytes(ASSET_BYTES_LIMIT)} per file)`)
  if (front.largest > ASSET_BYTES_LIMIT) throw new DeployStop('a static asset is over the 25 MiB Workers Static Assets limit')
  if (front.files > ASSET_FILE_LIMIT) say(`the front has more than ${ASSET_FILE_LIMIT} files: it needs the Workers Paid plan (100,000 files per version)`)
  // Shards are cut to the same size; the one with the most text needs the most heap.
  const largest = built.shards.reduce((best, shard, i) => (shard.textBytes > built.shards[best]!.textBytes ? i : best), 0)
  const loaded = await measureIndexLoad(join(SHARDS_DIR, `shard-${largest}`, 'search.index.json'))
  lines.push(
    { label: `shard-${largest} memory (largest)`, value: loaded.heapBytes / MiB, budget: config.budgets.memoryMiB, limit: '128 MiB', unit: 'MiB', method: 'Node heap after loading the index with the same code' },
    { label: `shard-${largest} parse+load`, value: loaded.loadMs, budget: config.budgets.indexLoadMs, limit: '1 s start-up', unit: 'ms', method: 'Node, same loadIndex code plus one search' },
  )
  console.log(`deploy: budgets (deploy.config.json) against Workers' limits:\n${formatBudgetTable(lines)}`)
  const over = overBudget(lines)
  if (over.length > 0) throw new DeployStop(`over budget, nothing was deployed:\n  ${over.join('\n  ')}`)

  say(`deploy order: ${order.map((worker) => worker.name).join(', ')}`)
  if (dryRun) {
    say('dry run: every check passed; nothing was uploaded')
    return
  }
  requireToken()
  for (const worker of order) {
    say(`uploading ${worker.name} with wrangler deploy -c ${worker.config}`)
    const upload = spawnSync('npx', ['wrangler', 'deploy', '-c', worker.config], { stdio: 'inherit' })
    if (upload.status !== 0) {
      throw new DeployStop(`wrangler deploy of ${worker.name} failed; the front was not deployed, so the previous deployment keeps serving (shards deployed before it answer its calls as before)`)
    }
  }
  const state: DeployState = { storyCount: built.storyCount, version, deployedAt: new Date().toISOString() }
  await writeFileAtomic(config.stateFile, `${JSON.stringify(state, null, 2)}\n`)
  say(`deployed index ${version} (${built.storyCount} stories in ${built.shardCount} shards); recorded in ${config.stateFile} — commit it with the archive`)
}

/** Every shard first, then the front that binds to them. */
function deployOrder(built: Pick<ShardBuildResult, 'shards' | 'frontConfig'>): { name: string; config: string }[] {
  return [...built.shards.map((shard, i) => ({ name: `shard-${i}`, config: shard.config })), { name: 'front', config: built.frontConfig }]
}

function requireToken(): void {
  if (!process.env['CLOUDFLARE_API_TOKEN']) {
    throw new DeployStop(
      'every check passed, but CLOUDFLARE_API_TOKEN is not set, so nothing was uploaded. Create an API token with the ' +
        '"Edit Cloudflare Workers" template, export CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID), and run npm run deploy again',
    )
  }
}

/**
 * The checks before anything is bundled, for one Worker and for shards alike: files that could not be read stop the
 * deploy, so does an archive that shrank too much since the last deploy (both unless --force), and so do failing tests.
 */
async function guard(config: ResolvedDeployConfig, problems: BuildProblem[], storyCount: number, reportedIn: string): Promise<void> {
  if (problems.length > 0) console.log(formatProblems(problems, reportedIn))
  const errors = problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) {
    refuseUnlessForced(`${errors.length} story file(s) could not be read or parsed and would be missing from the index (listed above)`)
  }
  const drop = storyDropProblem(await readState(config.stateFile), storyCount, config.maxStoryDrop)
  if (drop) refuseUnlessForced(drop)
  if (config.tests.length > 0) {
    say(`running the tests: ${config.tests.join(' ')}`)
    const tests = spawnSync(config.tests[0]!, config.tests.slice(1), { stdio: 'inherit' })
    if (tests.status !== 0) throw new DeployStop('the tests failed; nothing was deployed')
  }
}

function refuseUnlessForced(reason: string): void {
  if (!force) throw new DeployStop(`refusing to deploy: ${reason}`)
  say(`--force: deploying anyway although ${reason}`)
}

async function readState(path: string): Promise<DeployState | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DeployState
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new DeployStop(`cannot read ${path}: ${(error as Error).message}`)
  }
}

/** The bundle's size as wrangler reports it, or measured from what it wrote when it prints no total. */
async function bundleWorker(outdir: string, config?: string): Promise<{ rawKiB: number; gzipKiB: number; source: string }> {
  let bundle
  try {
    bundle = await measureBundle(process.cwd(), outdir, config)
  } catch (error) {
    throw new DeployStop((error as Error).message)
  }
  if (bundle.wranglerRawBytes !== null && bundle.wranglerGzipBytes !== null) {
    return { rawKiB: bundle.wranglerRawBytes / 1024, gzipKiB: bundle.wranglerGzipBytes / 1024, source: 'as wrangler reports it' }
  }
  return { rawKiB: bundle.rawBytes / 1024, gzipKiB: bundle.gzipBytes / 1024, source: 'measured from wrangler --outdir' }
}

async function measureAssets(dir: string): Promise<{ files: number; largest: number }> {
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
 * Measures the Worker running: starts wrangler dev on free ports, times it to the first search answer, checks that
 * the built index is the one served and that stories are found and load, then asks the isolate for its heap over the
 * DevTools protocol (Runtime.getHeapUsage). The index parse+load time is measured in a fresh Node process with the
 * same loadIndex code.
 */
async function measureRuntime(config: ResolvedDeployConfig, storyCount: number, version: string): Promise<BudgetLine[]> {
  const load = measureIndexLoad()
  const [port, inspectorPort] = await Promise.all([freePort(), freePort()])
  const started = performance.now()
  const dev = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: wranglerEnv(),
  })
  let devOutput = ''
  dev.stdout!.on('data', (chunk) => (devOutput += chunk))
  dev.stderr!.on('data', (chunk) => (devOutput += chunk))
  let firstSearchMs: number | null = null
  let heap: number | null = null
  let heapMethod = ''
  try {
    const origin = `http://127.0.0.1:${port}`
    await waitForSearch(`${origin}/api/search?q=the`, dev, () => devOutput)
    firstSearchMs = performance.now() - started
    await smokeTest(origin, storyCount, version)
    try {
      const measured = await isolateHeap(inspectorPort)
      heap = measured.usedBytes
      heapMethod = `workerd isolate heap via DevTools Runtime.getHeapUsage, after one search${measured.collected ? ' and a full GC' : ''}`
    } catch (error) {
      heapMethod = `DevTools unavailable (${(error as Error).message})`
    }
  } finally {
    stopGroup(dev)
  }
  const loaded = await load
  say(`fresh wrangler dev answered its first search after ${Math.round(firstSearchMs!)} ms (includes bundling; informational)`)
  if (heap === null) {
    heap = loaded.heapBytes
    heapMethod = `Node heap after loading the index with the same code (${heapMethod})`
  }
  return [
    { label: 'isolate memory', value: heap / MiB, budget: config.budgets.memoryMiB, limit: '128 MiB', unit: 'MiB', method: heapMethod },
    {
      label: 'index parse+load',
      value: loaded.loadMs,
      budget: config.budgets.indexLoadMs,
      limit: '1 s start-up',
      unit: 'ms',
      method: 'Node, same loadIndex code plus one search; paid by the first request to each isolate, not at start-up',
    },
  ]
}

function measureIndexLoad(indexFile: string = DEFAULT_OUTPUTS.indexFile): Promise<{ loadMs: number; heapBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'measure-index.ts'), indexFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new DeployStop(`measuring the index load failed (exit ${code})`))))
  })
}

async function waitForSearch(url: string, dev: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + DEV_START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new DeployStop(`wrangler dev exited early:\n${output().trim()}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.ok) return
      throw new DeployStop(`the built Worker answered ${response.status} to a search:\n${output().trim().slice(-2000)}`)
    } catch (error) {
      if (error instanceof DeployStop) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new DeployStop(`wrangler dev did not answer within ${DEV_START_TIMEOUT_MS / 1000} s:\n${output().trim().slice(-2000)}`)
}

/** The guard on the index itself: the Worker serves this build, every story is listed, and a sample is found and loads. */
async function smokeTest(origin: string, storyCount: number, version: string): Promise<void> {
  const fail = (what: string) => {
    throw new DeployStop(`the built Worker failed a check, nothing was deployed: ${what}`)
  }
  const health = await fetch(`${origin}/api/health`)
  const body = (await health.json()) as { index?: { version?: string; stories?: number } }
  if (body.index?.version !== version) fail(`it serves index ${body.index?.version}, not the one just built (${version})`)
  if (body.index?.stories !== storyCount) fail(`it reports ${body.index?.stories} stories, the build made ${storyCount}`)
  if (health.headers.get('x-index-version') !== version) fail('X-Index-Version does not match the index')
  const listing = (await (await fetch(`${origin}/api/search?q=&limit=5`)).json()) as { total: number; hits: { id: string; title: string }[] }
  if (listing.total !== storyCount) fail(`browsing lists ${listing.total} stories, not ${storyCount}`)
  for (const hit of listing.hits) {
    const story = await fetch(`${origin}/api/stories/${encodeURIComponent(hit.id)}`)
    await story.arrayBuffer()
    if (story.status !== 200) fail(`story ${hit.id} answers ${story.status}`)
    if (!/\p{L}/u.test(hit.title)) continue
    const found = (await (await fetch(`${origin}/api/search?limit=50&q=${encodeURIComponent(hit.title.slice(0, 200))}`)).json()) as { hits: { id: string }[] }
    if (!found.hits.some((h) => h.id === hit.id)) fail(`searching for its title "${hit.title}" does not find story ${hit.id}`)
  }
  say(`checked the built Worker: index ${version}, ${storyCount} stories listed, ${listing.hits.length} found by title and loaded`)
}

/** Stops wrangler dev and the workerd it started (they share a process group). */
function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  if (error instanceof DeployStop || (error as Error).name === 'DeployConfigError') console.error(`deploy: ${(error as Error).message}`)
  else console.error('deploy: unexpected failure', error)
  process.exit(1)
})
