// `npm run bench [-- --quick] [--sizes fiction,100,1000] [--engines ours,minisearch] [--seconds N] [--out FILE] [--chart FILE]
// [--scale 1000,5000,20000] [--scale-baselines 20000]`: the engine comparison, then the paged index at scale.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { runScale } from '../scale/scale-bench'
import { parseCliOptions } from './options'
import { writeReport } from './report'
import { runBench, type BenchResults } from './run-bench'

const options = parseCliOptions(process.argv.slice(2), (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`))
// --report-from FILE re-renders BENCHMARKS.md and the chart from an earlier run's JSON, measuring nothing.
const results = options.reportFrom ? (JSON.parse(await readFile(options.reportFrom, 'utf8')) as BenchResults) : await runBench(options)
if (!options.reportFrom) {
  await mkdir(dirname(options.json), { recursive: true })
  await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`)
}
await writeReport(results, options.out, options.chart)
options.log(`${options.reportFrom ? 'report from an earlier run' : 'done'} in ${(results.durationMs / 60_000).toFixed(1)} min: ${options.out}, ${options.chart}, ${options.json}`)
if (!options.reportFrom && options.scale.sizes.length > 0) {
  await runScale(options.scale.sizes, new Set(options.scale.baselines), options.workDir, options.out, join(options.workDir, 'scale.json'), options.log)
}
