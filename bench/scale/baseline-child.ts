// The paged index against its baselines on one archive, in one process run with --expose-gc:
// `baseline-child.ts ARGS.json RESULT.json`. The whole index (one MiniSearch of everything with the result fields
// stored, as the Worker held it before paging) answers the same query mix: top-10 overlap, totals and facets compared,
// heap and time measured; then plain MiniSearch (its README setup) for heap and time.
import { readFile, writeFile } from 'node:fs/promises'
import MiniSearch from 'minisearch'
import { diskReader } from '../../index-builder/piece-files'
import { readArchive } from '../../index-builder/scan-archive'
import type { BenchQuery } from '../../tools/query-mix'
import { parseIndexDirectory, indexVersion } from '../../core/index-contract'
import { PagedIndex } from '../../worker/index/paged-index'
import { answerSearch, type SearchResponse } from '../../worker/present/answer-search'
import type { SearchIndex } from '../../worker/search/search'
import { parseSearchParams } from '../../worker/query/search-params'
import { WholeIndex } from '../../index-builder/whole-index'
import { collect, summarize, type Summary } from '../run/stats'

export interface BaselineArgs {
  storiesDir: string
  indexFile: string
  piecesDir: string
  queries: BenchQuery[]
}

export interface EngineFigures {
  /** Memory the index holds (heapUsed + arrayBuffers after full GCs, stats.ts collect; after minus before building or opening it). */
  heapBytes: number
  /** Memory held after answering the whole mix (a paged index keeps the pieces it read, within its cache budget). */
  heapAfterMixBytes: number
  /** Building (whole, plain) or opening (paged) the index. */
  loadMs: number
  /** Wall time per search in Node over the mix, answerSearch (snippets included) for ours. */
  latency: Summary
}

export interface BaselineResult {
  stories: number
  paged: EngineFigures
  whole: EngineFigures
  plain: EngineFigures
  /** Top-10 overlap with the whole index, over the mix: shared ids / 10 (or the smaller count). */
  overlap: number
  queries: number
  /** Queries whose total, or whose facets, differ from the whole index's, with both answers' totals. */
  differences: { q: string; kind: string; total: [number, number]; facets: boolean; top10: number }[]
}

/** The fields the Worker stored in the whole index before it was paged. */
const STORED_FIELDS = ['title', 'authors', 'fandoms', 'relationships', 'characters', 'tags', 'warnings', 'summary', 'rating', 'words', 'date', 'complete']

async function run(args: BaselineArgs): Promise<BaselineResult> {
  const { stories } = await readArchive(args.storiesDir)
  const directory = parseIndexDirectory(await readFile(args.indexFile, 'utf8'))
  const reported = { version: indexVersion(directory), builtAt: directory.builtAt, stories: directory.storyCount }
  const ask = (index: SearchIndex, q: string) => answerSearch(index, parseSearchParams(new URLSearchParams({ q, limit: '10' })), reported)
  const timePass = async (search: (q: string) => Promise<unknown>) => {
    const times: number[] = []
    for (const { q } of args.queries) {
      const started = performance.now()
      await search(q)
      times.push(performance.now() - started)
    }
    return summarize(times)
  }

  let before = collect()
  let started = performance.now()
  const paged = await PagedIndex.open(directory, diskReader(args.piecesDir))
  const pagedLoadMs = performance.now() - started
  const pagedHeap = collect() - before
  const pagedAnswers: SearchResponse[] = []
  for (const { q } of args.queries) pagedAnswers.push(await ask(paged, q))
  const pagedLatency = await timePass((q) => ask(paged, q))
  const pagedAfter = collect() - before

  before = collect()
  started = performance.now()
  let whole: WholeIndex | null = WholeIndex.build(stories, paged, { storeFields: STORED_FIELDS })
  const wholeLoadMs = performance.now() - started
  const wholeHeap = collect() - before
  let overlap = 0
  const differences: BaselineResult['differences'] = []
  for (const [i, { q, kind }] of args.queries.entries()) {
    const mine = pagedAnswers[i]!
    const theirs = await ask(whole, q)
    const ids = new Set(theirs.hits.map((hit) => hit.id))
    const shared = mine.hits.filter((hit) => ids.has(hit.id)).length
    const top10 = Math.max(mine.hits.length, theirs.hits.length) === 0 ? 1 : shared / Math.max(mine.hits.length, theirs.hits.length)
    overlap += top10
    const facets = JSON.stringify(mine.facets) === JSON.stringify(theirs.facets)
    if (mine.total !== theirs.total || !facets || top10 < 1) differences.push({ q, kind, total: [mine.total, theirs.total], facets, top10 })
  }
  const wholeLatency = await timePass((q) => ask(whole!, q))
  const wholeAfter = collect() - before
  whole = null

  before = collect()
  started = performance.now()
  let plain: MiniSearch | null = new MiniSearch({ fields: ['title', 'text'] })
  plain.addAll(stories.map((story) => ({ id: story.id, title: story.title, text: story.body })))
  const plainLoadMs = performance.now() - started
  const plainHeap = collect() - before
  const plainLatency = await timePass(async (q) => plain!.search(q).slice(0, 10))
  const plainAfter = collect() - before
  plain = null

  return {
    stories: stories.length,
    paged: { heapBytes: pagedHeap, heapAfterMixBytes: pagedAfter, loadMs: pagedLoadMs, latency: pagedLatency },
    whole: { heapBytes: wholeHeap, heapAfterMixBytes: wholeAfter, loadMs: wholeLoadMs, latency: wholeLatency },
    plain: { heapBytes: plainHeap, heapAfterMixBytes: plainAfter, loadMs: plainLoadMs, latency: plainLatency },
    overlap: overlap / args.queries.length,
    queries: args.queries.length,
    differences,
  }
}

const [argsFile, resultFile] = process.argv.slice(2)
if (!argsFile || !resultFile) throw new Error('usage: baseline-child.ts ARGS.json RESULT.json')
await writeFile(resultFile, JSON.stringify(await run(JSON.parse(await readFile(argsFile, 'utf8')) as BaselineArgs)))
