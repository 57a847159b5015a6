// Starts the service for the end-to-end tests: the demo archive (test/fixtures/demo) built in a throwaway copy of the
// project and served by `wrangler dev` on a free port; stopped and removed after. The working tree's build is untouched.
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startDevServer } from '../../bench/run/worker-server'
import { buildIndex } from '../../index-builder/build-index'
import { DEMO_ARCHIVE } from '../_helpers'
import { copyProject, freePort } from '../_project-copy'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const copy = await copyProject(DEMO_ARCHIVE)
  try {
    await buildIndex({ storiesDir: copy.storiesDir, ...copy.outputs })
    const server = await startDevServer(copy.dir, join(copy.dir, 'wrangler.toml'), await freePort(), await freePort(), { q: 'clark', kind: 'word' })
    project.provide('baseUrl', server.origin)
    return async () => {
      await server.stop()
      await copy.cleanup()
    }
  } catch (error) {
    await copy.cleanup()
    throw error
  }
}
