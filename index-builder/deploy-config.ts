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
  budgets?: {
    /** Worker bundle, gzip, in MiB. Cloudflare's limit is 3 MiB on the free plan, 10 MiB paid. Default: 3. */
    workerGzipMiB?: number
    /** Isolate heap after loading the index and answering one search, in MiB. The limit is 128 MiB. Default: 96. */
    memoryMiB?: number
    /** Parsing and loading the index, in ms: what the first request to a fresh isolate pays. Default: 1000. */
    indexLoadMs?: number
  }
}

export type ResolvedDeployConfig = Required<Omit<DeployConfig, 'budgets'>> & { budgets: Required<NonNullable<DeployConfig['budgets']>> }

export const DEFAULT_TESTS = ['npm', 'test']
export const DEFAULT_BUDGETS = { workerGzipMiB: 3, memoryMiB: 96, indexLoadMs: 1000 }
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
    budgets: { ...DEFAULT_BUDGETS, ...raw.budgets },
  }
  if (!(config.maxStoryDrop >= 0 && config.maxStoryDrop <= 1)) throw new DeployConfigError(`deploy: maxStoryDrop in ${path} must be between 0 and 1`)
  for (const [name, value] of Object.entries(config.budgets)) {
    if (typeof value !== 'number' || !(value > 0)) throw new DeployConfigError(`deploy: budgets.${name} in ${path} must be a positive number`)
  }
  if (!Array.isArray(config.tests) || config.tests.some((part) => typeof part !== 'string')) {
    throw new DeployConfigError(`deploy: tests in ${path} must be a command as a list of strings, or []`)
  }
  return config
}

/** One measured figure against its budget and Cloudflare's limit. */
export interface BudgetLine {
  label: string
  value: number | null
  budget: number
  limit: string
  unit: 'MiB' | 'ms'
  method: string
}

/** Lines over budget, as messages that say what to do. Unmeasured figures are not failures. */
export function overBudget(lines: BudgetLine[]): string[] {
  return lines
    .filter((line) => line.value !== null && line.value > line.budget)
    .map((line) => `${line.label} is ${format(line.value!, line.unit)}, over the budget of ${format(line.budget, line.unit)} set in deploy.config.json`)
}

export function formatBudgetTable(lines: BudgetLine[]): string {
  return lines
    .map((line) => {
      const value = line.value === null ? 'not measured' : format(line.value, line.unit)
      const status = line.value === null ? '  -  ' : line.value > line.budget ? 'OVER ' : 'ok   '
      return `  ${status} ${line.label.padEnd(22)} ${value.padStart(12)}   budget ${format(line.budget, line.unit).padStart(10)}   limit ${line.limit}   (${line.method})`
    })
    .join('\n')
}

function format(value: number, unit: 'MiB' | 'ms'): string {
  return unit === 'MiB' ? `${value.toFixed(value < 1 ? 3 : 2)} MiB` : `${Math.round(value)} ms`
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
