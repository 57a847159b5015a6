// The sharded deployment's tests: Node drives `wrangler dev` with the generated configs (front + shards) on free ports.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'shards',
    include: ['test/shards/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 150_000,
    // The bundled-deployment test reads isolate heaps over the DevTools WebSocket (a flag on Node 20).
    execArgv: ['--experimental-websocket', '--disable-warning=ExperimentalWarning'],
  },
})
