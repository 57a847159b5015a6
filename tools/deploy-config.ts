// Settings for `npm run deploy`, read from deploy.config.json, with every default filled in once.
import { readFile } from 'node:fs/promises'

export interface DeployConfig {
  /** The archive folder to build. Default: "stories". */
  storiesDir?: string
  /** Where the last deployed story count is recorded; commit it with the archive. Default: "<storiesDir>/.deployed.json". */
  stateFile?: string
  /** Largest fraction of stories a deploy may lose against the last one without --force. Default: 0.1. */
  maxStoryDrop?: number
  /** The test command run before deploying, as argv; [] runs none. Default: `npm test`, the fast tier (code, never the archive). */
  tests?: string[]
  /** The Workers plan deployed to, whose limits a deploy must fit: "free" or "paid". Default: "free". */
  plan?: WorkersPlan
  budgets?: {
    /** Worker bundle, gzip, in MiB. Cloudflare's limit is 3 MiB on the free plan, 10 MiB paid. Default: 3. */
    workerGzipMiB?: number
    /**
     * Isolate memory after a mixed workload (the query mix and story pages), after a GC, in MiB: the JS heap and the
     * array buffers beside it (the index pieces kept). The limit is 128 MiB. Default: 96.
     */
    memoryMiB?: number
    /** CPU per search on a warm isolate, 95th percentile of the query mix, in ms. The free plan allows 10 ms a request. Default: 10. */
    cpuMs?: number
  }
}

export type WorkersPlan = 'free' | 'paid'

/**
 * Cloudflare's limits per plan, as documented on developers.cloudflare.com/workers/platform/limits (read 2026-12-01):
 * static asset files per Worker version and bytes per file, Worker size (gzip), isolate memory, CPU per request.
 */
export const PLAN_LIMITS = {
  free: { assetFiles: 20_000, assetFileMiB: 25, workerGzipMiB: 3, memoryMiB: 128, cpuMs: 10, subrequests: 50 },
  paid: { assetFiles: 100_000, assetFileMiB: 25, workerGzipMiB: 10, memoryMiB: 128, cpuMs: 30_000, subrequests: 1000 },
} as const satisfies Record<WorkersPlan, Record<string, number>>

export type ResolvedDeployConfig = Required<Omit<DeployConfig, 'budgets'>> & { budgets: Required<NonNullable<DeployConfig['budgets']>> }

export const DEFAULT_TESTS = ['npm', 'test']
export const DEFAULT_BUDGETS = { workerGzipMiB: 3, memoryMiB: 96, cpuMs: 10 }
export const DEFAULT_MAX_STORY_DROP = 0.1

export class DeployConfigError extends Error {
  override name = 'DeployConfigError'
}

/** Reads the config file (a missing file means all defaults); a wrong value throws at once, naming the field. */
export async function loadDeployConfig(path: string): Promise<ResolvedDeployConfig> {
  let raw: DeployConfig = {}
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as DeployConfig
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new DeployConfigError(`deploy: cannot read ${path}: ${(error as Error).message}`)
  }
  const storiesDir = raw.storiesDir ?? 'stories'
  const config: ResolvedDeployConfig = {
    storiesDir,
    stateFile: raw.stateFile ?? `${storiesDir}/.deployed.json`,
    maxStoryDrop: raw.maxStoryDrop ?? DEFAULT_MAX_STORY_DROP,
    tests: raw.tests ?? DEFAULT_TESTS,
    plan: raw.plan ?? 'free',
    budgets: { ...DEFAULT_BUDGETS, ...raw.budgets },
  }
  if (config.plan !== 'free' && config.plan !== 'paid') throw new DeployConfigError(`deploy: plan in ${path} must be "free" or "paid"`)
  if (!(config.maxStoryDrop >= 0 && config.maxStoryDrop <= 1)) throw new DeployConfigError(`deploy: maxStoryDrop in ${path} must be between 0 and 1`)
  for (const [name, value] of Object.entries(config.budgets)) {
    if (typeof value !== 'number' || !(value > 0)) throw new DeployConfigError(`deploy: budgets.${name} in ${path} must be a positive number`)
  }
  if (!Array.isArray(config.tests) || config.tests.some((part) => typeof part !== 'string')) {
    throw new DeployConfigError(`deploy: tests in ${path} must be a command as a list of strings, or []`)
  }
  return config
}

/** One measured figure against its budget (when it has one) and each plan's limit. */
export interface BudgetLine {
  label: string
  value: number | null
  unit: 'MiB' | 'ms' | 'files' | 'reads'
  /** The budget from deploy.config.json; null when only the plan's limit applies. */
  budget: number | null
  limits: Record<WorkersPlan, number>
  method: string
  /** Shown against the limits, never a reason to refuse (a cold isolate's first request, say). */
  informational?: boolean
}

/** Lines over budget, or over the limit of the plan deployed to, as messages that say what to do. Unmeasured figures are not failures. */
export function overBudget(lines: BudgetLine[], plan: WorkersPlan): string[] {
  const over: string[] = []
  for (const line of lines) {
    if (line.value === null || line.informational) continue
    if (line.budget !== null && line.value > line.budget) over.push(`${line.label} is ${format(line.value, line.unit)}, over the budget of ${format(line.budget, line.unit)} set in deploy.config.json`)
    else if (line.value > line.limits[plan]) over.push(`${line.label} is ${format(line.value, line.unit)}, over the ${plan} plan's limit of ${format(line.limits[plan], line.unit)}`)
  }
  return over
}

export function formatBudgetTable(lines: BudgetLine[], plan: WorkersPlan): string {
  const against = (line: BudgetLine, limit: number) => (line.value === null ? '' : line.value > limit ? ' OVER' : ' ok')
  return lines
    .map((line) => {
      const value = line.value === null ? 'not measured' : format(line.value, line.unit)
      const failed = overBudget([line], plan).length > 0
      const status = line.value === null ? '  -  ' : failed ? 'OVER ' : 'ok   '
      const budget = line.budget === null ? '' : `budget ${format(line.budget, line.unit)}`
      const plans = (['free', 'paid'] as const).map((p) => `${p} ${format(line.limits[p], line.unit)}${against(line, line.limits[p])}`).join(', ')
      return `  ${status} ${line.label.padEnd(26)} ${value.padStart(13)}   ${budget.padEnd(18)} limits: ${plans}   (${line.method})`
    })
    .join('\n')
}

function format(value: number, unit: BudgetLine['unit']): string {
  if (unit === 'files' || unit === 'reads') return `${Math.round(value).toLocaleString('en-US')} ${unit}`
  if (unit === 'MiB') return `${value.toFixed(value < 1 ? 3 : 2)} MiB`
  return value >= 1000 ? `${(value / 1000).toFixed(0)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`
}

/** What the state file records about the last deploy. */
export interface DeployState {
  storyCount: number
  version: string
  deployedAt: string
}

/** The refusal message when the archive shrank too much since the last deploy, or null when it is fine. */
export function storyDropProblem(previous: DeployState | null, storyCount: number, maxStoryDrop: number): string | null {
  if (!previous || previous.storyCount === 0) return null
  const drop = (previous.storyCount - storyCount) / previous.storyCount
  if (drop <= maxStoryDrop) return null
  return (
    `the index has ${storyCount} stories, ${previous.storyCount - storyCount} fewer than the ${previous.storyCount} deployed last ` +
    `(${(drop * 100).toFixed(1)}% > maxStoryDrop ${(maxStoryDrop * 100).toFixed(1)}%); if stories were removed on purpose, deploy with --force`
  )
}
