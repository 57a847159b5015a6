// `npm run build:index [-- --stories DIR]`: builds the search index and story fragments from an archive folder.
import { parseArgs } from 'node:util'
import { DEFAULT_OUTPUTS, buildIndex } from './build-index'
import { formatBytes, formatProblems } from './report'

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: 'stories' },
    quiet: { type: 'boolean', default: false },
  },
})

try {
  const result = await buildIndex({ storiesDir: values.stories!, ...DEFAULT_OUTPUTS })
  if (!values.quiet || result.problems.length > 0) {
    console.log(
      `story-search: indexed ${result.storyCount} stories from ${values.stories} in ${Math.round(result.durationMs)} ms ` +
        `(index ${formatBytes(result.indexBytes)}, fragments ${formatBytes(result.fragmentBytes)}, version ${result.contentHash.slice(0, 16)})`,
    )
    if (result.problems.length > 0) console.log(formatProblems(result.problems, DEFAULT_OUTPUTS.reportFile))
  }
} catch (error) {
  console.error(`story-search: build failed, the previous index was left in place: ${(error as Error).message}`)
  process.exit(1)
}
