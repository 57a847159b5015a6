// One build in a fresh process, for `/usr/bin/time -v` to measure: `build-child.ts STORIES_DIR OUT_DIR`. The outputs
// are laid out as in the project (OUT/build/search.index.json, OUT/static/index/, OUT/build/cache/); prints the
// BuildResult as JSON.
import { join } from 'node:path'
import { DEFAULT_OUTPUTS, buildIndex } from '../../index-builder/build-index'

const [storiesDir, outDir] = process.argv.slice(2)
if (!storiesDir || !outDir) {
  console.error('usage: build-child.ts STORIES_DIR OUT_DIR')
  process.exit(2)
}
const outputs = Object.fromEntries(Object.entries(DEFAULT_OUTPUTS).map(([key, path]) => [key, join(outDir, path)])) as unknown as typeof DEFAULT_OUTPUTS
const result = await buildIndex({ storiesDir, ...outputs })
console.log(JSON.stringify({ ...result, problems: result.problems.length }))
