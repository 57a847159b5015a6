// `npm run eval`: relevance of our search against plain MiniSearch on the judged query set, written to BENCHMARKS.md.
import { readFile, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { readCommandLine } from '../../index-builder/command-line'
import { FIELD_BOOSTS } from '../../core/index-contract'
import { baselineEngine, buildOurIndex, ourEngine } from './engines'
import { loadEvalCorpus } from './eval-corpus'
import { evaluate } from './evaluate'
import { bm25Grid, boostGrid, describeBoosts, describeTuning, stopWordExperiment, tuningSweep } from './experiments'
import { loadJudgedQueries } from './judgments'
import { experimentsSection, mainSection, writeSection } from './report'
import { CHOSEN_TUNING } from '../../worker/search/tuning'

const BENCHMARKS_FILE = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url))
const MINISEARCH_PACKAGE = fileURLToPath(new URL('../../node_modules/minisearch/package.json', import.meta.url))

const USAGE = `Usage: npm run eval [-- --experiments] [-- --no-write]
  --experiments  also tune field boosts, BM25, stem weight, typo and proximity settings, and compare stop-word removal (1–2 minutes more)
  --no-write     print only; leave BENCHMARKS.md as it is`

async function main(): Promise<void> {
  const { values } = readCommandLine(USAGE, { options: { experiments: { type: 'boolean' }, 'no-write': { type: 'boolean' } } })
  const started = performance.now()
  const step = (what: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${what}`)

  step('reading the corpus')
  const { stories, problems } = await loadEvalCorpus()
  if (problems.length > 0) console.error(`eval: the builder reported ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
  const queries = await loadJudgedQueries(undefined, new Set(stories.map((story) => story.id)))

  step(`indexing ${stories.length} documents (ours, then the baseline)`)
  const index = await buildOurIndex(stories)
  const baseline = baselineEngine(stories)

  step(`running ${queries.length} queries`)
  const ours = await evaluate(ourEngine(index), queries)
  const base = await evaluate(baseline, queries)

  const cpu = cpus()
  const tuning = CHOSEN_TUNING
  const context = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    node: process.versions.node,
    minisearch: (JSON.parse(await readFile(MINISEARCH_PACKAGE, 'utf8')) as { version: string }).version,
    queryCount: queries.length,
    documentCount: stories.length,
    seconds: 0,
  }
  const boostsNote = `Field boosts: ${Object.entries(FIELD_BOOSTS).map(([field, boost]) => `${field} ${boost}`).join(', ')}; ${describeTuning(tuning)}.`

  let experiments: string | null = null
  if (values.experiments) {
    step('experiment: field boosts')
    const boosts = await boostGrid(index, stories, queries)
    step('experiment: BM25 parameters')
    const bm25 = await bm25Grid(index, queries)
    step('experiment: stem weight, typo tolerance and proximity')
    const tuningRows = await tuningSweep(index, stories, queries)
    step('experiment: stop words (second index)')
    const stopWords = await stopWordExperiment(index, stories, queries, ours)
    experiments = experimentsSection({ date: context.date, boosts, bm25, tuning: tuningRows, stopWords, ours, baseline: base, kinds: [...ours.byKind.keys()] })
    const best = [...boosts].sort((a, b) => b.mean.ndcg - a.mean.ndcg)[0]!
    step(`best boosts by NDCG@10: ${describeBoosts(best.boosts)} (${best.mean.ndcg.toFixed(3)}; current ${describeBoosts(FIELD_BOOSTS)})`)
  }

  context.seconds = (performance.now() - started) / 1000
  const main = mainSection(context, ours, base, boostsNote)
  console.log(`## Relevance\n\n${main}`)
  if (experiments) console.log(`\n## Experiments\n\n${experiments}`)
  if (!values['no-write']) {
    await writeFile(BENCHMARKS_FILE, await writeSection(BENCHMARKS_FILE, main, experiments))
    step(`wrote the relevance section of ${BENCHMARKS_FILE}`)
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
