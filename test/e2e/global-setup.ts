// Starts the service for the end-to-end tests: builds the demo index, runs `wrangler dev` on a free port, stops it after.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEFAULT_OUTPUTS, buildIndex } from '../../index-builder/build-index'
import { freePort } from '../../index-builder/free-port'

const ROOT = join(import.meta.dirname, '..', '..')
const READY_TIMEOUT_MS = 60_000

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log()}`)
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (response.ok) return
      // Listening but broken: no point waiting out the timeout.
      if (response.status >= 500) throw new Error(`wrangler dev answers /api/health with ${response.status}: ${(await response.text()).slice(0, 500)}\n${log()}`)
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('wrangler dev answers')) throw error
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`wrangler dev did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${log()}`)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildIndex({ storiesDir: join(ROOT, 'stories'), ...DEFAULT_OUTPUTS })
  const [port, inspectorPort] = [await freePort(), await freePort()]
  let output = ''
  const wrangler = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--log-level', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
  wrangler.stdout!.on('data', collect)
  wrangler.stderr!.on('data', collect)
  const stop = async () => {
    if (wrangler.exitCode !== null || wrangler.pid === undefined) return
    const exited = new Promise((resolve) => wrangler.once('exit', resolve))
    // The whole process group: wrangler runs workerd as a child.
    process.kill(-wrangler.pid, 'SIGTERM')
    const timer = setTimeout(() => wrangler.exitCode === null && process.kill(-wrangler.pid!, 'SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${port}`
  try {
    await waitForServer(url, wrangler, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  project.provide('baseUrl', url)
  return stop
}
