// `npm start [-- --stories DIR] [--port N]`: builds the index, serves it with wrangler dev, and rebuilds on every change.
import { spawn, type ChildProcess } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { DEFAULT_OUTPUTS, buildIndex, type BuildResult } from '../index-builder/build-index'
import { fail, readCommandLine } from '../index-builder/command-line'
import { formatBytes, formatProblems } from '../index-builder/report'
import { DEFAULT_DEBOUNCE_MS, watchAndRun } from './watch'
import { wranglerEnv } from './wrangler-env'

const USAGE = 'usage: npm start [-- --stories DIR] [--port N] [--inspector-port N] [--no-watch]'
const { values } = readCommandLine(USAGE, {
  options: {
    stories: { type: 'string', default: 'stories' },
    port: { type: 'string', default: '8787' },
    'inspector-port': { type: 'string' },
    watch: { type: 'boolean', default: true },
  },
  allowNegative: true,
})
const storiesDir = values.stories!
/** After a change to the Worker's code, how long the index waits before it is rebuilt (see the watcher below). */
const CODE_SETTLE_MS = 3000
for (const name of ['port', 'inspector-port'] as const) {
  const value = values[name]
  if (value !== undefined && !/^\d{1,5}$/.test(value)) fail(USAGE, `--${name} takes a port number, got "${value}"`)
}
if (!(await stat(storiesDir).then((entry) => entry.isDirectory(), () => false))) fail(USAGE, `story-search: no folder of stories at ${storiesDir}`)

function describe(result: BuildResult): string {
  const reuse = result.incremental.unchanged
    ? 'nothing served changed'
    : `${result.incremental.parsesReused} parses reused, ${result.incremental.piecesReused} of ${result.pieces.all.files} pieces unchanged`
  return `indexed ${result.storyCount} stories from ${storiesDir} in ${Math.round(result.durationMs)} ms (${result.pieces.all.files} pieces, ${formatBytes(result.pieces.all.bytes)}, version ${result.contentHash.slice(0, 16)}; ${reuse})`
}

try {
  const result = await buildIndex({ storiesDir, ...DEFAULT_OUTPUTS })
  console.log(`story-search: ${describe(result)}`)
  if (result.problems.length > 0) console.log(formatProblems(result.problems, DEFAULT_OUTPUTS.reportFile))
} catch (error) {
  console.error(`story-search: could not build the index from ${storiesDir}: ${(error as Error).message}`)
  process.exit(1)
}

const wranglerArgs = ['dev', '--ip', '127.0.0.1', '--port', values.port!]
if (values['inspector-port']) wranglerArgs.push('--inspector-port', values['inspector-port'])
// wrangler dev (4.79) reloads the Worker when the bundled index changes and again when the static assets do; when the
// two reloads overlap, the second looks for the index module the first replaced ("No such module
// …-search.index.json"), and wrangler exits: adding a story while npm start watched often did it. So while watching,
// a wrangler that stops is started again, unless it stopped RESTARTS.count times within RESTARTS.withinMs: then it
// cannot start at all (the port taken, a broken config), and npm start ends with it.
const RESTARTS = { count: 3, withinMs: 60_000 }
const restarts: number[] = []
let stopping = false
function startWrangler(): ChildProcess {
  const child = spawn('wrangler', wranglerArgs, { stdio: 'inherit', env: wranglerEnv() })
  child.on('exit', (code) => {
    const now = Date.now()
    const recent = restarts.filter((at) => now - at < RESTARTS.withinMs)
    if (watcher && !stopping && recent.length < RESTARTS.count) {
      console.error('story-search: wrangler dev stopped; starting it again')
      restarts.splice(0, restarts.length, ...recent, now)
      wrangler = startWrangler()
      return
    }
    if (!stopping) console.error(`story-search: wrangler dev stopped (exit code ${code}); npm start ends`)
    watcher?.close()
    process.exit(code ?? 0)
  })
  return child
}
let wrangler = startWrangler()

// wrangler dev reloads by itself when the bundled index or the static assets change; all this does is rebuild.
// The Worker's code is watched too (core/, worker/, and the scripts in static/ it renders pages with): its fingerprint is
// written into the index, and ETags and cached responses are keyed by it. static/index/ is the build's own output.
const watcher = values.watch
  ? watchAndRun({
      paths: [storiesDir, 'core', 'worker', 'static'],
      // wrangler reloads the Worker itself when its code changes. Rewriting the index (its new code fingerprint) while
      // that reload runs made wrangler 4.79 lose the index module ("No such module …-search.index.json") and stop
      // serving: after a code change, the index waits until wrangler has reloaded.
      debounceMs: (folder) => (folder === storiesDir ? DEFAULT_DEBOUNCE_MS : CODE_SETTLE_MS),
      filter: (path, folder) =>
        folder === 'static'
          ? /^[^\\/]+\.js$/.test(path)
          : !path.split(/[\\/]/).some((segment) => segment.startsWith('.') || segment.endsWith('~')) && !/\.test\.tsx?$|\.tsbuildinfo$/.test(path),
      onChange: async () => {
        try {
          const result = await buildIndex({ storiesDir, ...DEFAULT_OUTPUTS })
          if (!result.incremental.unchanged) console.log(`story-search: change seen; ${describe(result)}`)
          if (result.problems.some((p) => p.severity === 'error')) console.log(formatProblems(result.problems, DEFAULT_OUTPUTS.reportFile))
        } catch (error) {
          console.error(`story-search: rebuild failed, still serving the previous index: ${(error as Error).message}`)
        }
      },
    })
  : null
if (watcher) console.log(`story-search: watching ${storiesDir} for changes`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true
    watcher?.close()
    wrangler.kill(signal)
  })
}
