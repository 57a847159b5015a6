// The build pipeline: story files in, the bundled index artifact and one fragment per story out.
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  SCHEMA_VERSION,
  createSearchIndex,
  toIndexDocument,
  type IndexArtifact,
  type StoryFragment,
} from '../worker/lib/index-contract'
import type { BuildProblem, StoryRecord } from '../worker/lib/story-record'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions } from './ingest/options'
import { listStoryFiles } from './read-stories'
import { replaceDirectory, writeFileAtomic } from './write-atomic'

export interface BuildOptions {
  /** The archive folder to read. */
  storiesDir: string
  /** Where the bundled index artifact goes. */
  indexFile: string
  /** The static-assets folder that receives one `<id>.json` per story. */
  fragmentsDir: string
  /** Where the build report (every problem, and what was done) goes. */
  reportFile: string
}

export interface BuildResult {
  storyCount: number
  problems: BuildProblem[]
  contentHash: string
  indexBytes: number
  fragmentBytes: number
  textBytes: number
  durationMs: number
}

/** Default output locations, relative to the project root. */
export const DEFAULT_OUTPUTS = {
  indexFile: 'build/search.index.json',
  fragmentsDir: 'static/fragments',
  reportFile: 'build/build-report.json',
} as const

/** Reads and parses every story file; a file that cannot be read is reported, never fatal. */
export async function readArchive(storiesDir: string): Promise<{ stories: StoryRecord[]; problems: BuildProblem[] }> {
  const { options, problems } = await loadIngestOptions(storiesDir)
  const stories: StoryRecord[] = []
  const seenIds = new Map<string, string>()
  for (const file of await listStoryFiles(storiesDir)) {
    let bytes: Uint8Array
    try {
      bytes = await readFile(join(storiesDir, file))
    } catch (error) {
      problems.push({ file, problem: `cannot read file: ${(error as Error).message}`, action: 'skipped', severity: 'error' })
      continue
    }
    const parsed = parseStoryFile(bytes, file, options)
    problems.push(...parsed.problems)
    const story = parsed.record
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
    stories.push(story)
  }
  return { stories, problems }
}

/** Hash over the schema version and every story record: changes exactly when what is served changes. */
export function hashStories(stories: StoryRecord[]): string {
  const hash = createHash('sha256').update(`schema:${SCHEMA_VERSION}\n`)
  for (const story of [...stories].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(JSON.stringify(story)).update('\n')
  return hash.digest('hex')
}

/** Builds the index artifact and the fragments, and swaps them in only when everything is written. */
export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const { stories, problems } = await readArchive(options.storiesDir)
  const index = createSearchIndex(stories.map(toIndexDocument))
  const contentHash = hashStories(stories)
  const artifact: IndexArtifact = {
    schemaVersion: SCHEMA_VERSION,
    builtAt: new Date().toISOString(),
    contentHash,
    storyCount: stories.length,
    index: index.toJSON(),
  }
  const indexText = JSON.stringify(artifact)

  // Everything is written to staging paths first, then renamed into place, so a failure at any step
  // leaves the previous index and fragments serving.
  const stagingDir = `${options.fragmentsDir}.staging-${process.pid}`
  const stagedIndex = `${options.indexFile}.staging-${process.pid}`
  let fragmentBytes = 0
  let textBytes = 0
  try {
    await rm(stagingDir, { recursive: true, force: true })
    await mkdir(stagingDir, { recursive: true })
    for (const story of stories) {
      const fragment: StoryFragment = { schemaVersion: SCHEMA_VERSION, story }
      const text = JSON.stringify(fragment)
      fragmentBytes += Buffer.byteLength(text)
      textBytes += Buffer.byteLength(story.body)
      await writeFile(join(stagingDir, `${story.id}.json`), text)
    }
    await mkdir(dirname(stagedIndex), { recursive: true })
    await writeFile(stagedIndex, indexText)
    await replaceDirectory(stagingDir, options.fragmentsDir)
    await rename(stagedIndex, options.indexFile)
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true })
    await rm(stagedIndex, { force: true })
    throw error
  }
  await writeFileAtomic(options.reportFile, `${JSON.stringify({ builtAt: artifact.builtAt, storyCount: stories.length, problems }, null, 2)}\n`)

  return {
    storyCount: stories.length,
    problems,
    contentHash,
    indexBytes: Buffer.byteLength(indexText),
    fragmentBytes,
    textBytes,
    durationMs: performance.now() - started,
  }
}
