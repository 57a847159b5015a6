// Runs a child.ts task in a fresh Node process with a time limit and returns its result.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))

export class ChildTimeout extends Error {
  override name = 'ChildTimeout'
}

/** Heap ceiling for children: large archives need more than Node's default old space. */
const MAX_OLD_SPACE_MB = 16_000

export async function runChild<R>(task: 'engine' | 'build', args: unknown, timeoutMs: number): Promise<R> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-bench-child-'))
  const argsFile = join(dir, 'args.json')
  const resultFile = join(dir, 'result.json')
  await writeFile(argsFile, JSON.stringify(args))
  try {
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${MAX_OLD_SPACE_MB}`, '--import', 'tsx', CHILD, task, argsFile, resultFile], {
      stdio: ['ignore', 'inherit', 'pipe'],
      detached: true,
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }, timeoutMs)
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exit) => resolve(exit)))
    clearTimeout(timer)
    if (timedOut) throw new ChildTimeout(`${task} did not finish within ${Math.round(timeoutMs / 1000)} s`)
    if (code !== 0) throw new Error(`${task} failed (exit ${code}): ${stderr.trim().split('\n').slice(-6).join(' | ')}`)
    return JSON.parse(await readFile(resultFile, 'utf8')) as R
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
