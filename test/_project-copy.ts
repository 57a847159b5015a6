// A throwaway copy of the project (sources, config, a link to node_modules) for tests that run the real commands,
// so their builds never overwrite build/ or static/index/ of the working tree.
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outputsUnder, type DEFAULT_OUTPUTS } from '../index-builder/build-index'
export { freePort } from '../tools/free-port'

export const ROOT = join(import.meta.dirname, '..')
const COPIED = ['core', 'worker', 'index-builder', 'tools', 'wrangler.toml', 'package.json', 'tsconfig.base.json', 'worker-configuration.d.ts']

export interface ProjectCopy {
  dir: string
  storiesDir: string
  /** Where `npm run build:index` writes in the copy (DEFAULT_OUTPUTS under its folder). */
  outputs: typeof DEFAULT_OUTPUTS
  cleanup: () => Promise<void>
}

/** Copies the project into a temp folder with `stories` as its (empty, or given) archive. */
export async function copyProject(stories?: string): Promise<ProjectCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-project-'))
  for (const name of COPIED) await cp(join(ROOT, name), join(dir, name), { recursive: true })
  await cp(join(ROOT, 'static'), join(dir, 'static'), {
    recursive: true,
    filter: (source) => !/[\\/]static[\\/](index|_headers)/.test(source.slice(ROOT.length)),
  })
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const storiesDir = join(dir, 'stories')
  if (stories) await cp(stories, storiesDir, { recursive: true })
  else await mkdir(storiesDir)
  return { dir, storiesDir, outputs: outputsUnder(dir), cleanup: () => rm(dir, { recursive: true, force: true }) }
}

