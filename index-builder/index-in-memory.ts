// An index built straight into memory and opened there: for tests, the relevance evaluation and the benchmarks, which
// want the served search code over a set of records without writing pieces to disk.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PagedIndex } from '../worker/index/paged-index'
import type { StoryRecord } from '../core/story-record'
import { hashStories } from './scan-archive'
import { digestRecord } from './build-cache'
import { DEFAULT_PIECE_SIZES, IndexWriter, type PieceSizes, type WriteSummary } from './write-index'

export interface IndexInMemory {
  index: PagedIndex
  /** Every piece by name, as a build would write them. */
  pieces: Map<string, Uint8Array>
  summary: WriteSummary
}

/** Builds and opens an index of `records` (any order; short ids follow ids, as in a build). */
export async function indexInMemory(records: readonly StoryRecord[], sizes: Partial<PieceSizes> = {}): Promise<IndexInMemory> {
  const pieces = new Map<string, Uint8Array>()
  const runDir = await mkdtemp(join(tmpdir(), 'story-search-runs-'))
  try {
    const writer = new IndexWriter({ write: async (name, bytes) => void pieces.set(name, bytes) }, runDir, { ...DEFAULT_PIECE_SIZES, ...sizes })
    const ordered = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    await writer.add(ordered.map((record, shortId) => ({ shortId, record })))
    const contentHash = hashStories(ordered.map((record) => ({ id: record.id, digest: digestRecord(record) })))
    const summary = await writer.finish({ builtAt: new Date().toISOString(), contentHash, workerCode: 'memory' })
    const index = await PagedIndex.open(summary.directory, async (name) => pieces.get(name) ?? null)
    return { index, pieces, summary }
  } finally {
    await rm(runDir, { recursive: true, force: true })
  }
}
