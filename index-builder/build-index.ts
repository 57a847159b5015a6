// The build pipeline: story files in; the index directory (bundled with the Worker) and the index pieces (static
// assets) out. Files are read and parsed once each (parses are cached by content), then indexed a batch at a time, so
// memory stays bounded however large the archive is.
import { createHash } from 'node:crypto'
import { link, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { SCHEMA_VERSION, indexVersion, parseIndexDirectory, type IndexDirectory } from '../core/index-contract'
import type { BuildProblem, StoryRecord } from '../core/story-record'
import { BuildCache, computeCacheKey, digestRecord, forEachLimited, type BuildManifest } from './build-cache'
import { WORKER_ENTRY, codeFingerprint } from './code-fingerprint'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions, type IngestOptions } from './ingest/options'
import { listStoryFiles } from './read-stories'
import { chapterFolders, chapterMark, mergeChapters, type ChapterMark } from './chapter-folders'
import { storyIdFromPath } from '../core/story-id'
import { updateIndex, type StoryChange } from './update-index'
import { DEFAULT_PIECE_SIZES, IndexWriter, type PieceSizes, type PieceSink } from './write-index'
import { removeAbandonedStaging, replaceDirectory, writeFileAtomic } from './write-atomic'

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
  /** Piece sizes; defaults in DEFAULT_PIECE_SIZES. */
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

/** How many files are read or parsed at once. */
const IO_CONCURRENCY = 32

/** One story file as scanned: where its parse is cached, and what it parsed into (by digest), not the record itself. */
export interface ScannedStory {
  /** The file, or for a work in a folder of chapter files, the folder. */
  file: string
  id: string
  key: string
  digest: string
  bytes: number
  /** A folder work's chapter files and their cache keys, kept so the next build reuses their parses. */
  parts?: { file: string; key: string; digest: string; chapter?: ChapterMark | null }[]
  /** What the file's header says of it as a chapter, kept so the next build can group it without reading it. */
  chapter?: ChapterMark | null
}

export interface Scan {
  stories: ScannedStory[]
  problems: BuildProblem[]
  parsesReused: number
  phases: { read: number; parse: number }
}

/**
 * Reads every story file and parses the ones not parsed before; keeps only what each parsed into (a digest), so
 * memory does not grow with the archive. A file that cannot be read or parsed is reported and skipped, never fatal.
 */
export async function scanArchive(storiesDir: string, cache: BuildCache, previous: BuildManifest | null): Promise<Scan> {
  const started = performance.now()
  const { options, problems } = await loadIngestOptions(storiesDir)
  const files = await listStoryFiles(storiesDir)
  const slots: (Omit<ScannedStory, 'id'> & { problems: BuildProblem[] } | null)[] = new Array(files.length).fill(null)
  const fileProblems: BuildProblem[][] = files.map(() => [])
  let parsesReused = 0
  let parseMs = 0
  await forEachLimited([...files.keys()], IO_CONCURRENCY, async (i) => {
    const file = files[i]!
    let bytes: Uint8Array
    try {
      bytes = await readFile(join(storiesDir, file))
    } catch (error) {
      fileProblems[i]!.push({ file, problem: `cannot read file: ${(error as Error).message}`, action: 'skipped', severity: 'error' })
      return
    }
    const key = cache.entryKey(file, bytes)
    // What the last build knew of this exact file: no need to read its cached parse at all.
    const known = previous?.parses[key]
    if (known) {
      parsesReused++
      slots[i] = { file, key, digest: known.digest, problems: known.problems, bytes: bytes.length, chapter: known.chapter ?? null }
      return
    }
    const cached = await cache.get(key)
    if (cached) {
      parsesReused++
      slots[i] = { file, key, digest: cached.digest, problems: cached.problems, bytes: bytes.length, chapter: chapterMark(cached.record) }
      return
    }
    const parseStarted = performance.now()
    let parsed
    try {
      parsed = parseStoryFile(bytes, file, options)
    } catch (error) {
      // A parser bug or a file it cannot cope with: reported loudly (deploys refuse errors), the rest still builds.
      fileProblems[i]!.push({ file, problem: `cannot parse file: ${(error as Error).message}`, action: 'skipped', severity: 'error' })
      return
    } finally {
      parseMs += performance.now() - parseStarted
    }
    if (!parsed.isStory) {
      // Reported every build (it is not cached), never served: a cover image saved as .txt is not a story.
      fileProblems[i]!.push(...parsed.problems)
      return
    }
    const digest = digestRecord(parsed.record)
    await cache.put(key, { record: parsed.record, problems: parsed.problems, digest })
    slots[i] = { file, key, digest, problems: parsed.problems, bytes: bytes.length, chapter: chapterMark(parsed.record) }
  })

  // A folder of chapter files is one work: its first chapter stands for it below, the others are folded in.
  const works = new Map<string, { folder: string; indices: number[] }>()
  const index = new Map(files.map((file, i) => [file, i]))
  for (const [folder, members] of chapterFolders(files, new Map(files.map((file, i) => [file, slots[i]?.chapter ?? null])))) {
    const indices = members.map((member) => index.get(member)!)
    // A chapter that could not be read leaves the others to be served as they are, rather than a work with a hole.
    if (indices.every((i) => slots[i] !== null)) for (const i of indices) works.set(files[i]!, { folder, indices })
  }

  const stories: ScannedStory[] = []
  const seenIds = new Map<string, string>()
  for (const [i, memberFile] of files.entries()) {
    problems.push(...fileProblems[i]!)
    let slot = slots[i]
    if (!slot) continue
    problems.push(...slot.problems)
    const work = works.get(memberFile)
    if (work && work.indices[0] !== i) continue
    if (work) slot = await scanWork(cache, work.folder, work.indices.map((j) => slots[j]!))
    const file = slot.file
    let id = storyIdFromPath(file)
    const clash = seenIds.get(id)
    if (clash !== undefined) {
      const original = id
      let n = 2
      while (seenIds.has(`${original}-${n}`)) n++
      id = `${original}-${n}`
      problems.push({
        file,
        problem: `duplicate story id "${original}" (also from ${clash})`,
        action: `indexed as "${id}"; rename one file to keep its URL stable`,
        severity: 'warning',
      })
    }
    seenIds.set(id, file)
    const { problems: _problems, ...story } = slot
    stories.push({ ...story, id })
  }
  const total = performance.now() - started
  return { stories, problems, parsesReused, phases: { read: total - parseMs, parse: parseMs } }
}

/** The work a folder of chapter files makes, cached under a key made of its chapters' keys. */
async function scanWork(
  cache: BuildCache,
  folder: string,
  chapters: (Omit<ScannedStory, 'id'> & { problems: BuildProblem[] })[],
): Promise<Omit<ScannedStory, 'id'> & { problems: BuildProblem[] }> {
  const key = `work-${createHash('sha256').update(chapters.map((chapter) => chapter.key).join('\n')).digest('hex').slice(0, 40)}`
  let cached = await cache.get(key)
  if (!cached) {
    const records: StoryRecord[] = []
    for (const chapter of chapters) {
      const parse = await cache.get(chapter.key)
      if (!parse) throw new Error(`the parse of ${chapter.file} vanished from the build cache during the build`)
      records.push(parse.record)
    }
    const record = mergeChapters(folder, records)
    cached = { record, problems: [], digest: digestRecord(record) }
    await cache.put(key, cached)
  }
  const parts = chapters.map((chapter) => ({ file: chapter.file, key: chapter.key, digest: chapter.digest, chapter: chapter.chapter ?? null }))
  return { file: folder, key, digest: cached.digest, bytes: chapters.reduce((sum, chapter) => sum + chapter.bytes, 0), problems: [], parts }
}

/** A scanned story's record, from the cache, with the id the scan gave it. */
async function loadRecord(cache: BuildCache, story: ScannedStory): Promise<StoryRecord> {
  const cached = await cache.get(story.key)
  if (!cached) throw new Error(`the parse of ${story.file} vanished from the build cache during the build`)
  return story.id === cached.record.id ? cached.record : { ...cached.record, id: story.id }
}

/**
 * Reads and parses a whole archive into memory, for tools that want every record at once (the benchmarks, the
 * relevance set). The builder itself never does: see scanArchive.
 */
export async function readArchive(storiesDir: string): Promise<{ stories: StoryRecord[]; problems: BuildProblem[] }> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'story-search-read-'))
  try {
    const cache = new BuildCache(cacheDir, 'read')
    const scan = await scanArchive(storiesDir, cache, null)
    const stories: StoryRecord[] = []
    for (const story of scan.stories) stories.push(await loadRecord(cache, story))
    return { stories, problems: scan.problems }
  } finally {
    await rm(cacheDir, { recursive: true, force: true })
  }
}

/**
 * Hash over the schema version and every story (its id and the digest of its record as parsed):
 * changes exactly when what is served changes.
 */
export function hashStories(stories: { id: string; digest: string }[]): string {
  const hash = createHash('sha256').update(`schema:${SCHEMA_VERSION}\n`)
  for (const { id, digest } of [...stories].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${id} ${digest}\n`)
  return hash.digest('hex')
}

/** Writes pieces into a staging folder; a piece already in the live folder (same content, same name) is linked, not written. */
class StagingSink implements PieceSink {
  reused = 0
  constructor(
    readonly dir: string,
    private readonly live: string,
  ) {}
  async write(name: string, bytes: Uint8Array): Promise<void> {
    try {
      // A live file cut short (an interrupted copy) is written afresh, not linked.
      if ((await stat(join(this.live, name))).size === bytes.length) {
        await link(join(this.live, name), join(this.dir, name))
        this.reused++
        return
      }
    } catch {
      // Not there (or already staged): write it.
    }
    await writeFile(join(this.dir, name), bytes, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  }
  /**
   * Makes sure a piece the patched directory names is staged: written by the patch, or linked from the live folder
   * as it was. Throws when it is in neither (never an empty file in its place).
   */
  async carry(name: string): Promise<void> {
    if (await stat(join(this.dir, name)).then(() => true, () => false)) return
    try {
      await link(join(this.live, name), join(this.dir, name))
      this.reused++
    } catch {
      throw new Error(`piece ${name} of the previous build is missing`)
    }
  }
}

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
    const sizes = { ...DEFAULT_PIECE_SIZES, ...options.pieceSizes }
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
      const plan = previous && intact ? await planUpdate(previous, scan.stories, cache, options) : null
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

/** Files and bytes of the pieces in a folder, by kind (the name's prefix) and in all, and the largest file. */
export type PieceStats = Record<'terms' | 'words' | 'stories' | 'text' | 'all', { files: number; bytes: number }> & { largest: number }

export async function measurePieces(dir: string): Promise<PieceStats> {
  const stats: PieceStats = { terms: { files: 0, bytes: 0 }, words: { files: 0, bytes: 0 }, stories: { files: 0, bytes: 0 }, text: { files: 0, bytes: 0 }, all: { files: 0, bytes: 0 }, largest: 0 }
  for (const name of await readdir(dir)) {
    const { size } = await stat(join(dir, name))
    const kind = name.slice(0, name.indexOf('-')) as keyof PieceStats
    for (const entry of [stats[kind], stats.all]) {
      if (typeof entry !== 'object') continue
      entry.files++
      entry.bytes += size
    }
    stats.largest = Math.max(stats.largest, size)
  }
  return stats
}

/** Reads pieces from a folder on disk. */
export function diskReader(dir: string): (name: string) => Promise<Uint8Array | null> {
  return async (name) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
}

/**
 * Past this many changed stories (at least `floor`, else this share of the archive, at most `stories`), a patch would
 * touch most pages anyway: build from scratch.
 */
const MAX_UPDATE = { floor: 20, share: 0.05, stories: 200 }
/**
 * A new story takes the short id after the highest in use, so the slots removed stories left below it stay free (the
 * story table keeps them empty); past this share (and this many) free slots, build from scratch, which numbers anew.
 */
const MAX_FREE_SLOTS = { share: 0.25, slots: 20 }

/**
 * What changed since the last build, when few enough stories did for a patch: each changed story with its old and
 * new record, and every story's short id (kept; a new story gets one after all the others). Null: build from scratch.
 */
async function planUpdate(
  previous: BuildManifest,
  stories: ScannedStory[],
  cache: BuildCache,
  options: BuildOptions,
): Promise<{ directory: IndexDirectory; changes: StoryChange[]; shortIds: Map<string, number> } | null> {
  let directory: IndexDirectory
  try {
    directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
  } catch {
    return null
  }
  if (directory.contentHash !== previous.contentHash) return null
  const current = new Map(stories.map((story) => [story.id, story]))
  const pending: { shortId: number; old: { id: string; key: string } | null; now: ScannedStory | null }[] = []
  const shortIds = new Map<string, number>()
  let next = 0
  for (const [id, old] of Object.entries(previous.stories)) {
    next = Math.max(next, old.shortId + 1)
    const now = current.get(id) ?? null
    if (now) shortIds.set(id, old.shortId)
    if (now?.key !== old.key) pending.push({ shortId: old.shortId, old: { id, key: old.key }, now })
  }
  for (const story of stories) {
    if (shortIds.has(story.id)) continue
    shortIds.set(story.id, next)
    pending.push({ shortId: next++, old: null, now: story })
  }
  const allowed = Math.min(MAX_UPDATE.stories, Math.max(MAX_UPDATE.floor, Math.floor(stories.length * MAX_UPDATE.share)))
  const free = next - stories.length
  if (pending.length === 0 || pending.length > allowed || (free > MAX_FREE_SLOTS.slots && free / next > MAX_FREE_SLOTS.share)) return null
  const changes: StoryChange[] = []
  for (const { shortId, old, now } of pending) {
    // The old record is needed to take the story's words out of the pages: without it, build from scratch.
    const before = old ? await cache.get(old.key) : null
    if (old && !before) return null
    changes.push({ shortId, old: before && old ? { ...before.record, id: old.id } : null, new: now ? await loadRecord(cache, now) : null })
  }
  return { directory, changes, shortIds }
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

/** The outputs the manifest describes are still on disk: the directory has its version and every piece it names exists. */
async function outputsIntact(options: BuildOptions, manifest: BuildManifest): Promise<boolean> {
  try {
    const directory = parseIndexDirectory(await readFile(options.indexFile, 'utf8'))
    if (directory.contentHash !== manifest.contentHash) return false
    const present = new Set(await readdir(options.piecesDir))
    return piecesOf(directory).every((name) => present.has(name))
  } catch {
    return false
  }
}

/** Every piece a directory names. */
export function piecesOf(directory: IndexDirectory): string[] {
  return [directory.table, ...directory.termPages.pieces, ...directory.dictionary.pieces, ...directory.packs.pieces]
}
