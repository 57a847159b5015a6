// The library entry point: writes a deterministic archive of N stories to a folder and returns its summary.

import { existsSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, parse, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fullName } from './fandoms'
import { renderStory } from './formats/render-story'
import { loadMarkovModel } from './markov-model'
import { makeStory, type Story, STORY_FORMATS, type StoryFormat } from './make-story'
import { TermCounter } from './term-counter'

/** The default seed: benchmarks agree on one archive unless they ask for another. */
export const DEFAULT_SEED = 'story-search'
/** The public-domain chapters the prose is learned from (`../shared/corpora/fiction` from the project root). */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpora/fiction/', import.meta.url))

export interface GenerateCorpusOptions {
  /** How many stories to write. */
  stories: number
  /** Folder to write into; created when missing. */
  outDir: string
  /** Same seed and story count, same bytes. Default `DEFAULT_SEED`. */
  seed?: string
  /** Empty a non-empty `outDir` first instead of refusing. Default false. */
  force?: boolean
  /** Folder of `.txt` chapters to train on. Default `DEFAULT_CORPUS_DIR`. */
  corpusDir?: string
  /** Called after each story is written. */
  onProgress?: (written: number, total: number) => void
}

export interface CorpusSummary {
  stories: number
  seed: string
  outDir: string
  totalWords: number
  totalBytes: number
  medianWords: number
  p90Words: number
  maxWords: number
  storiesOver50k: number
  /** Distinct terms (shared tokenizer) over body, title, summary and tag-like metadata. */
  distinctTerms: number
  distinctAuthors: number
  formats: Record<StoryFormat, number>
  fandoms: Record<string, number>
  trainingSeconds: number
  seconds: number
}

export class CorpusError extends Error {
  override name = 'CorpusError'
}

/**
 * Writes `stories` files under `outDir/<fandom-slug>/` and summarizes them. Stories are made and written
 * one at a time (the next is made while the last is written), so memory stays flat however large the archive.
 *
 * @example
 * const summary = await generateCorpus({ stories: 1000, outDir: '/tmp/corpus-1000' })
 * summary.medianWords // about 3,000
 */
export async function generateCorpus(options: GenerateCorpusOptions): Promise<CorpusSummary> {
  const started = performance.now()
  const seed = options.seed ?? DEFAULT_SEED
  const outDir = resolve(options.outDir)
  if (!Number.isInteger(options.stories) || options.stories < 1) {
    throw new CorpusError(`story-search corpus: stories must be a positive integer, got ${options.stories}`)
  }
  await prepareOutDir(outDir, options.force ?? false)

  const model = await loadMarkovModel(options.corpusDir ?? DEFAULT_CORPUS_DIR)
  const trainingSeconds = (performance.now() - started) / 1000

  const width = Math.max(5, String(options.stories).length)
  const words = new Int32Array(options.stories)
  const terms = new TermCounter(model.text.length)
  const authors = new Set<string>()
  const formats = Object.fromEntries(STORY_FORMATS.map((f) => [f, 0])) as Record<StoryFormat, number>
  const fandoms: Record<string, number> = {}
  const folders = new Set<string>()
  let totalBytes = 0
  let pending: Promise<void> = Promise.resolve()

  for (let i = 0; i < options.stories; i++) {
    const story = makeStory(model, seed, i, terms)
    const { extension, text } = renderStory(story)
    const bytes = Buffer.from(text, 'utf8')
    const folder = join(outDir, story.fandom.slug)
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true })
      folders.add(folder)
    }
    const file = join(folder, `${String(i + 1).padStart(width, '0')}-${slugify(story.title)}.${extension}`)

    words[i] = story.words
    totalBytes += bytes.length
    formats[story.format]++
    fandoms[story.fandom.name] = (fandoms[story.fandom.name] ?? 0) + 1
    authors.add(story.author)
    countTerms(terms, story)

    await pending
    pending = writeFile(file, bytes)
    options.onProgress?.(i + 1, options.stories)
  }
  await pending

  const sorted = words.slice().sort()
  const totalWords = sorted.reduce((sum, w) => sum + w, 0)
  return {
    stories: options.stories,
    seed,
    outDir,
    totalWords,
    totalBytes,
    medianWords: percentile(sorted, 0.5),
    p90Words: percentile(sorted, 0.9),
    maxWords: sorted[sorted.length - 1]!,
    storiesOver50k: sorted.filter((w) => w > 50_000).length,
    distinctTerms: terms.size,
    distinctAuthors: authors.size,
    formats,
    fandoms,
    trainingSeconds,
    seconds: (performance.now() - started) / 1000,
  }
}

function countTerms(terms: TermCounter, story: Story): void {
  terms.add(story.title)
  terms.add(story.author)
  terms.add(story.summary)
  terms.add(story.tags.join(' ; '))
  terms.add(story.warnings.join(' ; '))
  terms.add(story.rating)
  terms.add(story.fandom.name)
  terms.add(story.characters.map(fullName).join(' ; '))
  // The body's terms were counted as it was written.
}

async function prepareOutDir(outDir: string, force: boolean): Promise<void> {
  if (!existsSync(outDir)) {
    await mkdir(outDir, { recursive: true })
    return
  }
  const entries = await readdir(outDir)
  if (entries.length === 0) return
  if (!force) throw new CorpusError(`story-search corpus: ${outDir} is not empty; pass --force to clear it first`)
  // --force deletes; refuse the folders where a typo would hurt most.
  const cwd = process.cwd()
  const rel = relative(outDir, cwd)
  if (outDir === parse(outDir).root || rel === '' || !rel.startsWith('..') || outDir === dirname(outDir)) {
    throw new CorpusError(`story-search corpus: refusing to clear ${outDir}: it is the filesystem root or contains the working folder`)
  }
  await Promise.all(entries.map((entry) => rm(join(outDir, entry), { recursive: true, force: true })))
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Int32Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  return slug || 'story'
}
