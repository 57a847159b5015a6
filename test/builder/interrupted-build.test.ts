// A build killed mid-write (SIGKILL: no catch, no finally) leaves the previous index and its pieces byte for byte, and the next build succeeds.
import { spawn } from 'node:child_process'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OUTPUTS } from '../../index-builder/build-index'
import { copyProject, type ProjectCopy } from '../_project-copy'
import { DEMO_ARCHIVE } from '../_helpers'

/** Enough stories that writing their pieces takes long enough to be caught in the act. */
const EXTRA_STORIES = 6000
const WORDS = 'clark lana chloe lex barn loft meteor crater farm quarry rain telescope lantern road truck field sky green fire wish'.split(' ')

/** Runs `npm run build:index`'s command in the project copy. */
function startBuild(cwd: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'index-builder/cli.ts', '--quiet'], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  return { child, exited, output: () => output }
}

async function snapshot(dir: string): Promise<{ index: Buffer; pieces: Map<string, Buffer> }> {
  const piecesDir = join(dir, DEFAULT_OUTPUTS.piecesDir)
  const pieces = new Map<string, Buffer>()
  for (const name of (await readdir(piecesDir)).sort()) pieces.set(name, await readFile(join(piecesDir, name)))
  return { index: await readFile(join(dir, DEFAULT_OUTPUTS.indexFile)), pieces }
}

describe('a build killed with SIGKILL while it writes', () => {
  let project: ProjectCopy
  beforeAll(async () => {
    project = await copyProject(DEMO_ARCHIVE)
  })
  afterAll(() => project.cleanup())

  it('leaves the previous index and pieces byte-identical, and the next build succeeds', { timeout: 120_000 }, async () => {
    const first = startBuild(project.dir)
    expect(await first.exited, first.output()).toBe(0)
    const before = await snapshot(project.dir)
    expect(before.pieces.size).toBeGreaterThan(0)

    // Grow the archive so the next build has hundreds of pieces to write.
    const extra = join(project.storiesDir, 'bulk')
    await mkdir(extra)
    for (let i = 0; i < EXTRA_STORIES; i++) {
      const body = Array.from({ length: 300 }, (_, j) => WORDS[(i * 7 + j * 13) % WORDS.length]).join(' ')
      await writeFile(join(extra, `story-${i}.txt`), `Title: Bulk ${i}\nAuthor: Load Writer\nRating: G\nFandom: Smallville\n\n---\n\n${body} number${i}.\n`)
    }

    const killed = startBuild(project.dir)
    const staging = join(project.dir, `${DEFAULT_OUTPUTS.piecesDir}.staging-${killed.child.pid}`)
    const deadline = Date.now() + 40_000
    let seen = 0
    while (Date.now() < deadline && killed.child.exitCode === null) {
      seen = await readdir(staging).then((names) => names.length, () => 0)
      if (seen > 0) break
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    expect(seen, `the build never started writing pieces:\n${killed.output()}`).toBeGreaterThan(0)
    process.kill(-killed.child.pid!, 'SIGKILL')
    expect(await killed.exited).toBe('SIGKILL')

    const after = await snapshot(project.dir)
    expect(after.index.equals(before.index)).toBe(true)
    expect([...after.pieces.keys()]).toEqual([...before.pieces.keys()])
    for (const [name, bytes] of before.pieces) expect(after.pieces.get(name)!.equals(bytes), name).toBe(true)

    const next = startBuild(project.dir)
    expect(await next.exited, next.output()).toBe(0)
    const rebuilt = await snapshot(project.dir)
    const directory = JSON.parse(rebuilt.index.toString('utf8')) as { storyCount: number }
    expect(directory.storyCount).toBe(5 + EXTRA_STORIES)
    // The next build removes what the killed one left (static/index.staging-<pid>), which would else be uploaded as assets.
    const leftovers = (await readdir(join(project.dir, 'static'))).filter((name) => name.includes('.staging-') || name.includes('.old-'))
    expect(leftovers).toEqual([])
  })
})
