import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { overBudget, storyDropProblem } from '../../tools/deploy-config'
import { DeployStop, deploy, measureAssets, refusals } from '../../tools/deploy'
import { copyProject, type ProjectCopy } from '../_project-copy'
import { DEMO_ARCHIVE } from '../_helpers'
import { wranglerEnv } from '../../tools/wrangler-env'

/** Runs `npm run deploy`'s command in the project copy; resolves with its exit code and output. */
function runDeploy(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'tools/deploy.ts', ...args], {
      cwd,
      env: wranglerEnv({ CLOUDFLARE_API_TOKEN: '' }),
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('npm run deploy', () => {
  let project: ProjectCopy
  beforeAll(async () => {
    project = await copyProject(DEMO_ARCHIVE)
  })
  afterAll(() => project.cleanup())

  it('checks a dry run of the archive end to end (build, bundle, a running Worker and its heap) and then exits', { timeout: 150_000 }, async () => {
    await writeFile(join(project.dir, 'plain.json'), JSON.stringify({ tests: [] }))
    // Resolves when the process exits: a timer left running (the heap reader's used to be) would hold it for minutes.
    const { code, output } = await runDeploy(project.dir, ['--dry-run', '--config', 'plain.json'])
    expect(output).toMatch(/checked the built Worker: index [0-9a-f]{16}, 5 stories listed/)
    // Every figure the budget table promises, each against both plans.
    for (const label of ['static asset files', 'largest static file', 'worker size \\(gzip\\)', 'isolate memory \\(mixed load\\)', 'CPU per search, p95 warm', 'CPU p95, first searches', 'CPU per search, largest', 'CPU, cold first search']) {
      expect(output).toMatch(new RegExp(`(ok|OVER) +${label} +[\\d.,]+ (MiB|ms|s|files) .*limits: free .*, paid `))
    }
    expect(output).toMatch(/isolate memory \(mixed load\) .*JS heap [\d.]+ MiB \+ array buffers [\d.]+ MiB via DevTools, after 200 searches/)
    expect(output).toContain('dry run: every check passed; nothing was uploaded')
    expect(code).toBe(0)
  })

  it('fails the dry run with a clear message when the bundle is over the configured budget', { timeout: 120_000 }, async () => {
    await writeFile(join(project.dir, 'tiny.json'), JSON.stringify({ tests: [], budgets: { workerGzipMiB: 0.001 } }))
    const { code, output } = await runDeploy(project.dir, ['--dry-run', '--config', 'tiny.json'])
    expect(code).toBe(1)
    expect(output).toMatch(/worker bundle [\d.]+ KiB raw \/ [\d.]+ KiB gzip/)
    expect(output).toMatch(/OVER +worker size \(gzip\)/)
    expect(output).toMatch(/over budget, nothing was deployed:\n {2}worker size \(gzip\) is [\d.]+ MiB, over the budget of 0\.001 MiB/)
  })

  it('stops at once, before building, when there is no API token to upload with', async () => {
    await writeFile(join(project.dir, 'plain.json'), JSON.stringify({ tests: [] }))
    const saved = process.env['CLOUDFLARE_API_TOKEN']
    delete process.env['CLOUDFLARE_API_TOKEN']
    const said: string[] = []
    try {
      await expect(deploy({ dryRun: false, force: false, config: 'plain.json', cwd: project.dir, say: (line) => said.push(line) })).rejects.toThrow(
        /^CLOUDFLARE_API_TOKEN is not set, so nothing could be uploaded; nothing was built or checked\..*--dry-run checks everything/,
      )
    } finally {
      if (saved !== undefined) process.env['CLOUDFLARE_API_TOKEN'] = saved
    }
    // Nothing was built: the first step says so when it starts.
    expect(said).toEqual([])
  })

  it('refuses an archive that lost more stories than allowed since the last deploy, before bundling, imported as well as run', { timeout: 60_000 }, async () => {
    await writeFile(join(project.storiesDir, '.deployed.json'), JSON.stringify({ storyCount: 50, version: 'x', deployedAt: 'y' }))
    await writeFile(join(project.dir, 'plain.json'), JSON.stringify({ tests: [] }))
    try {
      const said: string[] = []
      const refused = deploy({ dryRun: true, force: false, config: 'plain.json', cwd: project.dir, say: (line) => said.push(line) })
      await expect(refused).rejects.toThrow(new DeployStop('refusing to deploy: the index has 5 stories, 45 fewer than the 50 deployed last (90.0% > maxStoryDrop 10.0%); if stories were removed on purpose, deploy with --force'))
      expect(said.some((line) => line.startsWith('bundling'))).toBe(false)
      // The build went to the project copy's own outputs, not to the working tree's.
      expect(JSON.parse(await readFile(project.outputs.indexFile, 'utf8')).storyCount).toBe(5)

      const { code, output } = await runDeploy(project.dir, ['--dry-run', '--config', 'plain.json'])
      expect(code).toBe(1)
      expect(output).toContain('deploy: refusing to deploy: the index has 5 stories')
      expect(output).not.toContain('bundling')
    } finally {
      await rm(join(project.storiesDir, '.deployed.json'))
    }
  })
})

describe('deploy checks', () => {
  it('refuses, unless forced, files that could not be read and an archive that shrank too much, and nothing else', () => {
    const warning = { file: 'a.txt', problem: 'no author in the file', action: 'listed without an author', severity: 'warning' as const }
    const error = { file: 'b.txt', problem: 'cannot read file', action: 'left out', severity: 'error' as const }
    expect(refusals([warning], null, 5, 0.1)).toEqual([])
    expect(refusals([warning, error, error], null, 5, 0.1)).toEqual(['2 story file(s) could not be read or parsed and would be missing from the index (listed above)'])
    const last = { storyCount: 100, version: 'v', deployedAt: 'd' }
    expect(refusals([error], last, 50, 0.1)).toEqual([
      '1 story file(s) could not be read or parsed and would be missing from the index (listed above)',
      storyDropProblem(last, 50, 0.1),
    ])
  })

  it('counts the static files in every folder and finds the largest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-search-assets-'))
    try {
      await mkdir(join(dir, 'index', 'deep'), { recursive: true })
      await writeFile(join(dir, 'app.js'), 'x'.repeat(10))
      await writeFile(join(dir, 'index', 'terms-a.bin'), new Uint8Array(300))
      await writeFile(join(dir, 'index', 'deep', 'b.bin'), new Uint8Array(20))
      expect(await measureAssets(dir)).toEqual({ files: 3, largest: 300 })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it.each([
    [null, 5, null],
    [{ storyCount: 100 }, 90, null],
    [{ storyCount: 100 }, 89, 'the index has 89 stories, 11 fewer than the 100 deployed last (11.0% > maxStoryDrop 10.0%); if stories were removed on purpose, deploy with --force'],
    [{ storyCount: 100 }, 150, null],
  ])('story drop from %j to %i', (previous, count, expected) => {
    const state = previous ? { ...previous, version: 'v', deployedAt: 'd' } : null
    expect(storyDropProblem(state, count, 0.1)).toBe(expected)
  })

  it('names every figure over its budget or the plan\'s limit, and ignores ones not measured or only informational', () => {
    const limits = { free: 10, paid: 100 }
    const lines = [
      { label: 'isolate memory', value: 120, budget: 96, limits: { free: 128, paid: 128 }, unit: 'MiB' as const, method: '' },
      { label: 'cpu', value: null, budget: 10, limits, unit: 'ms' as const, method: '' },
      { label: 'files', value: 25_000, budget: null, limits: { free: 20_000, paid: 100_000 }, unit: 'files' as const, method: '' },
      { label: 'cold', value: 50, budget: null, limits, unit: 'ms' as const, method: '', informational: true },
      { label: 'worker size (gzip)', value: 1, budget: 3, limits: { free: 3, paid: 10 }, unit: 'MiB' as const, method: '' },
    ]
    expect(overBudget(lines, 'free')).toEqual([
      'isolate memory is 120.00 MiB, over the budget of 96.00 MiB set in deploy.config.json',
      "files is 25,000 files, over the free plan's limit of 20,000 files",
    ])
    expect(overBudget(lines, 'paid')).toEqual(['isolate memory is 120.00 MiB, over the budget of 96.00 MiB set in deploy.config.json'])
  })
})
