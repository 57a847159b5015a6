// Stage one of the build: every story file read, and parsed unless the cache has its parse (by content); a folder of
// chapter files becomes one work. What each story parsed into is kept as a digest, not the record, so memory does not
// grow with the archive.
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMA_VERSION } from '../core/index-contract'
import type { BuildProblem, StoryRecord } from '../core/story-record'
import { BuildCache, digestRecord, forEachLimited, type BuildManifest } from './build-cache'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions } from './ingest/options'
import { listStoryFiles } from './read-stories'
import { chapterFolders, chapterMark, mergeChapters, type ChapterMark } from './chapter-folders'
import { storyIdFromPath } from '../core/story-id'

/** How many files are read or parsed at once. */
export const IO_CONCURRENCY = 32

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
export async function loadRecord(cache: BuildCache, story: ScannedStory): Promise<StoryRecord> {
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
