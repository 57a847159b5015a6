// One build in a fresh process, for `/usr/bin/time -v` to measure: `build-child.ts STORIES_DIR OUT_DIR`. The outputs
// are laid out as in the project (OUT/build/search.index.json, OUT/static/index/, OUT/build/cache/); prints the
// BuildResult as JSON.
import { buildIndex, outputsUnder } from '../../index-builder/build-index'

const [storiesDir, outDir] = process.argv.slice(2)
if (!storiesDir || !outDir) {
  console.error('usage: build-child.ts STORIES_DIR OUT_DIR')
  process.exit(2)
}
const result = await buildIndex({ storiesDir, ...outputsUnder(outDir) })
console.log(JSON.stringify({ ...result, problems: result.problems.length }))
