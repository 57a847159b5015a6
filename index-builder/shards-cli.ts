// `npm run build:shards -- --stories DIR [--shards N] [--heap-budget-mb M]`: builds a sharded deployment under build/shards/.
// `npm run start:shards -- ...same [--port N]`: builds it, then serves the front and every shard with one `wrangler dev`.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { formatBytes, formatProblems } from './report'
import { buildShards } from './shards'

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: 'stories' },
    out: { type: 'string', default: 'build/shards' },
    shards: { type: 'string' },
    'heap-budget-mb': { type: 'string' },
    serve: { type: 'boolean', default: false },
    port: { type: 'string', default: '8787' },
  },
})

let result
try {
  result = await buildShards({
    storiesDir: values.stories!,
    outDir: values.out!,
    ...(values.shards ? { shardCount: Number(values.shards) } : {}),
    ...(values['heap-budget-mb'] ? { heapBudgetBytes: Number(values['heap-budget-mb']) * 1024 * 1024 } : {}),
  })
} catch (error) {
  console.error(`story-search: could not build shards from ${values.stories}: ${(error as Error).message}`)
  process.exit(1)
}
console.log(
  `story-search: ${result.storyCount} stories (${formatBytes(result.textBytes)} of text) in ${result.shardCount} shard(s), ` +
    `built in ${Math.round(result.durationMs)} ms; version ${result.contentHash.slice(0, 16)}`,
)
for (const [i, shard] of result.shards.entries()) {
  console.log(`  shard ${i}: ${shard.stories} stories, index ${formatBytes(shard.indexBytes)} (${formatBytes(shard.gzipBytes)} gzipped)`)
}
if (result.problems.length > 0) console.log(formatProblems(result.problems, 'the build'))

if (values.serve && result.shardCount === 1 && !values.shards) {
  // One shard is one Worker: serve it as the single-Worker app does, with no fan-out.
  console.log('story-search: the archive fits one Worker; serving it without shards (npm start)')
  const start = spawn(process.execPath, ['--import', 'tsx', 'index-builder/start.ts', '--stories', values.stories!, '--port', values.port!], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => start.kill(signal))
  start.on('exit', (code) => process.exit(code ?? 0))
} else if (values.serve) {
  const args = ['dev', '--ip', '127.0.0.1', '--port', values.port!, ...result.configs.flatMap((config) => ['-c', config])]
  const wrangler = spawn('wrangler', args, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal))
  wrangler.on('exit', (code) => process.exit(code ?? 0))
}
