// `npx tsx bench/shards/equivalence-cli.ts --stories DIR [--shards 2,4,8] [--modes shard,field-lengths,archive]`:
// how close merged shard rankings come to one index's, on a generated query mix. Prints JSON, one line per run.
import { parseArgs } from 'node:util'
import { readArchive } from '../../index-builder/build-index'
import type { StatsMode } from '../../index-builder/shards'
import { compareRankings, fullIndex, shardIndexes } from './equivalence'
import { makeQueryMix } from './query-mix'

const { values } = parseArgs({
  options: {
    stories: { type: 'string' },
    shards: { type: 'string', default: '2,4,8' },
    modes: { type: 'string', default: 'shard,field-lengths,archive' },
    depth: { type: 'string', default: '10' },
    verbose: { type: 'boolean', default: false },
  },
})
if (!values.stories) {
  console.error('usage: npx tsx bench/shards/equivalence-cli.ts --stories DIR [--shards 2,4,8] [--modes shard,field-lengths,archive]')
  process.exit(2)
}
const { stories } = await readArchive(values.stories)
const queries = makeQueryMix(stories)
const single = fullIndex(stories)
console.error(`bench/shards: ${stories.length} stories, ${queries.length} queries`)
for (const count of values.shards!.split(',').map(Number)) {
  const shards = shardIndexes(stories, count)
  for (const mode of values.modes!.split(',') as StatsMode[]) {
    const started = performance.now()
    const report = await compareRankings(stories, single, shards.withMode(mode), queries, Number(values.depth), mode)
    console.error(`bench/shards: ${count} shards, ${mode}: ${Math.round(performance.now() - started)} ms`)
    const { worst, mismatches, ...summary } = report
    console.log(JSON.stringify({ stories: stories.length, ...summary, overlap: Math.round(summary.overlap * 10000) / 100 }))
    if (values.verbose) {
      for (const c of worst) console.error(`  ${c.shared}/${c.expected} ${c.query.kind} ${c.query.q}`)
      for (const c of mismatches) console.error(`  count: ${c.totalSingle} one index, ${c.totalSharded} merged${c.truncated ? ' (truncated)' : ''}, facets ${c.facetsEqual ? 'equal' : 'differ'}: ${c.query.kind} ${c.query.q}`)
    }
  }
}
