import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectPaths } from '../../index-builder/inspect'
import { FIXTURE_STORIES } from '../_helpers'

const ROOT = join(import.meta.dirname, '..', '..')
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'index-builder/inspect.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })

describe('npm run inspect', () => {
  it('reads every story file of a folder, with the id and folder fandom the build gives it', async () => {
    const entries = await inspectPaths([FIXTURE_STORIES])
    expect(entries.map((entry) => entry.id).sort()).toEqual(['other--lighthouse', 'smallville--barn-loft', 'smallville--talon-coffee'])
    const barn = entries.find((entry) => entry.id === 'smallville--barn-loft')
    expect(barn).toMatchObject({ sourcePath: 'Smallville/barn-loft.txt', fandoms: ['Smallville'], served: true })
  })

  it('gives a file in a subfolder the same id as the build, when told the archive folder', async () => {
    const [entry] = await inspectPaths([join(FIXTURE_STORIES, 'Smallville', 'barn-loft.txt')], FIXTURE_STORIES)
    expect(entry).toMatchObject({ id: 'smallville--barn-loft', fandoms: ['Smallville'] })
  })

  it('says which rule found each field', async () => {
    const [entry] = await inspectPaths([join(ROOT, 'test', 'fixtures', 'ingest', 'usenet-post.txt')])
    expect(entry!.provenance).toMatchObject({
      title: 'title and byline set apart below the preamble',
      date: 'post headers (Subject:, From:, Date:)',
      rating: 'rating written in the preamble',
      characters: 'disclaimer above the story',
    })
  })

  it('exits 1 when a file cannot be read, and 2 without a path', () => {
    const missing = run(join(ROOT, 'test', 'fixtures', 'ingest', 'no-such-story.txt'))
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.stdout)[0].problems[0].problem).toMatch(/^cannot read file/)
    expect(run().status).toBe(2)
  })
})
