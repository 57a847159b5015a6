// Runs a sharded deployment the way `npm run start:shards` does: the generated configs under one `wrangler dev`, on free ports.
// Used by bench/shards/serve-bench.ts and test/shards/.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from '../../index-builder/free-port'
import { wranglerEnv } from '../../index-builder/wrangler-env'

export { freePort }

export const ROOT = join(import.meta.dirname, '..', '..')

export interface DevSession {
  url: string
  log: () => string
  stop: () => Promise<void>
}

/** Starts `wrangler dev -c first -c second ...` (plus `extraArgs`) and resolves once the first config's Worker answers. */
export async function startDev(configs: string[], timeoutMs = 90_000, extraArgs: string[] = []): Promise<DevSession> {
  const port = await freePort()
  const inspector = await freePort()
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--show-interactive-dev-session=false', ...extraArgs]
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), [...args, ...configs.flatMap((c) => ['-c', c])], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: wranglerEnv({ CI: '1' }),
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    try {
      process.kill(-child.pid, 'SIGTERM') // the group: wrangler and the workerd it started
    } catch {
      return
    }
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))])
    // A workerd busy in a long search may ignore SIGTERM; the group is then killed outright.
    if (!stopped) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output.slice(-3000)}`)
    if (output.includes('Ready on')) {
      try {
        const response = await fetch(`${url}/api/health`)
        if (response.ok) return { url, log: () => output, stop }
      } catch {
        // not listening yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await stop()
  throw new Error(`wrangler dev did not become ready in ${timeoutMs} ms:\n${output.slice(-3000)}`)
}
