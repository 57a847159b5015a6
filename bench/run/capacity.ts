// How large an archive one Worker can serve: lines fitted to the measured points, solved for each limit.
import { heldBytes } from '../../tools/isolate-heap'
import { LIMITS } from './limits'
import type { BenchResults, CorpusResult } from './run-bench'
import { fitLine, growthExponent, solveFor, type Line } from './stats'

export interface CapacityRow {
  limit: string
  value: string
  /** What is measured against the limit. */
  measure: string
  line: Line | null
  /** Words at which the fitted line reaches the limit (null: never, or not enough points). */
  words: number | null
  stories: number | null
  /** True when the answer lies within the measured range (interpolated), false when extrapolated. */
  measured: boolean
  /** Smallest measured corpus already over the limit, if any. */
  exceededAt: string | null
  /** Every measured corpus is over the limit: no archive size fits. */
  overEverywhere: boolean
}

/** The workerd isolate's memory (heap and array buffers) after its searches, where measured. */
export function workerMemory(c: CorpusResult): number | null {
  return c.worker?.heap ? heldBytes(c.worker.heap) : null
}

/** Per corpus, the quantities compared with limits, as functions of the corpus's words. */
const MEASURES: { key: string; limit: string; value: string; measure: string; threshold: number; get: (c: CorpusResult) => number | null | undefined }[] = [
  { key: 'free-size', limit: 'Worker size, Free (compressed)', value: '3 MB', measure: 'bundle gzip (wrangler dry-run)', threshold: LIMITS.freeBundleGzipBytes, get: (c) => c.worker?.bundle?.gzipBytes },
  { key: 'paid-size', limit: 'Worker size, Paid (compressed)', value: '10 MB', measure: 'bundle gzip (wrangler dry-run)', threshold: LIMITS.paidBundleGzipBytes, get: (c) => c.worker?.bundle?.gzipBytes },
  { key: 'new-size', limit: 'Worker size, newer docs (uncompressed)', value: '64 MiB', measure: 'bundle raw (wrangler dry-run)', threshold: LIMITS.newBundleRawBytes, get: (c) => c.worker?.bundle?.rawBytes },
  { key: 'memory', limit: 'Memory per isolate', value: '128 MB', measure: 'isolate JS heap and array buffers after two searches (workerd inspector)', threshold: LIMITS.isolateMemoryBytes, get: workerMemory },
  { key: 'memory-mix', limit: 'Memory per isolate, after the whole mix', value: '128 MB', measure: 'Node heap and array buffers of our index after the whole query mix (pieces cached)', threshold: LIMITS.isolateMemoryBytes, get: (c) => c.engines.ours?.heapAfterQueriesBytes },
  {
    key: 'first-cpu',
    limit: 'CPU per request, Free: the first request (opens the index)',
    value: '10 ms',
    measure: 'index load time in Node (the story table), a CPU proxy',
    threshold: LIMITS.freeCpuMs,
    get: (c) => c.engines.ours?.loadMs,
  },
  {
    key: 'query-cpu',
    limit: 'CPU per request, Free: a warm search (p95)',
    value: '10 ms',
    measure: 'p95 of our search in Node, snippets included, a CPU proxy',
    threshold: LIMITS.freeCpuMs,
    get: (c) => c.engines.ours?.latency.p95,
  },
  {
    key: 'startup',
    limit: 'Start-up, if the index were opened at start-up instead of on the first request',
    value: '1 s',
    measure: 'index load time in Node (the story table)',
    threshold: LIMITS.startupMs,
    get: (c) => c.engines.ours?.loadMs,
  },
]

export function wordsPerStory(results: BenchResults): number {
  const generated = results.corpora.filter((c) => c.name !== 'fiction' && c.stories > 0)
  const largest = generated.sort((a, b) => b.stories - a.stories)[0] ?? results.corpora[0]
  return largest ? largest.words / largest.stories : 5500
}

export function capacity(results: BenchResults): CapacityRow[] {
  const perStory = wordsPerStory(results)
  return MEASURES.map((m) => {
    const points = results.corpora
      .filter((c) => c.name !== 'fiction')
      .map((c) => [c.words, m.get(c)] as [number, number | null | undefined])
      .filter((p): p is [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]))
    const line = fitLine(points)
    let words = line ? solveFor(line, m.threshold) : null
    if (words !== null && words < 0) words = 0
    const maxMeasured = Math.max(0, ...points.map(([x]) => x))
    const over = points.filter(([, y]) => y > m.threshold).sort((a, b) => a[0] - b[0])[0]
    const exceededAt = over ? results.corpora.find((c) => c.words === over[0])?.name ?? null : null
    return {
      limit: m.limit,
      value: m.value,
      measure: m.measure,
      line,
      words,
      stories: words === null ? null : Math.floor(words / perStory),
      measured: words !== null && words <= maxMeasured,
      exceededAt,
      overEverywhere: points.length > 0 && points.every(([, y]) => y > m.threshold),
    }
  })
}

/** Growth exponents (log-log slope against words) of the costs the chart shows; above ~1.1 grows faster than linear. */
export function growth(results: BenchResults): Record<string, number | null> {
  const series = (get: (c: CorpusResult) => number | null | undefined) =>
    results.corpora
      .filter((c) => c.name !== 'fiction')
      .map((c) => [c.words, get(c)] as [number, number | null | undefined])
      .filter((p): p is [number, number] => typeof p[1] === 'number')
  return {
    'build time': growthExponent(series((c) => c.build?.fullMs)),
    'index bytes': growthExponent(series((c) => c.index?.bytes)),
    'isolate memory': growthExponent(series(workerMemory)),
    'first request (first pieces read)': growthExponent(series((c) => c.worker?.firstRequestMs)),
    'HTTP p95, c=1': growthExponent(series((c) => c.worker?.loads.find((l) => l.connections === 1 && !l.cached)?.latency.p95)),
    'Node p95': growthExponent(series((c) => c.engines.ours?.latency.p95)),
  }
}
