// Serves a built index from the bundle `wrangler deploy` would upload, in a fresh workerd through Miniflare: what runs
// is what deploys (no file watching, no rebuild, no wrangler dev proxy between the client and the Worker).
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { unstable_getMiniflareWorkerOptions } from 'wrangler'
import { freePort } from '../../tools/free-port'
import { isolateHeap, type IsolateHeap } from '../../tools/isolate-heap'

export interface WorkerdSession {
  url: string
  /** Milliseconds from creating Miniflare (a fresh workerd) to its listening. */
  startMs: number
  /** The isolate's heap; only with `inspector`. */
  heap: (collect?: boolean) => Promise<IsolateHeap>
  stop: () => Promise<void>
}

/**
 * Starts the Worker bundled in `bundleDir` (by `wrangler deploy --dry-run --outdir`) with the bindings of `config`.
 * With `inspector`, the isolate can be inspected for its heap; without, nothing sits between requests and the Worker
 * (Miniflare's inspector proxy adds work to every asset read).
 */
export async function startWorkerd(config: string, bundleDir: string, inspector: boolean): Promise<WorkerdSession> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config)
  const script = (await readdir(bundleDir)).find((name) => name.endsWith('.js'))
  if (!script) throw new Error(`workerd-session: no script in ${bundleDir}`)
  const inspectorPort = inspector ? await freePort() : undefined
  const options = {
    ...workerOptions,
    name: 'story-search',
    // A benchmark measures search, not the per-client budget: every request comes from one address here.
    ratelimits: {},
    modules: true,
    scriptPath: join(bundleDir, script),
    modulesRoot: bundleDir,
    // The index directory is a Text module in the bundle, as wrangler's [[rules]] made it.
    modulesRules: [{ type: 'Text', include: ['**/*.json'] }],
    unsafeInspectorProxy: inspector,
  } as WorkerOptions
  const started = performance.now()
  // Port 0: the system picks a free port as workerd binds it; a port chosen beforehand can be taken by another server
  // starting meanwhile (tests, another bench), which workerd reports as a fatal error.
  const miniflare = new Miniflare({ workers: [options], host: '127.0.0.1', port: 0, ...(inspectorPort ? { inspectorPort } : {}) })
  const url = (await miniflare.ready).href.replace(/\/$/, '')
  const startMs = performance.now() - started
  return {
    url,
    startMs,
    heap: (collect = true) => {
      if (!inspectorPort) throw new Error('workerd-session: started without an inspector')
      return isolateHeap(inspectorPort, { target: 'story-search', collect })
    },
    stop: () => miniflare.dispose(),
  }
}
