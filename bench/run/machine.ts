// What the benchmark ran on and with: machine, runtimes and the versions that matter.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

export interface MachineInfo {
  date: string
  cpuModel: string
  cores: number
  ramBytes: number
  node: string
  wrangler: string
  minisearch: string
  workerd: string
  /** 1-minute load average when the run started: other work on the machine makes timings noisy. */
  loadAverage: number
}

function packageVersion(name: string): string {
  try {
    const file = fileURLToPath(new URL(`../../node_modules/${name}/package.json`, import.meta.url))
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

export function machineInfo(): MachineInfo {
  let workerd = packageVersion('@cloudflare/workerd-linux-64')
  try {
    workerd = execFileSync(fileURLToPath(new URL('../../node_modules/@cloudflare/workerd-linux-64/bin/workerd', import.meta.url)), ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    // Keep the package version.
  }
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramBytes: totalmem(),
    node: process.version,
    wrangler: packageVersion('wrangler'),
    minisearch: packageVersion('minisearch'),
    workerd,
    loadAverage: loadavg()[0]!,
  }
}
