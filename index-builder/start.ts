// `npm start [-- --stories DIR] [--port N]`: builds the index from an archive folder, then serves it with wrangler dev.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { DEFAULT_OUTPUTS, buildIndex } from './build-index'
import { formatBytes, formatProblems } from './report'

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: 'stories' },
    port: { type: 'string', default: '8787' },
  },
})

try {
  const result = await buildIndex({ storiesDir: values.stories!, ...DEFAULT_OUTPUTS })
  console.log(`story-search: indexed ${result.storyCount} stories from ${values.stories} (index ${formatBytes(result.indexBytes)})`)
  if (result.problems.length > 0) console.log(formatProblems(result.problems, DEFAULT_OUTPUTS.reportFile))
} catch (error) {
  console.error(`story-search: could not build the index from ${values.stories}: ${(error as Error).message}`)
  process.exit(1)
}

const wrangler = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', values.port!], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => wrangler.kill(signal))
wrangler.on('exit', (code) => process.exit(code ?? 0))
