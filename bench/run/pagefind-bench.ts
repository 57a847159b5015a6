/// <reference lib="dom" />
// Pagefind where it really runs: indexed with its Node API, searched in headless Chromium from a local static server,
// counting the bytes each query downloads.
import { createServer, type Server } from 'node:http'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import * as pagefind from 'pagefind'
import { chromium } from 'playwright-core'
import type { StoryRecord } from '../../core/story-record'
import { loadJudgedQueries } from '../eval/judgments'
import { ndcg } from '../eval/metrics'
import type { BenchQuery } from '../../tools/query-mix'
import { summarize, type Summary } from './stats'
import { folderSize } from './worker-server'

export const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface PagefindResult {
  stories: number
  buildMs: number
  /** Everything Pagefind wrote (it writes its index files already compressed). */
  bundleBytes: number
  bundleFiles: number
  /** Bytes the first query downloads in a fresh page: script, WASM, entry, metadata, index chunks and fragments. */
  firstQueryBytes: number
  /** Bytes downloaded per query after the first, in the same page (chunks already fetched are reused). */
  bytesPerQuery: Summary
  totalBytes: number
  /** search() plus data() for the top 10 results (what a results page shows), in the browser. */
  latency: Summary
  firstQueryMs: number
  ndcg10: number | null
  judgedQueries: number
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' }

function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (request, response) => {
    const requested = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    const path = requested.endsWith('/') ? `${requested}index.html` : requested
    try {
      const body = await readFile(join(root, path))
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': body.length })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })))
}

export async function benchPagefind(stories: readonly StoryRecord[], outDir: string, queries: readonly BenchQuery[], judged: boolean): Promise<PagefindResult> {
  await rm(outDir, { recursive: true, force: true })
  const started = performance.now()
  const { index, errors } = await pagefind.createIndex({})
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`)
  for (const story of stories) {
    const added = await index.addCustomRecord({ url: `/stories/${encodeURIComponent(story.id)}`, content: story.body, language: 'en', meta: { title: story.title } })
    if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`)
  }
  const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') })
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`)
  const buildMs = performance.now() - started
  await pagefind.close()
  const bundle = await folderSize(join(outDir, 'pagefind'))
  await writeFile(join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>pagefind bench</title>')

  const { server, origin } = await serveStatic(outDir)
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    let bytes = 0
    page.on('requestfinished', async (request) => {
      try {
        const sizes = await request.sizes()
        bytes += sizes.responseBodySize + sizes.responseHeadersSize
      } catch {
        // The page went away.
      }
    })
    await page.goto(`${origin}/`)
    await page.evaluate(async () => {
      const w = window as unknown as { pf: unknown }
      // A variable keeps bundlers and tsc from resolving the browser-side path.
      const script = '/pagefind/pagefind.js'
      w.pf = await import(script)
    })
    const runQuery = async (q: string): Promise<{ ms: number; ids: string[] }> =>
      page.evaluate(async (query) => {
        const pf = (window as unknown as { pf: { search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] }> } }).pf
        const t = performance.now()
        const search = await pf.search(query)
        const data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()))
        return { ms: performance.now() - t, ids: data.map((d) => decodeURIComponent(d.url.replace(/^\/stories\//, '').replace(/\/$/, ''))) }
      }, q)
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30))
    const times: number[] = []
    const perQuery: number[] = []
    let firstQueryBytes = 0
    let firstQueryMs = 0
    for (const [i, query] of queries.entries()) {
      const before = bytes
      const { ms } = await runQuery(query.q)
      await settle()
      if (i === 0) {
        firstQueryBytes = bytes
        firstQueryMs = ms
      } else {
        perQuery.push(bytes - before)
        times.push(ms)
      }
    }
    let ndcg10: number | null = null
    let judgedQueries = 0
    if (judged) {
      const known = new Set(stories.map((story) => story.id))
      const judgedSet = await loadJudgedQueries(undefined, known)
      let total = 0
      for (const query of judgedSet) total += ndcg((await runQuery(query.query)).ids, query.judgments, 10)
      ndcg10 = judgedSet.length > 0 ? total / judgedSet.length : null
      judgedQueries = judgedSet.length
    }
    return {
      stories: stories.length,
      buildMs,
      bundleBytes: bundle.bytes,
      bundleFiles: bundle.files,
      firstQueryBytes,
      bytesPerQuery: summarize(perQuery),
      totalBytes: bytes,
      latency: summarize(times),
      firstQueryMs,
      ndcg10,
      judgedQueries,
    }
  } finally {
    await browser.close()
    await new Promise((resolve) => server.close(resolve))
  }
}
