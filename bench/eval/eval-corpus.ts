// The evaluation corpus: the demo stories, the public-domain chapters and the real fan-fiction files, parsed by the
// real builder into records.
import { createHash } from 'node:crypto'
import { copyFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readArchive } from '../../index-builder/scan-archive'
import type { StoryRecord } from '../../core/story-record'

export const DEMO_STORIES_DIR = fileURLToPath(new URL('../../stories', import.meta.url))
// shared/ sits beside the project checkout (see DEVELOPERS.md), wherever that is.
export const CLASSICS_DIR = fileURLToPath(new URL('../../../shared/corpora/fiction', import.meta.url))
/** Real fan fiction in the formats archives hold, with real metadata: what field boosts are measured on. */
export const REAL_STORIES_DIR = fileURLToPath(new URL('../../../shared/real-stories', import.meta.url))

/** Archive settings copied along with the demo stories, so they are parsed as the real archive parses them. */
const ARCHIVE_SETTINGS = ['aliases.yml', 'archive.yml']

export interface EvalCorpus {
  stories: StoryRecord[]
  /** Parse problems the builder reported (missing authors and the like; the stories are indexed all the same). */
  problems: string[]
}

/**
 * Copies the files of the judged corpus flat into `dir`: the demo stories (with the archive settings), the classics and
 * the real stories, so ids are the file names the judgments use (`austen-emma-ch43`, `ffn-calculation`). The relevance
 * evaluation and the benchmark's `fiction` corpus both read this folder.
 */
export async function copyEvalFiles(dir: string, demoDir: string = DEMO_STORIES_DIR, classicsDir: string = CLASSICS_DIR, realDir: string = REAL_STORIES_DIR): Promise<void> {
  for (const name of await readdir(demoDir)) {
    if (name.endsWith('.txt') || ARCHIVE_SETTINGS.includes(name)) await copyFile(join(demoDir, name), join(dir, name))
  }
  for (const name of await readdir(classicsDir)) {
    if (name.endsWith('.txt')) await copyFile(join(classicsDir, name), join(dir, name))
  }
  for (const name of await readdir(realDir)) {
    if (name !== 'MANIFEST.tsv') await copyFile(join(realDir, name), join(dir, name))
  }
}

/**
 * A fingerprint of the judged corpus's files (names and sizes): a copy made earlier is reused only while it matches.
 */
export async function evalFilesFingerprint(demoDir: string = DEMO_STORIES_DIR, classicsDir: string = CLASSICS_DIR, realDir: string = REAL_STORIES_DIR): Promise<string> {
  const hash = createHash('sha256')
  for (const source of [demoDir, classicsDir, realDir]) {
    for (const name of (await readdir(source)).sort()) hash.update(`${name}\0${(await stat(join(source, name))).size}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

/** Reads the judged corpus (copyEvalFiles) with the builder's `readArchive`. */
export async function loadEvalCorpus(demoDir: string = DEMO_STORIES_DIR, classicsDir: string = CLASSICS_DIR, realDir: string = REAL_STORIES_DIR): Promise<EvalCorpus> {
  const dir = await mkdtemp(join(tmpdir(), 'story-search-eval-'))
  try {
    await copyEvalFiles(dir, demoDir, classicsDir, realDir)
    const { stories, problems } = await readArchive(dir)
    return { stories, problems: problems.map((p) => `${p.file}: ${p.problem}`) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
