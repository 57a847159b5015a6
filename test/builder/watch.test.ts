import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { appendFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyProject, freePort, type ProjectCopy } from '../_project-copy'

const SERVER_START_MS = 60_000
// A bound on a hang, not a speed target: on a busy 2-core machine a rebuild and wrangler's reload took over 30 s.
const CHANGE_SEEN_MS = 120_000

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('npm start (watch mode)', () => {
  let project: ProjectCopy
  let server: ChildProcess
  let origin: string
  let output = ''
  const searchIds = async (q: string) => {
    const body = (await (await fetch(`${origin}/api/search?q=${encodeURIComponent(q)}`)).json()) as { hits: { id: string }[] }
    return body.hits.map((hit) => hit.id)
  }

  beforeAll(async () => {
    project = await copyProject()
    await writeFile(join(project.storiesDir, 'first.txt'), 'Title: First\n\nA story about a lighthouse.\n')
    const [port, inspectorPort] = await Promise.all([freePort(), freePort()])
    origin = `http://127.0.0.1:${port}`
    // Its own process group, so wrangler and workerd are stopped with it.
    server = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts', '--port', String(port), '--inspector-port', String(inspectorPort)], {
      cwd: project.dir,
      detached: true,
      env: { ...process.env, PATH: `${join(project.dir, 'node_modules', '.bin')}:${process.env['PATH']}`, WRANGLER_SEND_METRICS: 'false' },
    })
    server.stdout!.on('data', (chunk) => (output += chunk))
    server.stderr!.on('data', (chunk) => (output += chunk))
    await until('the server to answer', SERVER_START_MS, async () => ((await searchIds('lighthouse')).length === 1 ? true : undefined)).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${output}`)
      },
    )
  }, SERVER_START_MS + 10_000)

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server.on('exit', resolve))
      process.kill(-server.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
      if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL')
    }
    await project?.cleanup()
  })

  it('finds a story added while the service runs, without a restart', { timeout: CHANGE_SEEN_MS + 5000 }, async () => {
    await writeFile(join(project.storiesDir, 'second.txt'), 'Title: Second\n\nA tale of zeppelins and quasars.\n')
    const ids = await until('the new story to be found', CHANGE_SEEN_MS, async () => {
      const found = await searchIds('zeppelins quasars')
      return found.length > 0 ? found : undefined
    })
    expect(ids).toEqual(['second'])
    const story = await fetch(`${origin}/api/stories/second`)
    expect(story.status).toBe(200)
  })

  it('drops a deleted story from search', { timeout: CHANGE_SEEN_MS + 5000 }, async () => {
    await rm(join(project.storiesDir, 'first.txt'))
    await until('the deleted story to disappear', CHANGE_SEEN_MS, async () => ((await searchIds('lighthouse')).length === 0 ? true : undefined))
  })

  it('gives pages a new ETag when a script the Worker renders pages with changes, so no browser keeps the old page', { timeout: CHANGE_SEEN_MS + 5000 }, async () => {
    const etag = async () => (await fetch(`${origin}/search?q=tale`)).headers.get('ETag')
    const before = await etag()
    expect(before).toMatch(/^W\//)
    await appendFile(join(project.dir, 'static', 'search-url.js'), '\n// edited while npm start runs\n')
    await until('a new ETag', CHANGE_SEEN_MS, async () => {
      const now = await etag()
      return now !== null && now !== before ? now : undefined
    })
  })

  it('starts wrangler again when it stops while watching, and serves the index as before', { timeout: SERVER_START_MS + 5000 }, async () => {
    // wrangler exits when two of its reloads race (tools/start.ts); stopped from outside here, the same way out. npm
    // start's child is wrangler's launcher, which runs wrangler itself as its child and exits when it does.
    const childOf = (pid: number) => Number(execFileSync('pgrep', ['-P', String(pid), '-f', 'wrangler'], { encoding: 'utf8' }).trim())
    const wrangler = childOf(server.pid!)
    const stopped = new Promise((resolve) => {
      const poll = setInterval(() => {
        try {
          process.kill(wrangler, 0)
        } catch {
          clearInterval(poll)
          resolve(true)
        }
      }, 100)
    })
    process.kill(childOf(wrangler), 'SIGTERM')
    await stopped
    const ids = await until('the server to answer again', SERVER_START_MS, async () => {
      const found = await searchIds('zeppelins quasars')
      return found.length > 0 ? found : undefined
    })
    expect(ids).toEqual(['second'])
    expect(output).toContain('wrangler dev stopped; starting it again')
    expect(server.exitCode).toBeNull()
  })
})
