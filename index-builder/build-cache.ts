// The incremental-build cache: parsed records kept per file content, and a manifest of what the last build wrote.
import { createHash } from 'node:crypto'
import type { ChapterMark } from './chapter-folders'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { SCHEMA_VERSION } from '../core/index-contract'
import type { BuildProblem, StoryRecord } from '../core/story-record'
import { INDEXING_ENTRY, codeFingerprint } from './code-fingerprint'
import { writeFileAtomic } from './write-atomic'

/** What parsing one file produced, kept so an unchanged file is never parsed twice. */
export interface CachedParse {
  record: StoryRecord
  problems: BuildProblem[]
  /** sha256 of the record as parsed: what the content hash and the pieces depend on. */
  digest: string
}

/** What the last successful build wrote, so the next one can reuse its parses and pieces. */
export interface BuildManifest {
  /** The cache key the build ran under; any other key means nothing here can be reused. */
  cacheKey: string
  /** Absolute paths of the outputs this manifest describes. */
  indexFile: string
  piecesDir: string
  /** The content hash of the index the build wrote; reuse only when the file on disk still has it. */
  contentHash: string
  /** The Worker code version written into the index (see build-index.ts). */
  workerCode: string
  /** Sizes of what was written, so a build that changes nothing can still report them. */
  sizes: { indexBytes: number; pieces: Record<'terms' | 'words' | 'stories' | 'text' | 'all', { files: number; bytes: number }> & { largest: number } }
  /** Story id to the entry key of the file it came from, and its short id. */
  stories: Record<string, { key: string; shortId: number }>
  /** Entry key to what the file parsed into: a file seen before is not read from the cache again. */
  parses: Record<string, { digest: string; problems: BuildProblem[]; chapter?: ChapterMark | null }>
}

/**
 * The key a whole cache is valid under: schema version, the indexing code with its packages, and ingest options.
 * Hashing the code (not only SCHEMA_VERSION) means a tokenizer tweak without a schema bump still invalidates the
 * cache, rather than mixing old and new terms in one index.
 */
export async function computeCacheKey(ingestOptions: unknown): Promise<string> {
  return createHash('sha256')
    .update(`schema:${SCHEMA_VERSION}\n`)
    .update(await codeFingerprint(INDEXING_ENTRY, 'node'))
    .update(JSON.stringify(ingestOptions))
    .digest('hex')
}

/** sha256 of a parsed record, the same on every machine. */
export function digestRecord(record: StoryRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex')
}

/**
 * Parsed records on disk, one file per entry. An entry key covers the file's path as well as its bytes:
 * the id, and the fandom of a story without one, come from the path.
 */
export class BuildCache {
  readonly #recordsDir: string
  readonly #manifestFile: string

  constructor(
    readonly dir: string,
    readonly cacheKey: string,
  ) {
    this.#recordsDir = join(dir, 'records')
    this.#manifestFile = join(dir, 'manifest.json')
  }

  entryKey(path: string, bytes: Uint8Array): string {
    return createHash('sha256').update(this.cacheKey).update('\0').update(path).update('\0').update(bytes).digest('hex')
  }

  async get(key: string): Promise<CachedParse | null> {
    try {
      return JSON.parse(await readFile(this.#recordPath(key), 'utf8')) as CachedParse
    } catch {
      // Missing or damaged: parse the file again.
      return null
    }
  }

  async put(key: string, parsed: CachedParse): Promise<void> {
    await mkdir(this.#recordsDir, { recursive: true })
    await writeFile(this.#recordPath(key), JSON.stringify(parsed))
  }

  /** Removes entries no story uses any more, so the cache does not grow with every edit. */
  async prune(keep: Set<string>): Promise<void> {
    let names: string[]
    try {
      names = await readdir(this.#recordsDir)
    } catch {
      return
    }
    await Promise.all(
      names.filter((name) => !keep.has(name.replace(/\.json$/, ''))).map((name) => rm(join(this.#recordsDir, name), { force: true })),
    )
  }

  /** The last build's manifest, when it was written under this cache key for these outputs. */
  async readManifest(indexFile: string, piecesDir: string): Promise<BuildManifest | null> {
    try {
      const manifest = JSON.parse(await readFile(this.#manifestFile, 'utf8')) as BuildManifest
      const matches =
        manifest.cacheKey === this.cacheKey && manifest.indexFile === resolve(indexFile) && manifest.piecesDir === resolve(piecesDir)
      return matches ? manifest : null
    } catch {
      return null
    }
  }

  /** Called before outputs are replaced: a build that fails half-way must not leave a manifest that lies. */
  async dropManifest(): Promise<void> {
    await rm(this.#manifestFile, { force: true })
  }

  async writeManifest(manifest: BuildManifest): Promise<void> {
    await writeFileAtomic(this.#manifestFile, JSON.stringify(manifest))
  }

  #recordPath(key: string): string {
    return join(this.#recordsDir, `${key}.json`)
  }
}

/** Runs `task` over `items` with at most `limit` at a time: thousands of small file writes without thousands of open files. */
export async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await task(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
