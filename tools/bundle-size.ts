// What `wrangler deploy` would upload, measured with `wrangler deploy --dry-run --outdir`: used by the deploy budget
// check and by the benchmarks.
import { spawn } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { wranglerEnv } from './wrangler-env'

const WRANGLER = join(import.meta.dirname, '..', 'node_modules', '.bin', 'wrangler')
const TOTAL_UPLOAD = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/

export interface BundleSize {
  /** Bytes of every module wrangler wrote (the script and the index Text module), source maps left out. */
  rawBytes: number
  gzipBytes: number
  /** wrangler's own "Total Upload: … / gzip: …" line, in bytes; null when it printed none. */
  wranglerRawBytes: number | null
  wranglerGzipBytes: number | null
  ms: number
}

/** Bundles the Worker of `config` (default: `cwd`'s wrangler.toml) into `outDir` and measures it. */
export async function measureBundle(cwd: string, outDir: string, config?: string): Promise<BundleSize> {
  const started = performance.now()
  const { code, output } = await runWrangler(['deploy', '--dry-run', '--outdir', outDir, ...(config ? ['-c', config] : [])], cwd)
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${output.trim().slice(-2000)}`)
  let rawBytes = 0
  let gzipBytes = 0
  for (const name of await readdir(outDir)) {
    if (name.endsWith('.map') || name === 'README.md') continue
    const bytes = await readFile(join(outDir, name))
    rawBytes += bytes.length
    gzipBytes += gzipSync(bytes).length
  }
  const total = TOTAL_UPLOAD.exec(output)
  return {
    rawBytes,
    gzipBytes,
    wranglerRawBytes: total ? Math.round(Number(total[1]) * 1024) : null,
    wranglerGzipBytes: total ? Math.round(Number(total[2]) * 1024) : null,
    ms,
  }
}

function runWrangler(args: string[], cwd: string, timeoutMs = 300_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(WRANGLER, args, { cwd, env: wranglerEnv({ NO_COLOR: '1' }), detached: true })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // Already gone.
      }
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}
