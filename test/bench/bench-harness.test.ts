// Keeps the benchmark harness (bench/run) from rotting: its pure parts case by case, and one tiny real run end to end.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCliOptions, QUICK_SIZES } from '../../bench/run/options'
import { makeQueries, QUERY_MIX } from '../../bench/run/queries'
import { END_MARKER, replaceSection, START_MARKER } from '../../bench/run/report'
import type { BenchResults } from '../../bench/run/run-bench'
import { fitLine, percentile, solveFor } from '../../bench/run/stats'
import type { StoryRecord } from '../../worker/lib/story-record'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bench-harness-test-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('replaceSection', () => {
  it('replaces only the text between the bench markers', () => {
    const document = `# Benchmarks\n\n<!-- relevance:start -->\nkept\n<!-- relevance:end -->\n\n${START_MARKER}\nold\n${END_MARKER}\n\ntail kept\n`
    const updated = replaceSection(document, 'new')
    expect(updated).toBe(`# Benchmarks\n\n<!-- relevance:start -->\nkept\n<!-- relevance:end -->\n\n${START_MARKER}\nnew\n${END_MARKER}\n\ntail kept\n`)
  })

  it('appends a marked section when the file has none, leaving the rest as it was', () => {
    const updated = replaceSection('# Benchmarks\n\nother section\n', 'new')
    expect(updated).toBe(`# Benchmarks\n\nother section\n\n${START_MARKER}\nnew\n${END_MARKER}\n`)
  })

  it('creates the file content when there is none', () => {
    expect(replaceSection('', 'new')).toBe(`# Benchmarks\n\n${START_MARKER}\nnew\n${END_MARKER}\n`)
  })
})

describe('makeQueries', () => {
  const VOCABULARY = ['lantern', 'orchard', 'harbour', 'meadow', 'carriage', 'letters', 'thunder', 'candles', 'garden', 'cottage']
  const story = (i: number): StoryRecord =>
    ({
      id: `s${i}`,
      title: `Story ${i}`,
      body: `Marianne walked along the ${VOCABULARY[i % 10]} with Edward. The ${VOCABULARY[(i * 3) % 10]} looked splendid, and the ${VOCABULARY[(i * 7 + 1) % 10]} remained quiet. Later Edward waited beside Marianne near the ${VOCABULARY[(i + 4) % 10]}.`,
      characters: ['Marianne Dashwood', 'Edward Ferrars', 'Elinor Dashwood', 'John Willoughby', 'Colonel Brandon'],
      relationships: ['Edward Ferrars/Elinor Dashwood'],
      authors: [],
      words: 40,
    }) as unknown as StoryRecord

  it('draws the same 200 queries, of every kind, from the same stories', () => {
    const stories = Array.from({ length: 30 }, (_, i) => story(i))
    const first = makeQueries(stories)
    expect(first).toHaveLength(200)
    expect(makeQueries(stories)).toEqual(first)
    for (const [kind, count] of Object.entries(QUERY_MIX)) expect(first.filter((q) => q.kind === kind)).toHaveLength(count)
  })
})

describe('stats', () => {
  it('fits a line and solves it for a limit', () => {
    const line = fitLine([
      [1, 3],
      [2, 5],
      [3, 7],
    ])!
    expect(line.slope).toBeCloseTo(2)
    expect(line.intercept).toBeCloseTo(1)
    expect(solveFor(line, 21)).toBeCloseTo(10)
  })

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10)
  })
})

describe('parseCliOptions', () => {
  it('gives --quick the quick corpora and shorter load runs', () => {
    const options = parseCliOptions(['--quick'], () => {})
    expect(options.sizes).toEqual(QUICK_SIZES)
    expect(options.seconds).toBeLessThan(parseCliOptions([], () => {}).seconds)
  })

  it('rejects an unknown engine', () => {
    expect(() => parseCliOptions(['--engines', 'ours,elastic'], () => {})).toThrow(/unknown engine "elastic"/)
  })
})

describe('a tiny real run', () => {
  // Builds, bundles and serves 100 generated stories with wrangler dev, and runs two engines: about a minute on an
  // idle 2-core machine (ten seconds of it generating the corpus), several when other work shares it.
  it('measures ours (build, bundle, workerd heap, HTTP load) and MiniSearch on 100 stories and writes the report', { timeout: 240_000 }, async () => {
    const out = join(scratch, 'BENCHMARKS.md')
    await writeFile(out, `# Benchmarks\n\nkept\n`)
    const args = ['--experimental-websocket', '--disable-warning=ExperimentalWarning', '--import', 'tsx', 'bench/run/cli.ts', '--quick', '--sizes', '100', '--engines', 'ours,minisearch']
    args.push('--seconds', '1', '--query-budget', '5', '--connections', '1,8', '--work', join(scratch, 'work'), '--out', out, '--chart', join(scratch, 'chart.svg'), '--json', join(scratch, 'results.json'))
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code, output).toBe(0)

    const results = JSON.parse(await readFile(join(scratch, 'results.json'), 'utf8')) as BenchResults
    const [corpus] = results.corpora
    expect(corpus!.errors).toEqual({})
    expect(corpus!.stories).toBe(100)
    expect(corpus!.build!.fullMs).toBeGreaterThan(0)
    expect(corpus!.build!.incremental.parsesReused).toBe(99)
    expect(corpus!.worker!.bundle!.gzipBytes).toBeGreaterThan(corpus!.index!.gzipBytes)
    expect(corpus!.worker!.heap!.usedBytes).toBeGreaterThan(1_000_000)
    for (const run of corpus!.worker!.loads) expect(run.errors + run.non2xx).toBe(0)
    expect(corpus!.engines.ours!.latency.p50).toBeGreaterThan(0)
    expect(corpus!.engines.minisearch!.serializedBytes).toBeGreaterThan(0)

    const report = await readFile(out, 'utf8')
    expect(report.startsWith('# Benchmarks\n\nkept\n')).toBe(true)
    expect(report).toContain(START_MARKER)
    expect(report).toContain('### Side by side: generated 100')
    expect(await readFile(join(scratch, 'chart.svg'), 'utf8')).toMatch(/^<svg [^>]*>/)
  })
})
