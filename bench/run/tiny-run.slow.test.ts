// The benchmark harness end to end: one tiny real run (build, bundle, workerd, load, and one other engine), so the
// harness does not rot. Slow (a minute or more), so it runs in `npm run test:bench`, not in `npm test`.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START_MARKER } from './report'
import type { BenchResults } from './run-bench'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'bench-harness-test-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('a tiny real run', () => {
  // Builds, bundles and serves 100 generated stories in workerd, and runs two engines: about a minute on an
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
    // The pieces two searches read (story table, term pages, text packs) are kept as buffers beside the heap, and counted.
    expect(corpus!.worker!.heap!.buffersBytes).toBeGreaterThan(100_000)
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
