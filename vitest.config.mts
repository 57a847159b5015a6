import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        // Pure logic and the index builder run in Node.
        test: { name: 'node', include: ['test/builder/**/*.test.ts', 'test/lib/**/*.test.ts'] },
      },
      {
        // The Worker runs inside workerd, with the bindings from wrangler.toml.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'] },
      },
    ],
  },
})
