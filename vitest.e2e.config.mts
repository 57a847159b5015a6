// End-to-end tests: real Chromium against `wrangler dev` serving the demo archive (see test/e2e/global-setup.ts).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/e2e/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // One service, one browser per file; files run one after another so timings stay steady.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
})
