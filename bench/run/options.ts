// Command-line options of `npm run bench`, with the quick and full presets.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ALL_ENGINES, type EngineName } from './engines'
import type { BenchOptions } from './run-bench'

export interface CliOptions extends BenchOptions {
  /** BENCHMARKS.md to update between the bench markers. */
  out: string
  /** The SVG chart. */
  chart: string
  /** Raw results as JSON (default: <workDir>/results.json). */
  json: string
  /** Re-render the report from this results JSON instead of measuring. */
  reportFrom: string | null
  /** The scale run after the comparison (none for --quick). */
  scale: { sizes: number[]; baselines: number[] }
}

// The engine comparison stops at 5,000 stories: past it, the whole-index engines need gigabytes each and the hour. The
// paged index goes on to 20,000 in the scale run (bench/scale), with the whole index and plain MiniSearch beside it there.
export const FULL_SIZES = ['fiction', '100', '1000', '5000']
export const QUICK_SIZES = ['fiction', '100', '500']
/** Archive sizes of the scale run, and those measured beside the whole index and plain MiniSearch. */
export const FULL_SCALE = { sizes: [1000, 5000, 20000], baselines: [20000] }
export const FULL_SECONDS = 10
export const QUICK_SECONDS = 4

export function parseCliOptions(argv: readonly string[], log: (line: string) => void = console.log): CliOptions {
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) throw new Error(`bench: unexpected argument "${arg}"`)
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (inline !== undefined) flags.set(name, inline)
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!)
    else flags.set(name, true)
  }
  const known = ['quick', 'sizes', 'engines', 'seconds', 'work', 'out', 'chart', 'json', 'engine-timeout', 'connections', 'query-budget', 'report-from', 'deadline', 'scale', 'scale-baselines']
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`bench: unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`)
  const text = (name: string): string | undefined => {
    const value = flags.get(name)
    if (value === true) throw new Error(`bench: --${name} needs a value`)
    return value
  }
  const quick = flags.get('quick') === true
  const list = (name: string) => text(name)?.split(',').map((item) => item.trim()).filter(Boolean)
  const engines = (list('engines') ?? [...ALL_ENGINES]) as EngineName[]
  for (const engine of engines) if (!(ALL_ENGINES as readonly string[]).includes(engine)) throw new Error(`bench: unknown engine "${engine}" (${ALL_ENGINES.join(', ')})`)
  const seconds = Number(text('seconds') ?? (quick ? QUICK_SECONDS : FULL_SECONDS))
  if (!(seconds >= 1)) throw new Error('bench: --seconds must be 1 or more')
  const workDir = text('work') ?? join(tmpdir(), 'story-search-bench')
  return {
    quick,
    sizes: list('sizes') ?? (quick ? QUICK_SIZES : FULL_SIZES),
    engines,
    seconds,
    workDir,
    engineTimeoutMs: Number(text('engine-timeout') ?? (quick ? 180 : 900)) * 1000,
    queryBudgetMs: Number(text('query-budget') ?? (quick ? 10 : 45)) * 1000,
    cachedRun: !quick,
    deadlineMinutes: Number(text('deadline') ?? (quick ? 9.5 : 55)),
    connections: (list('connections') ?? ['1', '32']).map(Number),
    out: text('out') ?? 'BENCHMARKS.md',
    chart: text('chart') ?? 'docs/bench-chart.svg',
    json: text('json') ?? join(workDir, 'results.json'),
    reportFrom: text('report-from') ?? null,
    scale: {
      sizes: list('scale')?.map(Number) ?? (quick ? [] : FULL_SCALE.sizes),
      baselines: list('scale-baselines')?.map(Number) ?? (quick ? [] : FULL_SCALE.baselines),
    },
    log,
  }
}
