// The build pipeline: story files in, the bundled index artifact and one fragment per story out.
import { createHash } from 'node:crypto'
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type MiniSearch from 'minisearch'
import {
  SCHEMA_VERSION,
  createSearchIndex,
  indexVersion,
  loadIndex,
  toIndexDocument,
  type IndexArtifact,
  type IndexDocument,
  type StoryFragment,
} from '../worker/lib/index-contract'
import type { BuildProblem, StoryRecord } from '../worker/lib/story-record'
import { BuildCache, WORKER_SOURCES, computeCacheKey, digestRecord, forEachLimited, sourceFingerprint, type BuildManifest } from './build-cache'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions } from './ingest/options'
import { listStoryFiles } from './read-stories'
import { removeAbandonedStaging, replaceDirectory, writeFileAtomic } from './write-atomic'

export interface BuildOptions {
  /** The archive folder to read. */
  storiesDir: string
  /** Where the bundled index artifact goes. */
  indexFile: string
  /** The static-assets folder that receives one `<id>.json` per story. */
  fragmentsDir: string
  /** Where the build report (every problem, and what was done) goes. */
  reportFile: string
  /**
   * Where parsed records and the last build's manifest are kept, making the next build incremental.
   * Default: none (every build parses and indexes everything).
   */
  cacheDir?: string
  /** A `_headers` file for the static assets, stamping them with the index version. Default: not written. */
  assetHeadersFile?: string
}

export interface BuildResult {
  storyCount: number
  problems: BuildProblem[]
  contentHash: string
  indexBytes: number
  fragmentBytes: number
  textBytes: number
  durationMs: number
  /** How much of the previous build was reused. */
  incremental: {
    /** Files whose parse came from the cache. */
    parsesReused: number
    /** true when the previous index was updated in place rather than rebuilt from every story. */
    indexUpdated: boolean
    /** Fragments carried over unchanged (hard-linked), rather than written again. */
    fragmentsReused: number
    /** true when nothing served changed and every output was left as it was. */
    unchanged: boolean
  }
  /** Milliseconds per phase, to see where a build spends its time. */
  phases: Record<'read' | 'parse' | 'index' | 'serialize' | 'write', number>
}

/** Default output locations, relative to the project root. */
export const DEFAULT_OUTPUTS = {
  indexFile: 'build/search.index.json',
  fragmentsDir: 'static/fragments',
  reportFile: 'build/build-report.json',
  cacheDir: 'build/cache',
  assetHeadersFile: 'static/_headers',
} as const

/** A story with where it came from: the cache entry key and the digest of its record as parsed. */
interface ReadStory {
  story: StoryRecord
  key: string | null
  digest: string
}

/** How many files are read, parsed or written at once. */
const IO_CONCURRENCY = 32

/**
 * Reads and parses every story file; a file that cannot be read or parsed is reported and skipped, never fatal.
 * With a cache, a file whose path and bytes were seen before is not parsed again.
 */
export async function readArchive(
  storiesDir: string,
  cache: BuildCache | null = null,
): Promise<{ stories: StoryRecord[]; problems: BuildProblem[]; read: ReadStory[]; parsesReused: number; phases: { read: number; parse: number } }> {
  const started = performance.now()
  const { options, problems } = await loadIngestOptions(storiesDir)
  const files = await listStoryFiles(storiesDir)
  const slots: (ReadStory & { problems: BuildProblem[] } | null)[] = new Array(files.length).fill(null)
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
    const key = cache ? cache.entryKey(file, bytes) : null
    const cached = key ? await cache!.get(key) : null
    if (cached) {
      parsesReused++
      slots[i] = { story: cached.record, key, digest: cached.digest, problems: cached.problems }
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
    const digest = digestRecord(parsed.record)
    if (key) await cache!.put(key, { record: parsed.record, problems: parsed.problems, digest })
    slots[i] = { story: parsed.record, key, digest, problems: parsed.problems }
  })

  const read: ReadStory[] = []
  const seenIds = new Map<string, string>()
  for (const [i, file] of files.entries()) {
    problems.push(...fileProblems[i]!)
    const slot = slots[i]
    if (!slot) continue
    problems.push(...slot.problems)
    // Copied: the id may change below, and the cached record must stay as parsed.
    const story = { ...slot.story }
    const clash = seenIds.get(story.id)
    if (clash !== undefined) {
      const original = story.id
      let n = 2
      while (seenIds.has(`${original}-${n}`)) n++
      story.id = `${original}-${n}`
      problems.push({
        file,
        problem: `duplicate story id "${original}" (also from ${clash})`,
        action: `indexed as "${story.id}"; rename one file to keep its URL stable`,
        severity: 'warning',
      })
    }
    seenIds.set(story.id, file)
    read.push({ story, key: slot.key, digest: slot.digest })
  }
  const total = performance.now() - started
  return { stories: read.map((r) => r.story), problems, read, parsesReused, phases: { read: total - parseMs, parse: parseMs } }
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

/**
 * Builds the index artifact and the fragments, and swaps them in only when everything is written.
 * With a cache, unchanged files are not parsed again, the previous index is updated in place
 * (only changed, added and removed stories touch MiniSearch) and unchanged fragments are hard-linked.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const cache = options.cacheDir ? new BuildCache(options.cacheDir, await computeCacheKey(await ingestOptionsOf(options.storiesDir))) : null
  const { stories, problems, read, parsesReused, phases: readPhases } = await readArchive(options.storiesDir, cache)
  const contentHash = hashStories(read.map(({ story, digest }) => ({ id: story.id, digest })))
  const previous = cache ? await cache.readManifest(options.indexFile, options.fragmentsDir) : null
  const workerCode = (await sourceFingerprint(WORKER_SOURCES)).slice(0, 12)
  if (previous && previous.contentHash === contentHash && previous.workerCode === workerCode && (await outputsIntact(options, previous))) {
    // Nothing that is served changed (an editor touched a file, or a rebuild with no edits): keep every output as it is,
    // so wrangler dev does not reload and a deploy uploads the same bundle.
    await writeReport(options.reportFile, new Date().toISOString(), stories.length, problems)
    return {
      storyCount: stories.length,
      problems,
      contentHash,
      ...previous.sizes,
      durationMs: performance.now() - started,
      incremental: { parsesReused, indexUpdated: false, fragmentsReused: stories.length, unchanged: true },
      phases: { ...readPhases, index: 0, serialize: 0, write: 0 },
    }
  }

  let phaseStarted = performance.now()
  const updated = previous ? await updatePreviousIndex(options.indexFile, previous, read, cache!) : null
  const index = updated ?? createSearchIndex(stories.map(toIndexDocument))
  const indexMs = performance.now() - phaseStarted

  phaseStarted = performance.now()
  const artifact: IndexArtifact = {
    schemaVersion: SCHEMA_VERSION,
    builtAt: new Date().toISOString(),
    contentHash,
    storyCount: stories.length,
    workerCode,
    index: index.toJSON(),
  }
  const indexText = JSON.stringify(artifact)
  const serializeMs = performance.now() - phaseStarted

  // Everything is written to staging paths first, then renamed into place, so a failure at any step
  // leaves the previous index and fragments serving.
  phaseStarted = performance.now()
  const stagingDir = `${options.fragmentsDir}.staging-${process.pid}`
  await Promise.all([removeAbandonedStaging(options.fragmentsDir), removeAbandonedStaging(options.indexFile)])
  const stagedIndex = `${options.indexFile}.staging-${process.pid}`
  let fragmentBytes = 0
  let textBytes = 0
  let fragmentsReused = 0
  try {
    await rm(stagingDir, { recursive: true, force: true })
    await mkdir(stagingDir, { recursive: true })
    await forEachLimited(read, IO_CONCURRENCY, async ({ story, key }) => {
      const name = `${story.id}.json`
      textBytes += Buffer.byteLength(story.body)
      // Same file, same id: the fragment on disk is already right. A hard link keeps the swap atomic without rewriting it.
      if (previous && key !== null && previous.stories[story.id] === key) {
        try {
          await link(join(options.fragmentsDir, name), join(stagingDir, name))
          fragmentsReused++
          fragmentBytes += Buffer.byteLength(fragmentText(story))
          return
        } catch {
          // Gone or not linkable: write it.
        }
      }
      const text = fragmentText(story)
      fragmentBytes += Buffer.byteLength(text)
      await writeFile(join(stagingDir, name), text)
    })
    await mkdir(dirname(stagedIndex), { recursive: true })
    await writeFile(stagedIndex, indexText)
    await cache?.dropManifest()
    await replaceDirectory(stagingDir, options.fragmentsDir)
    await rename(stagedIndex, options.indexFile)
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true })
    await rm(stagedIndex, { force: true })
    throw error
  }
  // Workers Static Assets applies _headers itself: fragments and CSS carry the version without running the Worker.
  if (options.assetHeadersFile) {
    await writeFileAtomic(options.assetHeadersFile, `# Written by the index builder.\n/*\n  X-Index-Version: ${indexVersion(artifact)}\n`)
  }
  await writeReport(options.reportFile, artifact.builtAt, stories.length, problems)
  const sizes = { indexBytes: Buffer.byteLength(indexText), fragmentBytes, textBytes }
  if (cache) {
    const manifestStories: Record<string, string> = {}
    for (const { story, key } of read) manifestStories[story.id] = key!
    await cache.writeManifest({
      cacheKey: cache.cacheKey,
      indexFile: resolve(options.indexFile),
      fragmentsDir: resolve(options.fragmentsDir),
      contentHash,
      workerCode,
      sizes,
      stories: manifestStories,
    })
    await cache.prune(new Set(Object.values(manifestStories)))
  }
  const writeMs = performance.now() - phaseStarted

  return {
    storyCount: stories.length,
    problems,
    contentHash,
    ...sizes,
    durationMs: performance.now() - started,
    incremental: { parsesReused, indexUpdated: updated !== null, fragmentsReused, unchanged: false },
    phases: { ...readPhases, index: indexMs, serialize: serializeMs, write: writeMs },
  }
}

async function writeReport(reportFile: string, builtAt: string, storyCount: number, problems: BuildProblem[]): Promise<void> {
  await writeFileAtomic(reportFile, `${JSON.stringify({ builtAt, storyCount, problems }, null, 2)}\n`)
}

/** The outputs the manifest describes are still on disk: the index has its version and the fragments folder exists. */
async function outputsIntact(options: BuildOptions, manifest: BuildManifest): Promise<boolean> {
  try {
    const head = (await readFile(options.indexFile, 'utf8')).slice(0, 512)
    return head.includes(`"contentHash":"${manifest.contentHash}"`) && (await stat(options.fragmentsDir)).isDirectory()
  } catch {
    return false
  }
}

function fragmentText(story: StoryRecord): string {
  const fragment: StoryFragment = { schemaVersion: SCHEMA_VERSION, story }
  return JSON.stringify(fragment)
}

async function ingestOptionsOf(storiesDir: string): Promise<unknown> {
  return (await loadIngestOptions(storiesDir)).options
}

/**
 * Loads the previous index and applies the difference: removed and changed stories out, added and changed ones in.
 * Returns null (build from scratch) when the previous index is not the one the manifest describes, or an old
 * record needed to remove a story is no longer cached.
 */
async function updatePreviousIndex(
  indexFile: string,
  previous: BuildManifest,
  read: ReadStory[],
  cache: BuildCache,
): Promise<MiniSearch<IndexDocument> | null> {
  let index: MiniSearch<IndexDocument>
  try {
    const loaded = loadIndex(await readFile(indexFile, 'utf8'))
    if (loaded.version !== indexVersion(previous)) return null
    index = loaded.search
  } catch {
    return null
  }
  const current = new Map(read.map((r) => [r.story.id, r]))
  const outgoing: StoryRecord[] = []
  for (const [id, key] of Object.entries(previous.stories)) {
    if (current.get(id)?.key === key) continue
    const old = await cache.get(key)
    if (!old) return null
    outgoing.push({ ...old.record, id })
  }
  // MiniSearch removes a document by its original field values, which the cached record holds exactly.
  for (const story of outgoing) index.remove(toIndexDocument(story))
  for (const { story, key } of read) {
    if (previous.stories[story.id] !== key) index.add(toIndexDocument(story))
  }
  return index
}
