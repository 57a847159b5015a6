// The build pipeline: story files in; the index directory (bundled with the Worker) and the index pieces (static
// assets) out. Its stages: scan the archive (scan-archive.ts: each file read and parsed once, parses cached by
// content), plan a patch when few stories changed (plan-update.ts, update-index.ts) or index every story a batch at a
// time (write-index.ts), so memory stays bounded however large the archive is; then swap the staged pieces in
// (piece-files.ts, write-atomic.ts) and record what was built (build-cache.ts).
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { indexVersion, type IndexDirectory } from '../core/index-contract'
import type { BuildProblem, StoryRecord } from '../core/story-record'
import { BuildCache, computeCacheKey, forEachLimited } from './build-cache'
import { WORKER_ENTRY, codeFingerprint } from './code-fingerprint'
import { loadIngestOptions, type IngestOptions } from './ingest/options'
import { updateIndex } from './update-index'
import { DEFAULT_PIECE_SIZES, IndexWriter, packBytesFor, type PieceSizes, type PieceSink } from './write-index'
import { removeAbandonedStaging, replaceDirectory, writeFileAtomic } from './write-atomic'
import { IO_CONCURRENCY, hashStories, loadRecord, scanArchive, type ScannedStory } from './scan-archive'
import { planUpdate } from './plan-update'
import { StagingSink, diskReader, measurePieces, outputsIntact, piecesOf, type PieceStats } from './piece-files'

export interface BuildOptions {
  /** The archive folder to read. */
  storiesDir: string
  /** Where the index directory goes (bundled with the Worker). */
  indexFile: string
  /** The static-assets folder that receives the index pieces. */
  piecesDir: string
  /** Where the build report (every problem, and what was done) goes. */
  reportFile: string
  /**
   * Where parsed records and the last build's manifest are kept, making the next build incremental.
   * Default: a temporary folder, removed after the build (every build parses everything).
   */
  cacheDir?: string
  /** A `_headers` file for the static assets, stamping them with the index version. Default: not written. */
  assetHeadersFile?: string
  /** Piece sizes; defaults in DEFAULT_PIECE_SIZES, text packs by the archive's size (packBytesFor). */
  pieceSizes?: Partial<PieceSizes>
  /** Bytes of story files indexed by one MiniSearch batch: the builder's memory grows with this, not the archive. */
  batchBytes?: number
}

export interface BuildResult {
  storyCount: number
  problems: BuildProblem[]
  contentHash: string
  /** The index directory's size (what the Worker bundles). */
  indexBytes: number
  /** The pieces: files and bytes, per kind and in all, and the largest file. */
  pieces: PieceStats
  /** Bytes of story files read. */
  textBytes: number
  durationMs: number
  /** How much of the previous build was reused. */
  incremental: {
    /** Files whose parse came from the cache. */
    parsesReused: number
    /** Pieces that were already on disk with the same content (hard-linked, not written again). */
    piecesReused: number
    /** true when nothing served changed and every output was left as it was. */
    unchanged: boolean
    /** true when the previous index was patched (only the pieces holding changed stories), not built from scratch. */
    updated: boolean
  }
  /** Milliseconds per phase, to see where a build spends its time. */
  phases: Record<'read' | 'parse' | 'index' | 'write', number>
}

/** Default output locations, relative to the project root. */
export const DEFAULT_OUTPUTS = {
  indexFile: 'build/search.index.json',
  piecesDir: 'static/index',
  reportFile: 'build/build-report.json',
  cacheDir: 'build/cache',
  assetHeadersFile: 'static/_headers',
} as const

/** The default outputs inside the project (or a copy of it) at `dir`. */
export function outputsUnder(dir: string): typeof DEFAULT_OUTPUTS {
  return Object.fromEntries(Object.entries(DEFAULT_OUTPUTS).map(([key, path]) => [key, join(dir, path)])) as unknown as typeof DEFAULT_OUTPUTS
}

/** Story bytes per MiniSearch batch: a batch's index takes about ten times its text in memory. */
export const DEFAULT_BATCH_BYTES = 24 * 1024 * 1024

/**
 * Builds the index directory and pieces, and swaps them in only when everything is written. With a cache, unchanged
 * files are not parsed again, and pieces whose content did not change keep their files.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const temporaryCache = options.cacheDir ? null : await mkdtemp(join(tmpdir(), 'story-search-cache-'))
  try {
    return await build(options, options.cacheDir ?? temporaryCache!)
  } finally {
    if (temporaryCache) await rm(temporaryCache, { recursive: true, force: true })
  }

  async function build(options: BuildOptions, cacheDir: string): Promise<BuildResult> {
    const ingest: IngestOptions = (await loadIngestOptions(options.storiesDir)).options
    const cache = new BuildCache(cacheDir, await computeCacheKey(ingest))
    const previous = await cache.readManifest(options.indexFile, options.piecesDir)
    const scan = await scanArchive(options.storiesDir, cache, previous)
    const contentHash = hashStories(scan.stories)
    const workerCode = (await codeFingerprint(WORKER_ENTRY, 'neutral')).slice(0, 12)
    const textBytes = scan.stories.reduce((sum, story) => sum + story.bytes, 0)
    let directoryText: string
    // A previous build whose pieces are not all there is neither kept nor patched: its missing pieces would be missing still.
    const intact = previous !== null && (await outputsIntact(options, previous))
    if (previous && intact && previous.contentHash === contentHash && previous.workerCode === workerCode) {
      // Nothing that is served changed (an editor touched a file, or a rebuild with no edits): keep every output as it is,
      // so wrangler dev does not reload and a deploy uploads the same bundle.
      await writeReport(options.reportFile, new Date().toISOString(), scan.stories.length, scan.problems)
      return {
        storyCount: scan.stories.length,
        problems: scan.problems,
        contentHash,
        indexBytes: previous.sizes.indexBytes,
        pieces: previous.sizes.pieces,
        textBytes,
        durationMs: performance.now() - started,
        incremental: { parsesReused: scan.parsesReused, piecesReused: previous.sizes.pieces.all.files, unchanged: true, updated: false },
        phases: { ...scan.phases, index: 0, write: 0 },
      }
    }

    await Promise.all([removeAbandonedStaging(options.piecesDir), removeAbandonedStaging(options.indexFile)])
    const stagingDir = `${options.piecesDir}.staging-${process.pid}`
    const stagedIndex = `${options.indexFile}.staging-${process.pid}`
    const sink = new StagingSink(stagingDir, options.piecesDir)
    const sizes = { ...DEFAULT_PIECE_SIZES, packBytes: packBytesFor(textBytes), ...options.pieceSizes }
    const head = { builtAt: new Date().toISOString(), contentHash, workerCode }
    let indexMs = 0
    let writeMs = 0
    let directory: IndexDirectory
    let shortIds: Map<string, number>
    let updated = false
    try {
      await rm(stagingDir, { recursive: true, force: true })
      await mkdir(stagingDir, { recursive: true })
      let phase = performance.now()
      const plan = previous && intact ? await planUpdate(previous, scan.stories, cache, options.indexFile, sizes.packBytes) : null
      const update = plan ? await updateIndex(plan.directory, diskReader(options.piecesDir), plan.changes, sink, sizes, head) : null
      if (plan && update) {
        // Every piece the update did not touch is the previous build's own: carried over, not written again.
        for (const name of piecesOf(update.directory)) await sink.carry(name)
        directory = update.directory
        shortIds = plan.shortIds
        updated = true
      } else {
        await rm(stagingDir, { recursive: true, force: true })
        await mkdir(stagingDir, { recursive: true })
        sink.reused = 0
        ;({ directory, shortIds } = await writeFromScratch(scan.stories, cache, sink, join(cacheDir, `runs-${process.pid}`), sizes, head, options.batchBytes ?? DEFAULT_BATCH_BYTES))
      }
      indexMs = performance.now() - phase
      phase = performance.now()
      directoryText = JSON.stringify(directory)
      await mkdir(dirname(stagedIndex), { recursive: true })
      await writeFile(stagedIndex, directoryText)
      await cache.dropManifest()
      await replaceDirectory(stagingDir, options.piecesDir)
      await rename(stagedIndex, options.indexFile)
      writeMs = performance.now() - phase
    } catch (error) {
      await rm(stagingDir, { recursive: true, force: true })
      await rm(stagedIndex, { force: true })
      throw error
    }
    // Workers Static Assets applies _headers itself: pieces and CSS carry the version without running the Worker.
    if (options.assetHeadersFile) {
      await writeFileAtomic(options.assetHeadersFile, `# Written by the index builder.\n/*\n  X-Index-Version: ${indexVersion(directory)}\n`)
    }
    await writeReport(options.reportFile, directory.builtAt, scan.stories.length, scan.problems)
    const sizes2 = { indexBytes: Buffer.byteLength(directoryText), pieces: await measurePieces(options.piecesDir) }
    await cache.writeManifest({
      cacheKey: cache.cacheKey,
      indexFile: resolve(options.indexFile),
      piecesDir: resolve(options.piecesDir),
      contentHash,
      workerCode,
      sizes: sizes2,
      stories: Object.fromEntries(scan.stories.map((story) => [story.id, { key: story.key, shortId: shortIds.get(story.id)! }])),
      parses: Object.fromEntries(
        scan.stories.flatMap((story) => [
          [story.key, { digest: story.digest, problems: scan.problems.filter((p) => p.file === story.file), chapter: story.chapter ?? null }],
          // A work's chapters keep their own parses, so an unchanged chapter is not parsed again.
          ...(story.parts ?? []).map((part) => [part.key, { digest: part.digest, problems: scan.problems.filter((p) => p.file === part.file), chapter: part.chapter ?? null }]),
        ]),
      ),
    })
    await cache.prune(new Set(scan.stories.flatMap((story) => [story.key, ...(story.parts ?? []).map((part) => part.key)])))
    return {
      storyCount: scan.stories.length,
      problems: scan.problems,
      contentHash,
      ...sizes2,
      textBytes,
      durationMs: performance.now() - started,
      incremental: { parsesReused: scan.parsesReused, piecesReused: sink.reused, unchanged: false, updated },
      phases: { ...scan.phases, index: indexMs, write: writeMs },
    }
  }
}

/** A build of every story, a batch at a time; short ids follow id order. */
async function writeFromScratch(
  stories: ScannedStory[],
  cache: BuildCache,
  sink: PieceSink,
  runDir: string,
  sizes: PieceSizes,
  head: { builtAt: string; contentHash: string; workerCode: string },
  batchBytes: number,
): Promise<{ directory: IndexDirectory; shortIds: Map<string, number> }> {
  const ordered = [...stories].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const writer = new IndexWriter(sink, runDir, sizes)
  for (let start = 0; start < ordered.length; ) {
    let end = start
    let bytes = 0
    while (end < ordered.length && (end === start || bytes < batchBytes)) bytes += ordered[end++]!.bytes
    const batch = ordered.slice(start, end)
    const records = new Array<StoryRecord>(batch.length)
    await forEachLimited([...batch.keys()], IO_CONCURRENCY, async (i) => {
      records[i] = await loadRecord(cache, batch[i]!)
    })
    await writer.add(records.map((record, i) => ({ shortId: start + i, record })))
    start = end
  }
  const { directory } = await writer.finish(head)
  return { directory, shortIds: new Map(ordered.map((story, shortId) => [story.id, shortId])) }
}

async function writeReport(reportFile: string, builtAt: string, storyCount: number, problems: BuildProblem[]): Promise<void> {
  await writeFileAtomic(reportFile, `${JSON.stringify({ builtAt, storyCount, problems }, null, 2)}\n`)
}
