// Serves a sharded deployment from the bundles `wrangler deploy` would upload, in one workerd through Miniflare.
// bench/shards/serve-bench.ts measures large archives this way rather than with `wrangler dev` (dev-session.ts):
// - what runs is exactly what deploys: each Worker bundled by `wrangler deploy --dry-run`, its bindings read from its
//   generated config by wrangler itself;
// - every Worker gets its own inspector target, so each shard's isolate heap is read, not only the front's;
// - nothing watches files or rebuilds: on 20,000 stories (55 configs) `wrangler dev` took 7 minutes to start, then its
//   first search never answered.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { measureBundle, type BundleSize } from '../../index-builder/bundle-size'
import { readBaseConfig } from '../../index-builder/shards'
import { freePort } from '../../index-builder/free-port'
import { isolateHeap, type IsolateHeap } from '../../index-builder/isolate-heap'
import { ROOT } from './dev-session'

export interface BundledWorker {
  /** The Worker's name in its config (`story-search`, `story-search-shard-3`). */
  name: string
  config: string
  /** Where `wrangler deploy --dry-run --outdir` wrote it. */
  dir: string
  size: BundleSize
}

export interface BundledSession {
  url: string
  /** The isolate heap of one Worker by name; `collect` forces a full GC first (slow on a large heap). */
  heapOf: (name: string, collect?: boolean) => Promise<IsolateHeap>
  stop: () => Promise<void>
}

/** Bundles every config into `<outDir>/<config file name>/`, one after another (each is a wrangler process). */
export async function bundleWorkers(configs: string[], outDir: string): Promise<BundledWorker[]> {
  const bundled: BundledWorker[] = []
  for (const config of configs) {
    const dir = join(outDir, config.split('/').pop()!.replace(/\.toml$/, ''))
    const size = await measureBundle(ROOT, dir, config)
    bundled.push({ name: readBaseConfig(await readFile(config, 'utf8')).name, config, dir, size })
  }
  return bundled
}

export interface SessionOverride {
  /** Variables set on every Worker, over its config's own. */
  vars?: Record<string, string>
  /** The first Worker's service bindings instead of its config's: binding name → Worker name. */
  frontServices?: Record<string, string>
  /**
   * False: `caches.default` is a no-op, as Miniflare's `cache: false` makes it. Locally the edge cache is Miniflare's
   * emulation of it (a Durable Object in this workerd), not Cloudflare's; serve-bench measures with and without it.
   */
  edgeCache?: boolean
}

/** Starts every bundled Worker in one Miniflare (the first is the one `url` reaches); resolves once it answers `/api/health`. */
export async function startBundled(workers: BundledWorker[], override: SessionOverride = {}): Promise<BundledSession> {
  const inspectorPort = await freePort()
  const options: WorkerOptions[] = []
  for (const [i, worker] of workers.entries()) {
    const { workerOptions } = unstable_getMiniflareWorkerOptions(worker.config)
    if (i === 0 && override.frontServices) {
      workerOptions.serviceBindings = Object.fromEntries(Object.entries(override.frontServices).map(([binding, name]) => [binding, { name }]))
    }
    const script = (await readdir(worker.dir)).find((name) => name.endsWith('.js'))
    if (!script) throw new Error(`bundled-session: no script in ${worker.dir}`)
    options.push({
      ...workerOptions,
      name: worker.name,
      bindings: { ...workerOptions.bindings, ...override.vars },
      // A benchmark measures search, not the per-client budget: every request comes from one address here.
      ratelimits: {},
      modules: true,
      scriptPath: join(worker.dir, script),
      modulesRoot: worker.dir,
      // The index is a Text module in the bundle, as wrangler's [[rules]] made it.
      modulesRules: [{ type: 'Text', include: ['**/*.json'] }],
      unsafeInspectorProxy: true,
      cache: override.edgeCache ?? true,
    } as WorkerOptions)
  }
  const miniflare = new Miniflare({ workers: options, host: '127.0.0.1', port: await freePort(), inspectorPort })
  const url = (await miniflare.ready).href.replace(/\/$/, '')
  const stop = () => miniflare.dispose()
  try {
    const health = await fetch(`${url}/api/health`)
    if (!health.ok) throw new Error(`bundled-session: /api/health answered ${health.status}: ${(await health.text()).slice(0, 500)}`)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, heapOf: (name, collect = true) => isolateHeap(inspectorPort, { target: name, collect }), stop }
}
