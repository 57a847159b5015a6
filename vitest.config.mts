import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const testIndex = fileURLToPath(new URL('./build/test/search.index.json', import.meta.url))

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
        },
      },
      {
        // The Worker runs inside workerd, serving the test archive built by global-setup.ts.
        plugins: [cloudflareTest({ wrangler: { configPath: './test/worker/wrangler.toml' } })],
        resolve: { alias: [{ find: 'story-search:index', replacement: testIndex }] },
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'], globalSetup: ['./test/worker/global-setup.ts'] },
      },
    ],
  },
})
