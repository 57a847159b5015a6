import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { overBudget, storyDropProblem } from '../../index-builder/deploy-config'
import { copyProject, type ProjectCopy } from '../_project-copy'
import { DEMO_ARCHIVE } from '../_helpers'
import { wranglerEnv } from '../../index-builder/wrangler-env'

/** Runs `npm run deploy`'s command in the project copy; resolves with its exit code and output. */
function deploy(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'index-builder/deploy.ts', ...args], {
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
    const { code, output } = await deploy(project.dir, ['--dry-run', '--config', 'plain.json'])
    expect(output).toMatch(/checked the built Worker: index [0-9a-f]{16}, 5 stories listed/)
    // Every figure the budget table promises, each against both plans.
    for (const label of ['static asset files', 'largest static file', 'worker size \\(gzip\\)', 'isolate heap \\(mixed load\\)', 'CPU per search, p95 warm', 'CPU per search, largest', 'CPU, cold first search']) {
      expect(output).toMatch(new RegExp(`(ok|OVER) +${label} +[\\d.,]+ (MiB|ms|s|files) .*limits: free .*, paid `))
    }
    expect(output).toMatch(/isolate heap \(mixed load\) .*after 200 searches/)
    expect(output).toContain('dry run: every check passed; nothing was uploaded')
    expect(code).toBe(0)
  })

  it('fails the dry run with a clear message when the bundle is over the configured budget', { timeout: 120_000 }, async () => {
    await writeFile(join(project.dir, 'tiny.json'), JSON.stringify({ tests: [], budgets: { workerGzipMiB: 0.001 } }))
    const { code, output } = await deploy(project.dir, ['--dry-run', '--config', 'tiny.json'])
    expect(code).toBe(1)
    expect(output).toMatch(/worker bundle [\d.]+ KiB raw \/ [\d.]+ KiB gzip/)
    expect(output).toMatch(/OVER +worker size \(gzip\)/)
    expect(output).toMatch(/over budget, nothing was deployed:\n {2}worker size \(gzip\) is [\d.]+ MiB, over the budget of 0\.001 MiB/)
  })

  it('stops before uploading anything when there is no API token', { timeout: 150_000 }, async () => {
    await writeFile(join(project.dir, 'plain.json'), JSON.stringify({ tests: [] }))
    const { code, output } = await deploy(project.dir, ['--config', 'plain.json'])
    expect(code).toBe(1)
    expect(output).toContain('CLOUDFLARE_API_TOKEN is not set, so nothing was uploaded')
    expect(output).not.toContain('uploading with wrangler deploy')
  })

  it('refuses an archive that lost more stories than allowed since the last deploy, before building anything else', { timeout: 60_000 }, async () => {
    await writeFile(join(project.storiesDir, '.deployed.json'), JSON.stringify({ storyCount: 50, version: 'x', deployedAt: 'y' }))
    await writeFile(join(project.dir, 'plain.json'), JSON.stringify({ tests: [] }))
    const { code, output } = await deploy(project.dir, ['--dry-run', '--config', 'plain.json'])
    expect(code).toBe(1)
    expect(output).toContain('refusing to deploy: the index has 5 stories, 45 fewer than the 50 deployed last (90.0% > maxStoryDrop 10.0%)')
    expect(output).toContain('--force')
    expect(output).not.toContain('bundling')
  })
})

describe('deploy checks', () => {
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
      { label: 'isolate heap', value: 120, budget: 96, limits: { free: 128, paid: 128 }, unit: 'MiB' as const, method: '' },
      { label: 'cpu', value: null, budget: 10, limits, unit: 'ms' as const, method: '' },
      { label: 'files', value: 25_000, budget: null, limits: { free: 20_000, paid: 100_000 }, unit: 'files' as const, method: '' },
      { label: 'cold', value: 50, budget: null, limits, unit: 'ms' as const, method: '', informational: true },
      { label: 'worker size (gzip)', value: 1, budget: 3, limits: { free: 3, paid: 10 }, unit: 'MiB' as const, method: '' },
    ]
    expect(overBudget(lines, 'free')).toEqual([
      'isolate heap is 120.00 MiB, over the budget of 96.00 MiB set in deploy.config.json',
      "files is 25,000 files, over the free plan's limit of 20,000 files",
    ])
    expect(overBudget(lines, 'paid')).toEqual(['isolate heap is 120.00 MiB, over the budget of 96.00 MiB set in deploy.config.json'])
  })
})
