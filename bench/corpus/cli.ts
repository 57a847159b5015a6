// Command line for the corpus generator: `npx tsx bench/corpus/cli.ts --stories N --out DIR [--seed S] [--force]`.

import { parseArgs } from 'node:util'
import { type CorpusSummary, CorpusError, DEFAULT_SEED, generateCorpus } from './generate-corpus'
import { withThousands } from './formats/text-parts'

const USAGE = 'usage: npx tsx bench/corpus/cli.ts --stories N --out DIR [--seed S] [--force] [--corpus DIR]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stories: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: DEFAULT_SEED },
      force: { type: 'boolean', default: false },
      corpus: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const stories = Number(values.stories)
  if (!values.out || !Number.isInteger(stories) || stories < 1) throw new CorpusError(`story-search corpus: ${USAGE}`)

  const progressEvery = Math.max(1, Math.round(stories / 20))
  const summary = await generateCorpus({
    stories,
    outDir: values.out,
    seed: values.seed,
    force: values.force,
    corpusDir: values.corpus,
    onProgress: (written, total) => {
      if (process.stderr.isTTY && (written % progressEvery === 0 || written === total)) {
        process.stderr.write(`\r${written}/${total} stories`)
        if (written === total) process.stderr.write('\n')
      }
    },
  })
  console.log(formatSummary(summary))
}

export function formatSummary(s: CorpusSummary): string {
  const share = (n: number) => `${n} (${((100 * n) / s.stories).toFixed(0)}%)`
  return [
    `stories:        ${withThousands(s.stories)} in ${s.outDir} (seed ${JSON.stringify(s.seed)})`,
    `total words:    ${withThousands(s.totalWords)}`,
    `total bytes:    ${withThousands(s.totalBytes)} (${(s.totalBytes / 1024 / 1024).toFixed(1)} MiB)`,
    `words/story:    median ${withThousands(s.medianWords)}, p90 ${withThousands(s.p90Words)}, max ${withThousands(s.maxWords)}, over 50k: ${s.storiesOver50k}`,
    `distinct terms: ${withThousands(s.distinctTerms)}`,
    `authors:        ${withThousands(s.distinctAuthors)}`,
    `formats:        ${Object.entries(s.formats).map(([f, n]) => `${f} ${share(n)}`).join(', ')}`,
    `fandoms:        ${Object.entries(s.fandoms).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ')}`,
    `time:           ${s.seconds.toFixed(1)} s (training ${s.trainingSeconds.toFixed(1)} s)`,
  ].join('\n')
}

main().catch((error: unknown) => {
  console.error(error instanceof CorpusError ? error.message : error)
  process.exitCode = 1
})
