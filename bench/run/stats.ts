// Small statistics for the benchmark: percentiles, a least-squares line, gzip sizes and byte formatting.
import { gzipSync } from 'node:zlib'

/** The p-th percentile (0–100) by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export interface Summary {
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
  count: number
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), mean, max: Math.max(...values), count: values.length }
}

/** y = slope·x + intercept, fitted by least squares. */
export interface Line {
  slope: number
  intercept: number
  /** Coefficient of determination over the points fitted. */
  r2: number
  points: number
}

export function fitLine(points: readonly [number, number][]): Line | null {
  const usable = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
  if (usable.length < 2) return null
  const n = usable.length
  const mx = usable.reduce((s, [x]) => s + x, 0) / n
  const my = usable.reduce((s, [, y]) => s + y, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (const [x, y] of usable) {
    sxy += (x - mx) * (y - my)
    sxx += (x - mx) ** 2
    syy += (y - my) ** 2
  }
  if (sxx === 0) return null
  const slope = sxy / sxx
  const intercept = my - slope * mx
  return { slope, intercept, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy), points: n }
}

/** The x at which a fitted line reaches y (null when it never grows). */
export function solveFor(line: Line, y: number): number | null {
  if (line.slope <= 0) return null
  return (y - line.intercept) / line.slope
}

/** Exponent b of y = a·x^b fitted in log-log space: 1 is linear, above 1 grows faster than linear. */
export function growthExponent(points: readonly [number, number][]): number | null {
  const logs = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)] as [number, number])
  return fitLine(logs)?.slope ?? null
}

export function gzipBytes(data: string | Uint8Array): number {
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 }).length
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(2)} MiB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`
}

export function formatMs(ms: number | null | undefined, digits = 1): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–'
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 100) return `${Math.round(ms)} ms`
  return `${ms.toFixed(ms < 1 ? 2 : digits)} ms`
}

export function formatRatio(ours: number | null | undefined, theirs: number | null | undefined): string {
  if (!ours || !theirs || !Number.isFinite(ours) || !Number.isFinite(theirs)) return '–'
  const ratio = theirs / ours
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`
}

/**
 * Memory in use after full collections (the process runs with --expose-gc): what stays, not what is garbage. The heap
 * and the array buffers beside it: a paged index keeps the pieces it read as buffers, outside the heap.
 */
export function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('bench: run this process with --expose-gc')
  for (let i = 0; i < 4; i++) gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}
