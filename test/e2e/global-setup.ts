// Starts the service for the end-to-end tests: the demo archive (test/fixtures/demo) built in a throwaway copy of the
// project and served by `wrangler dev` on a free port; stopped and removed after. The working tree's build is untouched.
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startDevServer } from '../../tools/dev-server'
import { buildIndex } from '../../index-builder/build-index'
import { DEMO_ARCHIVE } from '../_helpers'
import { copyProject } from '../_project-copy'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const copy = await copyProject(DEMO_ARCHIVE)
  try {
    await buildIndex({ storiesDir: copy.storiesDir, ...copy.outputs })
    const server = await startDevServer({ cwd: copy.dir, persistTo: join(copy.dir, 'state'), firstPath: '/api/search?q=clark' })
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
