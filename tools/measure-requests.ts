// `node --import tsx tools/measure-requests.ts INDEX_FILE PIECES_DIR`: opens a built index in a fresh process,
// as a new isolate would, and answers searches through the Worker's own code (answerSearch): first one search on the
// cold index, then an isolate's first searches (as many queries of the same kinds, drawn with another seed), then the
// query mix on the warm index. Prints, as JSON, the CPU time each request took.
// A damaged or mismatched index exits non-zero with the reason ("rebuild the index").
import { readFileSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseIndexDirectory, indexVersion } from '../core/index-contract'
import { PagedIndex } from '../worker/index/paged-index'
import { answerSearch } from '../worker/present/answer-search'
import type { SearchIndex } from '../worker/search/search'
import { parseSearchParams } from '../worker/query/search-params'
import type { StoryRecord } from '../core/story-record'
import type { StoryTable } from '../core/story-table'
import { queryWords } from '../core/text'
import { isMainModule } from '../index-builder/command-line'
import { makeQueries, type BenchQuery } from './query-mix'

/** Stories read to draw the query mix from: enough for stable word frequencies, bounded for large archives. */
const MIX_SAMPLE = 400
/** The seed of the searches a new isolate answers before the mix is timed warm: other queries of the same kinds. */
const FIRST_SEARCHES_SEED = 'story-search-first-searches'
/**
 * Phrases and single words timed apart, after the mix, this many of each (another seed): the mix has 25 phrases and 40
 * words, too few for a p95 that says more than its slowest query or two.
 */
export const KIND_SAMPLE = 200
const KIND_SAMPLE_SEED = 'story-search-phrases-and-words'

export interface RequestCosts {
  stories: number
  /**
   * CPU (user + system, every thread of the process) and wall time of the first search, index opening included: a new
   * isolate's first request; and the CPU of the JavaScript thread alone (threadMs, see CostSummary; within a scheduler
   * tick, a few milliseconds).
   */
  cold: { cpuMs: number; threadMs: number | null; wallMs: number; query: string }
  /**
   * CPU per request over an isolate's first searches after the cold one: as many queries of the same kinds, drawn with
   * another seed. Code still being compiled, and every piece read for the first time, count here.
   */
  firstSearches: CostSummary
  /** CPU per request over the query mix on the warm index: after the first searches, as an isolate that has served a while. */
  warm: CostSummary
  /** By kind of query: p95 CPU. */
  p95ByKind: Record<string, number>
  /**
   * By kind of query: whole texts of stories other than the shown hits read per query: what checking phrases against
   * the text costs beyond the page.
   */
  textsReadByKind: Record<string, number>
  /**
   * KIND_SAMPLE phrases and as many single words, timed warm after the mix: the phrase queries' cost beside the words',
   * and the whole texts each phrase query read beyond its page.
   */
  phrasesAndWords: { phrase: KindCost; word: KindCost; queries: BenchQuery[] }
  /**
   * Pieces each search of the mix reads from the static assets on an empty cache (a new isolate's; the story table,
   * read once per isolate, aside): what the subrequest limit may count, if it counts the assets binding.
   */
  reads: { requests: number; p50: number; p95: number; max: number; maxQuery: string }
  /** The queries sent, so the same mix can be sent to a running Worker. */
  queries: BenchQuery[]
}

export interface KindCost {
  requests: number
  p50: number
  p95: number
  /** Whole texts of stories other than the shown hits read per query. */
  textsRead: number
}

export interface CostSummary {
  requests: number
  /** CPU of the whole process (every thread) per request. */
  p50: number
  p95: number
  max: number
  maxQuery: string
  /** Mean CPU per request, every thread of the process. */
  mean: number
  /**
   * Mean CPU per request of the JavaScript thread alone: without V8's compiler and garbage-collector helper threads,
   * which the process figures count. Read from Linux's /proc/thread-self/schedstat, which a thread sees as of its last
   * scheduler tick: too coarse for one request, exact enough over hundreds, so only the mean is given. Null where the
   * system cannot tell.
   */
  threadMean: number | null
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

/** CPU time the calling thread has run, in milliseconds (Linux, nanosecond counts); null elsewhere. */
function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6
  } catch {
    return null
  }
}

/** JavaScript-thread CPU since `start`; null when unknown, or when the counter did not move (schedstats off). */
function since(start: number | null): number | null {
  const now = threadCpuMs()
  return start === null || now === null || now === start ? null : now - start
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Measures the requests of `queries` (drawn from the archive when not given) against the index on disk. */
export async function measureRequests(indexFile: string, piecesDir: string, queries?: BenchQuery[]): Promise<RequestCosts> {
  const directory = parseIndexDirectory(await readFile(indexFile, 'utf8'))
  const reported = { version: indexVersion(directory), builtAt: directory.builtAt, stories: directory.storyCount }
  const textsRead = new Set<number>()
  const search = (index: PagedIndex, q: string) =>
    answerSearch(noticingReads(index, (shortId) => textsRead.add(shortId)), parseSearchParams(new URLSearchParams({ q })), reported)

  // The pieces are read from disk first, untimed, and handed over from memory: in workerd the static assets arrive by
  // I/O, which is not the isolate's CPU, while Node's file reads would count (its thread pool is this process). Each
  // read hands over a copy, as an asset's body becomes a new buffer in the isolate: allocating and filling it, and the
  // collections the new memory brings on, are the isolate's (handing over views of the same bytes halved p50 and p95).
  const pieces = await readPieces(piecesDir)
  const read = async (name: string) => pieces.get(name)?.slice() ?? null
  const threadStarted = threadCpuMs()
  let started = process.cpuUsage()
  const wall = performance.now()
  const index = await PagedIndex.open(directory, read)
  const firstQuery = queries?.[0]?.q ?? typicalFirstQuery(index.table)
  await search(index, firstQuery)
  const cold = { cpuMs: cpuMs(started), threadMs: since(threadStarted), wallMs: performance.now() - wall, query: firstQuery }

  const sample = await sampleStories(index)
  const mix = queries ?? makeQueries(sample)
  const timed = async (queries: readonly BenchQuery[]) => {
    const costs: { kind: string; q: string; ms: number; texts: number }[] = []
    const threadFrom = threadCpuMs()
    for (const { q, kind } of queries) {
      textsRead.clear()
      started = process.cpuUsage()
      const answer = await search(index, q)
      const ms = cpuMs(started)
      for (const hit of answer.hits) textsRead.delete(index.table.shortIdOf(hit.id))
      costs.push({ kind, q, ms, texts: textsRead.size })
    }
    const thread = since(threadFrom)
    return { costs, threadMean: thread === null ? null : thread / queries.length }
  }
  const first = await timed(makeQueries(sample, FIRST_SEARCHES_SEED).slice(0, mix.length))
  const firstSearches = summary(first.costs, first.threadMean)
  const { costs, threadMean } = await timed(mix)
  const p95ByKind: Record<string, number> = {}
  const textsReadByKind: Record<string, number> = {}
  for (const kind of new Set(costs.map((cost) => cost.kind))) {
    const { p95, textsRead } = kindCost(costs, kind)
    p95ByKind[kind] = p95
    textsReadByKind[kind] = textsRead
  }
  const apartQueries = makeQueries(sample, KIND_SAMPLE_SEED, { phrase: KIND_SAMPLE, word: KIND_SAMPLE })
  const apart = (await timed(apartQueries)).costs
  const reads: { q: string; count: number }[] = []
  for (const { q } of mix) {
    let count = 0
    const empty = new PagedIndex(directory, index.table, (name) => (count++, read(name)))
    await search(empty, q)
    reads.push({ q, count })
  }
  const counts = reads.map((r) => r.count).sort((a, b) => a - b)
  const most = reads.reduce((a, b) => (b.count > a.count ? b : a), { q: '', count: 0 })
  return {
    stories: directory.storyCount,
    cold,
    firstSearches,
    warm: summary(costs, threadMean),
    p95ByKind,
    textsReadByKind,
    phrasesAndWords: { phrase: kindCost(apart, 'phrase'), word: kindCost(apart, 'word'), queries: apartQueries },
    reads: { requests: reads.length, p50: percentile(counts, 50) ?? 0, p95: percentile(counts, 95) ?? 0, max: most.count, maxQuery: most.q },
    queries: mix,
  }
}

/** The cost of the requests of one kind. */
function kindCost(costs: readonly { kind: string; q: string; ms: number; texts: number }[], kind: string): KindCost {
  const ofKind = costs.filter((cost) => cost.kind === kind)
  const { requests, p50, p95 } = summary(ofKind, null)
  return { requests, p50, p95, textsRead: ofKind.reduce((sum, cost) => sum + cost.texts, 0) / ofKind.length }
}

function summary(costs: readonly { q: string; ms: number }[], threadMean: number | null): CostSummary {
  const sorted = costs.map((cost) => cost.ms).sort((a, b) => a - b)
  const worst = costs.reduce((a, b) => (b.ms > a.ms ? b : a))
  return {
    requests: costs.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: worst.ms,
    maxQuery: worst.q,
    mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length,
    threadMean,
  }
}

/** The same index, telling `onRead` of each story whose whole text a search reads (to count them). */
export function noticingReads(index: SearchIndex, onRead: (shortId: number) => void): SearchIndex {
  return {
    table: index.table,
    search: (query, options) => index.search(query, options),
    record: (shortId) => (onRead(shortId), index.record(shortId)),
    storyText: (shortId) => index.storyText(shortId),
    phraseStory: (shortId) => (onRead(shortId), index.phraseStory(shortId)),
    storyTriples: (shortId) => index.storyTriples(shortId),
    textPiece: (shortId) => index.textPiece(shortId),
    storiesWith: (terms) => index.storiesWith(terms),
    wordsNear: (word, distance) => index.wordsNear(word, distance),
  }
}

/**
 * A search a reader might well send first, read off the story table without touching any text: the archive's most
 * common character's first name (or the first word of a title).
 */
function typicalFirstQuery(table: StoryTable): string {
  const { names, counts } = table.values.characters
  let best = -1
  for (let n = 0; n < names.length; n++) if (best === -1 || counts[n]! > counts[best]!) best = n
  const source = best === -1 ? (table.count > 0 ? table.title(table.byId[0]!) : 'the') : names[best]!
  return queryWords(source)[0] ?? 'the'
}

/** Every piece in the folder, by name. */
async function readPieces(dir: string): Promise<Map<string, Uint8Array>> {
  const pieces = new Map<string, Uint8Array>()
  for (const name of await readdir(dir)) pieces.set(name, new Uint8Array(await readFile(join(dir, name))))
  return pieces
}

/** Up to MIX_SAMPLE stories spread over the archive, read from their packs. */
async function sampleStories(index: PagedIndex): Promise<StoryRecord[]> {
  const { byId } = index.table
  const step = Math.max(1, Math.floor(byId.length / MIX_SAMPLE))
  const records: StoryRecord[] = []
  for (let k = 0; k < byId.length && records.length < MIX_SAMPLE; k += step) {
    const record = await index.record(byId[k]!)
    if (record) records.push(record)
  }
  return records
}

// Run as a command (a fresh process per measurement), not when imported.
if (isMainModule(import.meta.url)) {
  const [indexFile, piecesDir] = process.argv.slice(2)
  if (!indexFile || !piecesDir) {
    console.error('usage: node --import tsx tools/measure-requests.ts INDEX_FILE PIECES_DIR')
    process.exit(2)
  }
  try {
    console.log(JSON.stringify(await measureRequests(indexFile, piecesDir)))
  } catch (error) {
    console.error(`${(error as Error).name}: ${(error as Error).message}`)
    process.exit(1)
  }
}
