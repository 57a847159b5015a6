// The one way scripts and tests run the Worker locally: `wrangler dev` (workerd) on free loopback ports, waited on until
// a page answers 200, and stopped together with the workerd it started. Used by the deploy checks, the benchmarks, the
// load test and the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from './free-port'
import { wranglerEnv } from './wrangler-env'

const WRANGLER = join(import.meta.dirname, '..', 'node_modules', '.bin', 'wrangler')
/** Another process can take a free port between our asking and wrangler binding it: then it starts again. */
const START_ATTEMPTS = 3
const OUTPUT_KEPT = 20_000

export interface DevServerOptions {
  /** The project folder wrangler runs in. */
  cwd: string
  /** Its wrangler config, when not `wrangler.toml` there. */
  config?: string
  /** A path that answers 200 once the Worker serves (a search, so the index is loaded). */
  firstPath: string
  /** Where wrangler keeps local state (caches, rate limits), so runs do not share it. */
  persistTo?: string
  timeoutMs?: number
}

export interface DevServer {
  origin: string
  inspectorPort: number
  /** Milliseconds from spawning wrangler to the first 200 from `firstPath` (bundling included). */
  coldStartMs: number
  /** What wrangler printed, the last 20,000 characters. */
  output(): string
  stop(): Promise<void>
}

/** Starts wrangler dev and waits until `firstPath` answers 200; throws with wrangler's output when it does not. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options)
    } catch (error) {
      if (attempt < START_ATTEMPTS && /Address already in use/.test((error as Error).message)) continue
      throw error
    }
  }
}

async function startOnce({ cwd, config, firstPath, persistTo, timeoutMs = 240_000 }: DevServerOptions): Promise<DevServer> {
  const [port, inspectorPort] = await Promise.all([freePort(), freePort()])
  const started = performance.now()
  const args = ['dev', ...(config ? ['-c', config] : []), '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort)]
  if (persistTo) args.push('--persist-to', persistTo)
  args.push('--show-interactive-dev-session=false', '--log-level', 'warn')
  const child = spawn(WRANGLER, args, { cwd, env: wranglerEnv({ NO_COLOR: '1', CI: '1' }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let exited = false
  child.on('exit', () => (exited = true))
  const onData = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT))
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const stop = async () => {
    if (exited) return
    const gone = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    killGroup(child, 'SIGTERM')
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000)
    await gone
    clearTimeout(timer)
  }
  const origin = `http://127.0.0.1:${port}`
  try {
    // At --log-level warn wrangler prints nothing when ready: poll until the page answers.
    let last = 'no answer'
    while (performance.now() - started < timeoutMs) {
      if (exited) throw new Error(`wrangler dev exited:\n${output.trim().slice(-2000)}`)
      try {
        const response = await fetch(`${origin}${firstPath}`)
        await response.arrayBuffer()
        if (response.status === 200) return { origin, inspectorPort, coldStartMs: performance.now() - started, output: () => output, stop }
        last = `status ${response.status}`
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`wrangler dev did not answer ${firstPath} with 200 within ${Math.round(timeoutMs / 1000)} s (${last}):\n${output.trim().slice(-2000)}`)
  } catch (error) {
    await stop()
    throw error
  }
}

/** wrangler and the workerd it starts share a process group: both go. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // Already gone.
  }
}
