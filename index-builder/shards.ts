// Splits an archive into shards for a multi-Worker deployment: one index per shard Worker, one front Worker that fans out.
import { createHash } from 'node:crypto'
import { copyFile, link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type MiniSearch from 'minisearch'
import {
  SCHEMA_VERSION,
  createSearchIndex,
  toIndexDocument,
  type IndexArtifact,
  type IndexDocument,
  type StoryFragment,
} from '../worker/lib/index-contract'
import type { ArchiveStats } from '../worker/lib/archive-stats'
import type { BuildProblem, StoryRecord } from '../worker/lib/story-record'
import { WORKER_SOURCES, forEachLimited, sourceFingerprint } from './build-cache'
import { hashStories, readArchive } from './build-index'

/**
 * Heap one isolate may spend on its index (the bundled text plus the loaded MiniSearch), leaving the rest of the
 * 128 MB isolate limit for requests. The target is "under 100 MB after load"; 80 MB leaves 20 MB for estimate error.
 */
export const DEFAULT_HEAP_BUDGET_BYTES = 80 * 1024 * 1024
/**
 * Heap per byte of indexed text (story bodies): Node's `process.memoryUsage().heapUsed` around `loadIndex`, index text
 * included (index-builder/measure-index.ts), measured 6.9–7.3 on 250-story shards of the generated corpus
 * (bench/shards/serve-bench.ts; BENCHMARKS.md). The highest figure, so shards err small. V8 in workerd is the same engine.
 */
export const DEFAULT_HEAP_PER_TEXT_BYTE = 7.3
/** A Worker's compressed size limit on the paid plan is 10 MB; shards stay under 8 to leave room for the code. */
export const MAX_SHARD_GZIP_BYTES = 8 * 1024 * 1024
/** The most shards a build makes: every search calls each one. */
export const MAX_SHARDS = 64

export interface ShardBuildOptions {
  /** The archive folder to read. */
  storiesDir: string
  /** Where everything goes. Default: `build/shards`. */
  outDir?: string
  /** Force a shard count; default: chosen by `chooseShardCount` from the archive's text size. */
  shardCount?: number
  /** Heap per isolate for the index. Default: DEFAULT_HEAP_BUDGET_BYTES. */
  heapBudgetBytes?: number
  /** Measured heap per text byte. Default: DEFAULT_HEAP_PER_TEXT_BYTE. */
  heapPerTextByte?: number
  /** The wrangler config the generated ones copy their compatibility settings from. Default: `wrangler.toml`. */
  baseConfig?: string
  /** Worker name prefix; shard i is `<name>-shard-<i>`. Default: the base config's name. */
  name?: string
}

export interface ShardBuildResult {
  storyCount: number
  shardCount: number
  contentHash: string
  textBytes: number
  problems: BuildProblem[]
  shards: { stories: number; textBytes: number; indexBytes: number; gzipBytes: number; config: string }[]
  /** The front Worker's config; `wrangler dev -c front -c shard-0 ...` serves the deployment. */
  frontConfig: string
  /** Every config, front first: the arguments for wrangler dev. */
  configs: string[]
  durationMs: number
}

/**
 * The shard a story lives in: a stable hash of its id, so a story stays put across rebuilds while the count is unchanged.
 *
 * @example shardOf('smallville--healing', 4) // always the same number in 0..3
 */
export function shardOf(id: string, shardCount: number): number {
  if (shardCount <= 1) return 0
  return createHash('sha256').update(id).digest().readUInt32BE(0) % shardCount
}

/** How many shards keep each isolate's index heap within the budget (at least 1); more than MAX_SHARDS throws. */
export function chooseShardCount(textBytes: number, heapBudgetBytes = DEFAULT_HEAP_BUDGET_BYTES, heapPerTextByte = DEFAULT_HEAP_PER_TEXT_BYTE): number {
  if (!(heapBudgetBytes > 0) || !(heapPerTextByte > 0)) throw new RangeError('shards: heap budget and heap per text byte must be positive')
  const count = Math.max(1, Math.ceil((textBytes * heapPerTextByte) / heapBudgetBytes))
  if (count > MAX_SHARDS) {
    throw new RangeError(`shards: ${Math.round(textBytes / 1e6)} MB of text needs ${count} shards at this heap budget, more than the ${MAX_SHARDS} a search can fan out to`)
  }
  return count
}

export interface IndexedShards {
  /** Shard i's stories: exactly those with shardOf(id) === i. */
  members: StoryRecord[][]
  /** Shard i's MiniSearch index, serialized with its own statistics (withArchiveStats puts the archive's in). */
  serialized: string[]
  /** Shard i's archive statistics. */
  stats: ArchiveStats[]
}

type Postings = Iterable<[string, Map<number, Map<number, number>>]>
const postingsOf = (index: MiniSearch<IndexDocument>) => (index as unknown as { _index: Postings })._index
// MiniSearch keeps the mean field lengths private; they are what its toJSON() writes as averageFieldLength.
const fieldLengthsOf = (index: MiniSearch<IndexDocument>) => (index as unknown as { _avgFieldLength: number[] })._avgFieldLength

/**
 * Indexes the shards one at a time, keeping each as its serialized text and its per-term document counts rather than
 * as a live MiniSearch, which takes about 9 times its serialized size in heap (BENCHMARKS.md: 74.6 MB loaded from an
 * 8.2 MB artifact). Then each shard's archive statistics: the archive's document count and mean field lengths (the
 * shards' own, weighted by their document counts), and the archive's document count for every term of the shard where
 * it differs from the shard's.
 */
export function indexShards(stories: StoryRecord[], shardCount: number): IndexedShards {
  const members: StoryRecord[][] = Array.from({ length: shardCount }, () => [])
  for (const story of stories) members[shardOf(story.id, shardCount)]!.push(story)
  const serialized: string[] = []
  // term → [fieldId, documents, fieldId, documents, ...], per shard and over the archive.
  const shardCounts: Map<string, number[]>[] = []
  const archive = new Map<string, Map<number, number>>()
  let documentCount = 0
  const lengthSums: number[] = []
  for (const group of members) {
    const index = createSearchIndex(group.map(toIndexDocument))
    documentCount += index.documentCount
    fieldLengthsOf(index).forEach((mean, f) => (lengthSums[f] = (lengthSums[f] ?? 0) + mean * index.documentCount))
    const own = new Map<string, number[]>()
    for (const [term, byField] of postingsOf(index)) {
      let counts = archive.get(term)
      if (!counts) archive.set(term, (counts = new Map()))
      const pairs: number[] = []
      for (const [fieldId, postings] of byField) {
        pairs.push(fieldId, postings.size)
        counts.set(fieldId, (counts.get(fieldId) ?? 0) + postings.size)
      }
      own.set(term, pairs)
    }
    shardCounts.push(own)
    serialized.push(JSON.stringify(index))
  }
  const averageFieldLength = Array.from(lengthSums, (sum) => (documentCount === 0 ? 0 : (sum ?? 0) / documentCount))
  const stats = shardCounts.map((own) => {
    const termDocumentCounts: Record<string, number[]> = {}
    for (const [term, pairs] of own) {
      const differing: number[] = []
      for (let i = 0; i < pairs.length; i += 2) {
        const total = archive.get(term)!.get(pairs[i]!)!
        if (total !== pairs[i + 1]) differing.push(pairs[i]!, total)
      }
      if (differing.length > 0) termDocumentCounts[term] = differing
    }
    return { documentCount, averageFieldLength, termDocumentCounts }
  })
  return { members, serialized, stats }
}

type SerializedIndex = ReturnType<MiniSearch['toJSON']>

/**
 * How much of the archive's statistics a shard ranks with (the bench compares them; builds use 'archive'):
 * - 'shard': its own, as if it were the whole archive;
 * - 'field-lengths': the archive's mean field lengths;
 * - 'archive': the archive's document count, field lengths and term document counts, so BM25 scores equal one index's.
 * The count and lengths go into the serialized index (MiniSearch reads them from there); term counts go beside it.
 */
export type StatsMode = 'shard' | 'field-lengths' | 'archive'
export const DEFAULT_STATS_MODE: StatsMode = 'archive'

export function withArchiveStats(index: SerializedIndex, stats: ArchiveStats, mode: StatsMode = DEFAULT_STATS_MODE): SerializedIndex {
  if (mode === 'shard') return index
  return { ...index, averageFieldLength: stats.averageFieldLength, ...(mode === 'archive' ? { documentCount: stats.documentCount } : {}) }
}

/**
 * Builds a sharded deployment under `outDir`:
 * - `front/search.index.json`: the whole archive's metadata without story text or summaries (suggestions, story lists,
 *   health, release);
 * - `front/static/`: the site's static files and every story's fragment (snippets and story pages);
 * - `shard-<i>/search.index.json` and `shard-<i>/static/fragments/`: one slice of the index, with its stories' fragments
 *   (phrase checks read them locally rather than calling back to the front);
 * - `front.toml`, `shard-<i>.toml`: generated wrangler configs; the front binds SHARD_0..N-1 and sets SHARD_COUNT.
 */
export async function buildShards(options: ShardBuildOptions): Promise<ShardBuildResult> {
  const started = performance.now()
  const outDir = resolve(options.outDir ?? 'build/shards')
  const baseConfig = resolve(options.baseConfig ?? 'wrangler.toml')
  const root = resolve(baseConfig, '..')
  const base = readBaseConfig(await readFile(baseConfig, 'utf8'))
  const name = options.name ?? base.name
  const { stories, problems, read } = await readArchive(options.storiesDir)
  const contentHash = hashStories(read.map(({ story, digest }) => ({ id: story.id, digest })))
  const textBytes = stories.reduce((sum, story) => sum + Buffer.byteLength(story.body), 0)
  const shardCount = options.shardCount ?? chooseShardCount(textBytes, options.heapBudgetBytes, options.heapPerTextByte)
  if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > MAX_SHARDS) {
    throw new RangeError(`shards: the shard count must be a whole number from 1 to ${MAX_SHARDS}, got ${shardCount}`)
  }
  const workerCode = (await sourceFingerprint(WORKER_SOURCES)).slice(0, 12)
  const builtAt = new Date().toISOString()
  const head = { schemaVersion: SCHEMA_VERSION, builtAt, contentHash }

  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  // The front: every fragment, the static site files, and a metadata-only index for suggestions and health.
  const frontStatic = join(outDir, 'front', 'static')
  await linkStaticSite(resolve(baseConfig, '..', base.assetsDirectory), frontStatic)
  await mkdir(join(frontStatic, 'fragments'), { recursive: true })
  await forEachLimited(stories, 32, (story) => writeFile(join(frontStatic, 'fragments', `${story.id}.json`), fragmentText(story)))
  // Workers Static Assets stamps fragments and CSS with the version itself, as in the single-Worker build.
  await writeFile(join(frontStatic, '_headers'), `# Written by the index builder.\n/*\n  X-Index-Version: ${contentHash.slice(0, 16)}\n`)
  await writeFile(join(outDir, 'front', INDEX_MODULE), INDEX_MODULE_TEXT)
  await writeArtifact(join(outDir, 'front', 'search.index.json'), { ...head, storyCount: stories.length, workerCode, index: frontIndexOf(stories) })

  // Scores stay comparable across shards: each shard ranks with the archive's document count and field lengths.
  const { members, serialized, stats } = indexShards(stories, shardCount)
  const shards: ShardBuildResult['shards'] = []
  const configs: string[] = []
  for (let i = 0; i < shardCount; i++) {
    const dir = join(outDir, `shard-${i}`)
    await mkdir(join(dir, 'static', 'fragments'), { recursive: true })
    await forEachLimited(members[i]!, 32, (story) =>
      linkOrCopy(join(frontStatic, 'fragments', `${story.id}.json`), join(dir, 'static', 'fragments', `${story.id}.json`)),
    )
    await writeFile(join(dir, INDEX_MODULE), INDEX_MODULE_TEXT)
    const text = await writeArtifact(join(dir, 'search.index.json'), {
      ...head,
      storyCount: members[i]!.length,
      workerCode,
      shard: { index: i, count: shardCount },
      archiveStats: stats[i]!,
      index: withArchiveStats(JSON.parse(serialized[i]!) as SerializedIndex, stats[i]!),
    })
    // Written out: its text need not stay in memory while the next shards are written.
    serialized[i] = ''
    const config = join(outDir, `shard-${i}.toml`)
    await writeFile(config, shardConfig(base, `${name}-shard-${i}`, `shard-${i}`, outDir, root))
    configs.push(config)
    shards.push({
      stories: members[i]!.length,
      textBytes: members[i]!.reduce((sum, story) => sum + Buffer.byteLength(story.body), 0),
      indexBytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text).length,
      config,
    })
  }
  const frontConfig = join(outDir, 'front.toml')
  await writeFile(frontConfig, frontTomlText(base, name, shardCount, outDir, root))
  return {
    storyCount: stories.length,
    shardCount,
    contentHash,
    textBytes,
    problems,
    shards,
    frontConfig,
    configs: [frontConfig, ...configs],
    durationMs: performance.now() - started,
  }
}

/**
 * The front's index, serialized: without story text or summaries. Suggestions complete the words of titles, names,
 * fandoms, ships, tags and warnings; story lists need ids and dates; searches go to the shards. Summaries were half of
 * it: at 20,000 stories they took the front from 71 MB of heap to 135 MB (Node's measure). Built in its own function so
 * the live index can be collected before the shards are indexed.
 */
function frontIndexOf(stories: StoryRecord[]): SerializedIndex {
  return createSearchIndex(stories.map((story) => ({ ...toIndexDocument(story), body: '', summary: '' }))).toJSON()
}

// Keys keep their insertion order, so the release (builtAt, contentHash, storyCount, workerCode) stays ahead of the
// index (see IndexArtifact).
async function writeArtifact(file: string, artifact: IndexArtifact & Record<string, unknown>): Promise<string> {
  const text = JSON.stringify(artifact)
  await writeFile(file, text)
  return text
}

function fragmentText(story: StoryRecord): string {
  const fragment: StoryFragment = { schemaVersion: SCHEMA_VERSION, story }
  return JSON.stringify(fragment)
}

/** Hard-links the site's static files (CSS, scripts, icons) into the front's assets, leaving out generated ones. */
async function linkStaticSite(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.name === 'fragments' || entry.name === '_headers' || entry.name.startsWith('.')) continue
    if (entry.isDirectory()) await linkStaticSite(join(from, entry.name), join(to, entry.name))
    else if (entry.isFile()) await linkOrCopy(join(from, entry.name), join(to, entry.name))
  }
}

/** Files are hard-linked where the filesystem allows it: a shard's fragments are the front's, not a second copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}

/** The settings the shard configs copy from the project's wrangler.toml, so both deployments run the same way. */
export interface BaseConfig {
  /** The config's text: the front's config is this, with its paths, index and bindings rewritten. */
  text: string
  name: string
  main: string
  compatibilityDate: string
  compatibilityFlags: string
  assetsDirectory: string
}

export function readBaseConfig(toml: string): BaseConfig {
  const value = (key: string) => {
    const match = new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(toml)
    if (!match) throw new Error(`shards: the base wrangler config has no ${key}`)
    return match[1]!.trim()
  }
  const unquote = (text: string) => JSON.parse(text) as string
  return {
    text: toml,
    name: unquote(value('name')),
    main: unquote(value('main')),
    compatibilityDate: value('compatibility_date'),
    compatibilityFlags: value('compatibility_flags'),
    assetsDirectory: unquote(value('directory')),
  }
}

const GENERATED = '# Generated by index-builder/shards.ts: rebuild rather than edit.'
const INDEX_ALIAS = '"story-search:index"'
/**
 * What the alias points at: a module that imports the index by a relative path. Wrangler resolves an alias before its
 * module rules run, so an alias straight to the .index.json would bundle it as parsed JSON rather than as a Text module.
 */
const INDEX_MODULE = 'index-module.js'
const INDEX_MODULE_TEXT = "// Generated: the index this Worker bundles, as a Text module (see wrangler's [[rules]]).\nexport { default } from './search.index.json'\n"

function projectPath(outDir: string, root: string, path: string): string {
  return relative(outDir, resolve(root, path)).split('\\').join('/')
}

function shardConfig(base: BaseConfig, name: string, folder: string, outDir: string, root: string): string {
  return `${[
    GENERATED,
    `name = ${JSON.stringify(name)}`,
    `main = ${JSON.stringify(projectPath(outDir, root, 'worker/shard.ts'))}`,
    `compatibility_date = ${base.compatibilityDate}`,
    `compatibility_flags = ${base.compatibilityFlags}`,
    "# Shards are reached only through the front Worker's service bindings.",
    'workers_dev = false',
    '',
    '[[rules]]\ntype = "Text"\nglobs = ["**/*.index.json"]\nfallthrough = false',
    '',
    '[alias]',
    `${INDEX_ALIAS} = "./${folder}/${INDEX_MODULE}"`,
    '',
    '[assets]',
    `directory = "./${folder}/static"`,
    'binding = "ASSETS"',
  ].join('\n')}\n`
}

/** The project's own config with the front's index, assets and main path swapped in, plus SHARD_COUNT and the bindings. */
function frontTomlText(base: BaseConfig, name: string, shardCount: number, outDir: string, root: string): string {
  const replace = (text: string, pattern: RegExp, line: string) => {
    if (!pattern.test(text)) throw new Error(`shards: cannot find ${pattern} in the base wrangler config`)
    return text.replace(pattern, line)
  }
  let text = base.text
  text = replace(text, /^main\s*=.*$/m, `main = ${JSON.stringify(projectPath(outDir, root, base.main))}`)
  text = replace(text, /^"story-search:index"\s*=.*$/m, `${INDEX_ALIAS} = "./front/${INDEX_MODULE}"`)
  text = replace(text, /^directory\s*=.*$/m, 'directory = "./front/static"')
  const shardVars = `SHARD_COUNT = "${shardCount}"`
  text = /^\[vars\]$/m.test(text) ? text.replace(/^\[vars\]$/m, `[vars]\n${shardVars}`) : `${text.trimEnd()}\n\n[vars]\n${shardVars}\n`
  const services = Array.from({ length: shardCount }, (_, i) => `[[services]]\nbinding = "SHARD_${i}"\nservice = "${name}-shard-${i}"`)
  return `${GENERATED}\n${text.trimEnd()}\n\n${services.join('\n\n')}\n`
}
