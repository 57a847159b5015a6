// docs/bench-chart.svg: cost against archive size, hand-written SVG (no dependencies).
import { workerMemory } from './capacity'
import { LIMITS } from './limits'
import type { BenchResults, CorpusResult } from './run-bench'
import { fitLine } from './stats'

interface Series {
  label: string
  color: string
  get: (c: CorpusResult) => number | null | undefined
}

interface Panel {
  title: string
  unit: string
  scale: number
  series: Series[]
  limits?: { label: string; value: number }[]
}

const MIB = 1024 * 1024

const PANELS: Panel[] = [
  {
    title: 'Build time (from scratch)',
    unit: 's',
    scale: 1000,
    series: [
      { label: 'full build', color: '#1f77b4', get: (c) => c.build?.fullMs },
      { label: 'after 1 story changed', color: '#ff7f0e', get: (c) => c.build?.incrementalMs },
    ],
  },
  {
    title: 'Index and bundle size',
    unit: 'MiB',
    scale: MIB,
    series: [
      { label: 'index (raw)', color: '#1f77b4', get: (c) => c.index?.bytes },
      { label: 'Worker bundle (gzip)', color: '#2ca02c', get: (c) => c.worker?.bundle?.gzipBytes },
    ],
    limits: [
      { label: 'Free 3 MB gzip', value: LIMITS.freeBundleGzipBytes },
      { label: 'Paid 10 MB gzip', value: LIMITS.paidBundleGzipBytes },
    ],
  },
  {
    title: 'Isolate memory (heap and array buffers) after two searches',
    unit: 'MiB',
    scale: MIB,
    series: [
      { label: 'workerd isolate', color: '#d62728', get: workerMemory },
      { label: 'Node memory after the mix', color: '#ff7f0e', get: (c) => c.engines.ours?.heapAfterQueriesBytes },
      { label: 'Node memory, whole index (baseline)', color: '#9467bd', get: (c) => c.engines['ours-whole']?.heapBytes },
    ],
    limits: [{ label: '128 MB isolate', value: LIMITS.isolateMemoryBytes }],
  },
  {
    title: 'Cold start',
    unit: 's',
    scale: 1000,
    series: [
      { label: 'fresh workerd → first search', color: '#1f77b4', get: (c) => c.worker?.coldStartMs },
      { label: 'first request (first pieces read)', color: '#ff7f0e', get: (c) => c.worker?.firstRequestMs },
    ],
  },
  {
    title: 'Warm search latency, p95',
    unit: 'ms',
    scale: 1,
    series: [
      { label: 'HTTP via workerd, c=1', color: '#1f77b4', get: (c) => c.worker?.loads.find((l) => l.connections === 1 && !l.cached)?.latency.p95 },
      { label: 'in Node (CPU proxy)', color: '#2ca02c', get: (c) => c.engines.ours?.latency.p95 },
    ],
    limits: [{ label: 'Free 10 ms CPU', value: LIMITS.freeCpuMs }],
  },
]

const PANEL_W = 330
const PANEL_H = 240
const MARGIN = { left: 52, right: 14, top: 30, bottom: 70 }

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude
  return 10 * magnitude
}

function format(value: number): string {
  if (value === 0) return '0'
  if (value >= 100) return value.toFixed(0)
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, '')
  return value.toPrecision(2)
}

function panel(p: Panel, corpora: CorpusResult[], x0: number, y0: number): string {
  const plotW = PANEL_W - MARGIN.left - MARGIN.right
  const plotH = PANEL_H - MARGIN.top - MARGIN.bottom
  const maxWords = Math.max(...corpora.map((c) => c.words)) * 1.25
  const xMax = niceMax(maxWords / 1e6)
  const values = corpora.flatMap((c) => p.series.map((s) => s.get(c))).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const visibleLimits = (p.limits ?? []).filter((l) => l.value / p.scale <= Math.max(...values.map((v) => v / p.scale), 0) * 3)
  const yMax = niceMax(Math.max(...values.map((v) => v / p.scale), ...visibleLimits.map((l) => l.value / p.scale), 0) * 1.1)
  const sx = (words: number) => x0 + MARGIN.left + (words / 1e6 / xMax) * plotW
  const sy = (v: number) => y0 + MARGIN.top + plotH - (Math.min(v / p.scale, yMax) / yMax) * plotH
  const out: string[] = []
  out.push(`<text x="${x0 + MARGIN.left}" y="${y0 + 18}" font-size="13" font-weight="bold">${escape(p.title)} (${p.unit})</text>`)
  out.push(`<rect x="${x0 + MARGIN.left}" y="${y0 + MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`)
  for (let i = 0; i <= 4; i++) {
    const yv = (yMax * i) / 4
    const y = y0 + MARGIN.top + plotH - (i / 4) * plotH
    out.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="#eee"/>`)
    out.push(`<text x="${x0 + MARGIN.left - 4}" y="${y + 4}" font-size="10" text-anchor="end">${format(yv)}</text>`)
    const xv = (xMax * i) / 4
    const x = x0 + MARGIN.left + (i / 4) * plotW
    out.push(`<text x="${x}" y="${y0 + MARGIN.top + plotH + 13}" font-size="10" text-anchor="middle">${format(xv)}</text>`)
  }
  out.push(`<text x="${x0 + MARGIN.left + plotW / 2}" y="${y0 + MARGIN.top + plotH + 26}" font-size="10" text-anchor="middle">million words in the archive</text>`)
  for (const limit of visibleLimits) {
    const y = sy(limit.value)
    out.push(`<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + plotW}" y1="${y}" y2="${y}" stroke="#c00" stroke-dasharray="2,3"/>`)
    out.push(`<text x="${x0 + MARGIN.left + plotW - 2}" y="${y - 3}" font-size="9" fill="#c00" text-anchor="end">${escape(limit.label)}</text>`)
  }
  p.series.forEach((s, i) => {
    const points = corpora.map((c) => [c.words, s.get(c)] as const).filter((pt): pt is readonly [number, number] => typeof pt[1] === 'number' && Number.isFinite(pt[1]))
    const generated = points.filter((_, j) => corpora.filter((c) => typeof s.get(c) === 'number' && Number.isFinite(s.get(c)!))[j]?.name !== 'fiction')
    const line = fitLine(generated.map(([x, y]) => [x, y]))
    if (line) {
      const xEnd = xMax * 1e6
      const yAt = (x: number) => line.slope * x + line.intercept
      out.push(`<line x1="${sx(0)}" y1="${sy(Math.max(0, yAt(0)))}" x2="${sx(xEnd)}" y2="${sy(Math.max(0, yAt(xEnd)))}" stroke="${s.color}" stroke-width="1" stroke-dasharray="5,4" opacity="0.7"/>`)
    }
    for (const [j, [x, y]] of points.entries()) {
      const isFiction = corpora.filter((c) => typeof s.get(c) === 'number' && Number.isFinite(s.get(c)!))[j]?.name === 'fiction'
      out.push(
        isFiction
          ? `<rect x="${sx(x) - 3.5}" y="${sy(y) - 3.5}" width="7" height="7" fill="none" stroke="${s.color}" stroke-width="1.5"/>`
          : `<circle cx="${sx(x)}" cy="${sy(y)}" r="3.5" fill="${s.color}"/>`,
      )
    }
    const ly = y0 + MARGIN.top + plotH + 42 + i * 13
    out.push(`<circle cx="${x0 + MARGIN.left + 4}" cy="${ly - 4}" r="3.5" fill="${s.color}"/>`)
    out.push(`<text x="${x0 + MARGIN.left + 12}" y="${ly}" font-size="10">${escape(s.label)}</text>`)
  })
  return out.join('\n')
}

/** The chart as SVG text: one panel per cost, measured points, dashed least-squares lines over the generated corpora. */
export function renderChart(results: BenchResults): string {
  const corpora = results.corpora.filter((c) => c.words > 0)
  const columns = 3
  const rows = Math.ceil(PANELS.length / columns)
  const width = columns * PANEL_W
  const height = rows * PANEL_H + 40
  const parts = PANELS.map((p, i) => panel(p, corpora, (i % columns) * PANEL_W, 30 + Math.floor(i / columns) * PANEL_H))
  const legendX = 2 * PANEL_W + MARGIN.left
  const legendY = 30 + PANEL_H + MARGIN.top
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img" aria-label="story-search: cost against archive size">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="bold">story-search: cost against archive size (${escape(results.machine.date.slice(0, 10))}, ${results.machine.cores} cores, ${escape(results.options.quick ? 'quick run' : 'full run')})</text>`,
    ...parts,
    `<g font-size="11">`,
    `<circle cx="${legendX + 4}" cy="${legendY + 10}" r="3.5" fill="#555"/><text x="${legendX + 14}" y="${legendY + 14}">generated corpus (measured)</text>`,
    `<rect x="${legendX}" y="${legendY + 24}" width="7" height="7" fill="none" stroke="#555" stroke-width="1.5"/><text x="${legendX + 14}" y="${legendY + 32}">fiction corpus (measured)</text>`,
    `<line x1="${legendX}" x2="${legendX + 10}" y1="${legendY + 46}" y2="${legendY + 46}" stroke="#555" stroke-dasharray="5,4"/><text x="${legendX + 14}" y="${legendY + 50}">least-squares line (extrapolated</text>`,
    `<text x="${legendX + 14}" y="${legendY + 63}">past the last point)</text>`,
    `<line x1="${legendX}" x2="${legendX + 10}" y1="${legendY + 78}" y2="${legendY + 78}" stroke="#c00" stroke-dasharray="2,3"/><text x="${legendX + 14}" y="${legendY + 82}">Cloudflare limit</text>`,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n')
}
