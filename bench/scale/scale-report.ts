// The scale section of BENCHMARKS.md: the paged index by archive size, against the targets and Workers' limits, with
// the whole index and plain MiniSearch beside it where they were measured.
import type { ScaleRun } from './scale-bench'
import { heldBytes } from '../../tools/isolate-heap'

export const SCALE_START = '<!-- scale:start -->'
export const SCALE_END = '<!-- scale:end -->'

const MiB = 1024 * 1024
const n = (value: number) => Math.round(value).toLocaleString('en-US')
const mib = (bytes: number) => `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 2 : 1)} MiB`
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`)
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×`
const check = (ok: boolean) => (ok ? 'yes' : '**no**')

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')
}

export function renderScaleSection(run: ScaleRun): string {
  const lines: string[] = []
  lines.push('## The paged index at scale')
  lines.push('')
  lines.push('<!-- Written by `npm run bench:scale` (bench/scale/); edits between the scale markers are overwritten. -->')
  lines.push('')
  lines.push(
    `Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC on ${run.machine}, Node ${run.node}; load average ${run.loadAverage.toFixed(1)} when the run started. ` +
      'Generated archives (`bench/corpus`, seed `story-search`). Each size: a build from scratch and a rebuild after one sentence was added to one story ' +
      '(`/usr/bin/time -v`: wall time, peak resident memory); CPU per search in Node around the Worker\'s own search code (`tools/measure-requests.ts` in a fresh ' +
      'process: the first search on a cold index; then an isolate\'s first 200 searches, queries of the same kinds drawn with another seed, while code is still ' +
      'being compiled and every piece is read for the first time; then the 200-query mix, warm; three fresh processes, the one with the median warm p95 shown; CPU is the whole process\'s, every thread; beside it, as a mean over the mix, the JavaScript thread\'s alone, without V8\'s compiler and garbage-collector helper threads, read from Linux\'s per-thread schedstat, which a thread sees only as of its last scheduler tick, too coarse for one search); the Worker as `wrangler deploy --dry-run` bundles it, in a fresh workerd through Miniflare: ' +
      'the first search from creating workerd to the answer (beside it, the same for a Worker that only answers "ok" with the same static assets: ' +
      'what starting workerd costs here whatever the Worker; three fresh starts of each, in turns, medians), then in another workerd the mix one request at a time (HTTP on loopback, snippets included, no inspector attached), ' +
      'then in a fresh workerd with an inspector, the isolate\'s memory after the mix and 100 story pages: its JS heap and the array buffers beside it.',
  )
  lines.push('')
  lines.push(
    table(
      ['stories', 'text', 'build (peak memory)', 'rebuild after one story changed', 'pieces (files, largest)', 'directory / bundle gzip', 'isolate memory after mix + 100 pages: heap + buffers (before GC)', 'first search, fresh workerd', 'warm HTTP p50 / p95', 'CPU warm p50 / p95 / max (Node; p95 of each run)', 'CPU warm mean: process / JS thread', 'CPU p50 / p95, an isolate\'s first 200 searches (Node)', 'CPU cold first search (Node; JS thread)'],
      run.results.map((r) => [
        n(r.stories),
        mib(r.textBytes),
        `${ms(r.build.wallMs)} (${gib(r.build.maxRssBytes)})`,
        `${ms(r.rebuild.wallMs)} (${r.rebuild.result.incremental.updated ? 'patched' : 'from scratch'}, ${n(r.rebuild.result.incremental.piecesReused)} of ${n(r.rebuild.result.pieces.all.files)} pieces kept)`,
        `${mib(r.pieces.all.bytes)} in ${n(r.pieces.all.files)} (${n(r.pieces.terms.files)} term pages, ${n(r.pieces.words.files)} dictionary, ${n(r.pieces.text.files)} text packs), largest ${mib(r.pieces.largest)}`,
        `${mib(r.directoryBytes)} / ${mib(r.bundle.gzipBytes)}`,
        `${mib(r.workerd.heap.usedBytes)} + ${mib(r.workerd.heap.buffersBytes)} (${mib(r.workerd.heap.beforeGcBytes)} + ${mib(r.workerd.heap.beforeGcBuffersBytes)})`,
        `${ms(r.workerd.firstSearchMs)} (workerd ${ms(r.workerd.startMs)} + ${ms(r.workerd.firstRequestMs)}; an "ok" Worker ${ms(r.workerd.floorMs)})`,
        `${ms(r.workerd.warm.p50)} / ${ms(r.workerd.warm.p95)}`,
        `${ms(r.cpu.warm.p50)} / ${ms(r.cpu.warm.p95)} / ${ms(r.cpu.warm.max)} (${(r.cpuRunsP95 ?? [r.cpu.warm.p95]).map(ms).join(', ')})`,
        r.cpu.warm.mean != null ? `${ms(r.cpu.warm.mean)} / ${r.cpu.warm.threadMean != null ? ms(r.cpu.warm.threadMean) : 'not measured'}` : 'not measured',
        `${ms(r.cpu.firstSearches.p50)} / ${ms(r.cpu.firstSearches.p95)}`,
        r.cpu.cold.threadMs != null ? `${ms(r.cpu.cold.cpuMs)} (${ms(r.cpu.cold.threadMs)})` : ms(r.cpu.cold.cpuMs),
      ]),
    ),
  )
  lines.push('')
  const kinds = Object.keys(run.results[0]?.cpu.p95ByKind ?? {})
  if (kinds.length > 0) {
    lines.push('CPU p95 by kind of query (Node), and whole texts of stories other than the shown hits read per query (phrase checks):')
    lines.push('')
    lines.push(
      table(
        ['stories', ...kinds],
        run.results.flatMap((r) => [
          [`${n(r.stories)}: CPU p95`, ...kinds.map((kind) => ms(r.cpu.p95ByKind[kind] ?? 0))],
          [`${n(r.stories)}: texts read`, ...kinds.map((kind) => (r.cpu.textsReadByKind?.[kind] ?? 0).toFixed(1))],
        ]),
      ),
    )
    lines.push('')
  }
  if (run.results.length > 0) {
    lines.push(`Phrases beside single words, ${n(run.results[0]!.cpu.phrasesAndWords.phrase.requests)} of each timed after the mix (CPU in Node; HTTP in the warm workerd, one request at a time), and whole texts read beyond the shown page per phrase query:`)
    lines.push('')
    lines.push(
      table(
        ['stories', 'CPU phrase p50 / p95', 'CPU word p50 / p95', 'CPU: phrase p95 ÷ word p95', 'HTTP (workerd): phrase p95 / word p95', 'phrase texts read beyond the page'],
        run.results.map(({ stories, cpu: { phrasesAndWords: { phrase, word } }, workerd }) => [
          n(stories),
          `${ms(phrase.p50)} / ${ms(phrase.p95)}`,
          `${ms(word.p50)} / ${ms(word.p95)}`,
          `${(phrase.p95 / word.p95).toFixed(2)}×`,
          `${ms(workerd.phraseP95)} / ${ms(workerd.wordP95)} (${(workerd.phraseP95 / workerd.wordP95).toFixed(2)}×)`,
          phrase.textsRead.toFixed(2),
        ]),
      ),
    )
    lines.push('')
  }
  const withBaselines = run.results.filter((r) => r.baselines)
  for (const r of withBaselines) {
    const b = r.baselines!
    lines.push(`### ${n(r.stories)} stories: the paged index beside the whole index and plain MiniSearch (Node, one process)`)
    lines.push('')
    lines.push(
      table(
        ['index', 'memory held after opening (heap + buffers)', 'memory after the mix', 'open / build time', 'search p50 / p95', 'paged ÷ this: memory after the mix · p95'],
        [
          ['**paged** (served)', mib(b.paged.heapBytes), mib(b.paged.heapAfterMixBytes), `${ms(b.paged.loadMs)} (open)`, `${ms(b.paged.latency.p50)} / ${ms(b.paged.latency.p95)}`, '1× · 1×'],
          ['whole index, as before (baseline)', mib(b.whole.heapBytes), mib(b.whole.heapAfterMixBytes), `${ms(b.whole.loadMs)} (build)`, `${ms(b.whole.latency.p50)} / ${ms(b.whole.latency.p95)}`, `${ratio(b.paged.heapAfterMixBytes, b.whole.heapAfterMixBytes)} · ${ratio(b.paged.latency.p95, b.whole.latency.p95)}`],
          ['plain MiniSearch (title + text, defaults)', mib(b.plain.heapBytes), mib(b.plain.heapAfterMixBytes), `${ms(b.plain.loadMs)} (build)`, `${ms(b.plain.latency.p50)} / ${ms(b.plain.latency.p95)}`, `${ratio(b.paged.heapAfterMixBytes, b.plain.heapAfterMixBytes)} · ${ratio(b.paged.latency.p95, b.plain.latency.p95)}`],
        ],
      ),
    )
    lines.push('')
    const totals = b.differences.filter((d) => d.total[0] !== d.total[1]).length
    const facets = b.differences.filter((d) => !d.facets).length
    lines.push(
      `Same answers: top-10 overlap with the whole index ${(b.overlap * 100).toFixed(2)}% over the ${b.queries} queries of the mix; ` +
        `${totals} ${totals === 1 ? 'query has' : 'queries have'} another total and ${facets} other facets.` +
        (b.differences.length > 0 ? ` The differing queries: ${b.differences.map((d) => `\`${d.q}\` (${d.kind}; totals ${d.total[0]} paged, ${d.total[1]} whole; top 10 ${(d.top10 * 100).toFixed(0)}%)`).join('; ')}.` : ''),
    )
    lines.push('')
  }
  lines.push('### Against the targets')
  lines.push('')
  const at = (stories: number) => run.results.find((r) => r.stories === stories)
  const rows: string[][] = []
  const big = at(20_000)
  if (big) {
    const held = heldBytes(big.workerd.heap)
    rows.push(['isolate memory ≤ 64 MB after the mix + 100 story pages (20,000): heap + array buffers', `${mib(held)} after GC, ${mib(heldBytes(big.workerd.heap, true))} before`, check(held <= 64e6)])
    rows.push(['first search ≤ 250 ms from a fresh workerd (20,000)', `${ms(big.workerd.firstSearchMs)} (an "ok" Worker: ${ms(big.workerd.floorMs)})`, check(big.workerd.firstSearchMs <= 250)])
    rows.push(['warm p95 ≤ 10 ms over the mix, snippets included (20,000)', `${ms(big.workerd.warm.p95)} (HTTP on loopback)`, check(big.workerd.warm.p95 <= 10)])
    rows.push(['builder peak memory ≤ 3 GB (20,000)', gib(big.build.maxRssBytes), check(big.build.maxRssBytes <= 3e9)])
    rows.push(['one-story rebuild ≤ 10 s (20,000)', ms(big.rebuild.wallMs), check(big.rebuild.wallMs <= 10_000)])
    if (big.baselines) rows.push(['top-10 overlap with the whole index ≥ 99% (20,000)', `${(big.baselines.overlap * 100).toFixed(2)}%`, check(big.baselines.overlap >= 0.99)])
    rows.push(['files under the Free plan\'s 20,000 (20,000)', n(big.pieces.all.files), check(big.pieces.all.files < 20_000)])
  }
  const mid = at(5_000)
  if (mid) {
    rows.push(['CPU p95 ≤ 10 ms warm (5,000, Node)', ms(mid.cpu.warm.p95), check(mid.cpu.warm.p95 <= 10)])
    rows.push(['CPU ≤ 30 ms on a cold isolate (5,000, Node)', ms(mid.cpu.cold.cpuMs), check(mid.cpu.cold.cpuMs <= 30)])
    const { phrase, word } = mid.cpu.phrasesAndWords
    const http = mid.workerd
    rows.push([
      `phrase p95 ≤ 2 × single-word p95 (5,000; ${n(phrase.requests)} of each, after the mix)`,
      `CPU (Node) ${ms(phrase.p95)} against ${ms(word.p95)} (${(phrase.p95 / word.p95).toFixed(1)}×); HTTP (workerd) ${ms(http.phraseP95)} against ${ms(http.wordP95)} (${(http.phraseP95 / http.wordP95).toFixed(1)}×)`,
      check(phrase.p95 <= 2 * word.p95 && http.phraseP95 <= 2 * http.wordP95),
    ])
    const texts = mid.cpu.textsReadByKind['phrase'] ?? 0
    rows.push(['no story text read beyond the shown page, phrases (5,000)', `${texts.toFixed(1)} whole texts per phrase query of the mix, ${phrase.textsRead.toFixed(1)} of the ${n(phrase.requests)} after it`, check(texts === 0 && phrase.textsRead === 0)])
  }
  const fits = run.results.filter((r) => r.cpu.warm.p95 <= 10).map((r) => r.stories)
  rows.push(['largest archive measured with warm CPU p95 within the Free plan\'s 10 ms', fits.length > 0 ? n(Math.max(...fits)) : 'none', ''])
  const moon = at(100_000)
  if (moon) rows.push(['100,000 stories: build, files, memory', `${ms(moon.build.wallMs)} (${gib(moon.build.maxRssBytes)}), ${n(moon.pieces.all.files)} files, heap + buffers ${mib(heldBytes(moon.workerd.heap))}`, ''])
  lines.push(table(['target', 'measured', 'met'], rows))
  return lines.join('\n')
}

/** Replaces the text between the scale markers (or appends a marked section). */
export function replaceScaleSection(document: string, section: string): string {
  const start = document.indexOf(SCALE_START)
  const end = document.indexOf(SCALE_END)
  if (start !== -1 && end > start) return `${document.slice(0, start)}${SCALE_START}\n${section}\n${document.slice(end)}`
  return `${document.trimEnd()}\n\n${SCALE_START}\n${section}\n${SCALE_END}\n`
}
