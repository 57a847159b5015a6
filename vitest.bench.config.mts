// The slow suites that are not needed to judge a change: the benchmark harness's real run (build, bundle, workerd,
// load, another engine). `npm run test:bench`; CI runs it after `npm test`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'bench',
    include: ['test/**/*.slow.test.ts', 'bench/**/*.slow.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 600_000,
  },
})
