// `npm run build:index [-- --stories DIR]`: builds the index directory and pieces from an archive folder.
import { stat } from 'node:fs/promises'
import { DEFAULT_OUTPUTS, buildIndex } from './build-index'
import { fail, readCommandLine } from './command-line'
import { formatBytes, formatProblems } from './report'

const USAGE = 'usage: npm run build:index [-- --stories DIR] [--quiet]'
const { values } = readCommandLine(USAGE, {
  options: {
    stories: { type: 'string', default: 'stories' },
    quiet: { type: 'boolean', default: false },
  },
})
if (!(await stat(values.stories!).then((entry) => entry.isDirectory(), () => false))) fail(USAGE, `story-search: no folder of stories at ${values.stories}`)

try {
  const result = await buildIndex({ storiesDir: values.stories!, ...DEFAULT_OUTPUTS })
  if (!values.quiet || result.problems.length > 0) {
    console.log(
      `story-search: indexed ${result.storyCount} stories from ${values.stories} in ${Math.round(result.durationMs)} ms ` +
        `(directory ${formatBytes(result.indexBytes)}, ${result.pieces.all.files} pieces ${formatBytes(result.pieces.all.bytes)}, version ${result.contentHash.slice(0, 16)})`,
    )
    if (result.problems.length > 0) console.log(formatProblems(result.problems, DEFAULT_OUTPUTS.reportFile))
  }
} catch (error) {
  console.error(`story-search: build failed, the previous index was left in place: ${(error as Error).message}`)
  process.exit(1)
}
