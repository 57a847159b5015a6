import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const testIndex = fileURLToPath(new URL('./build/test/search.index.json', import.meta.url))
/**
 * A bound on a hung test, not on a slow one: tests assert behaviour and must pass on a busy machine, where a build or
 * a fast-check property that takes 2.5 s alone can pass vitest's default of 5 s. Speed is the bench's (npm run bench).
 */
const HANG_MS = { testTimeout: 60_000, hookTimeout: 120_000 }

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        // Pure logic (with its tests beside it in core/, index-builder/, tools/ and worker/) and the index builder run in Node. Slow suites (*.slow.test.ts) have their own command.
        test: {
          name: 'node',
          include: ['test/builder/**/*.test.ts', 'test/lib/**/*.test.ts', 'core/**/*.test.ts', 'index-builder/**/*.test.ts', 'tools/**/*.test.ts', 'worker/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.slow.test.ts'],
          ...HANG_MS,
        },
      },
      {
        // The Worker runs inside workerd, serving the test archive built by global-setup.ts.
        plugins: [cloudflareTest({ wrangler: { configPath: './test/worker/wrangler.toml' } })],
        resolve: { alias: [{ find: 'story-search:index', replacement: testIndex }] },
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], globalSetup: ['./test/worker/global-setup.ts'], ...HANG_MS },
      },
    ],
  },
})
