// The benchmark's archives: the corpus the relevance set judges (`fiction`: the classics, the demo stories and the real
// fan fiction) and generated ones.
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateCorpus } from '../corpus/generate-corpus'
import { copyEvalFiles, evalFilesFingerprint } from '../eval/eval-corpus'

const GENERATOR_DIR = fileURLToPath(new URL('../corpus', import.meta.url))

export const CORPUS_SEED = 'story-search'

export interface CorpusSpec {
  /** `fiction` or the number of generated stories. */
  name: string
  generated: number | null
}

export function parseCorpusName(name: string): CorpusSpec {
  if (name === 'fiction') return { name, generated: null }
  const stories = Number(name.replace(/[_,]/g, '').replace(/k$/i, '000'))
  if (!Number.isInteger(stories) || stories < 1) throw new Error(`bench: unknown corpus "${name}" (fiction or a number of stories)`)
  return { name: String(stories), generated: stories }
}

/** A fingerprint of the generator's sources: a cached corpus is reused only if the generator has not changed since. */
async function generatorFingerprint(): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) await walk(join(dir, entry.name))
      else if (entry.name.endsWith('.ts')) hash.update(entry.name).update(await readFile(join(dir, entry.name)))
    }
  }
  await walk(GENERATOR_DIR)
  return hash.digest('hex').slice(0, 16)
}

/** Makes (or reuses) the corpus folder under workDir and returns its path. */
export async function prepareCorpus(spec: CorpusSpec, workDir: string, log: (line: string) => void): Promise<string> {
  const dir = join(workDir, 'corpora', spec.generated === null ? 'fiction' : `generated-${spec.generated}`)
  const marker = `${dir}.ready.json`
  const key = spec.generated === null ? `fiction:${await evalFilesFingerprint()}` : `${spec.generated}:${CORPUS_SEED}:${await generatorFingerprint()}`
  try {
    if (JSON.parse(await readFile(marker, 'utf8')).key === key) return dir
  } catch {
    // Not made yet, or made by another generator version.
  }
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  if (spec.generated === null) {
    await copyEvalFiles(dir)
  } else {
    log(`generating ${spec.generated} stories…`)
    const started = performance.now()
    await generateCorpus({ stories: spec.generated, outDir: dir, seed: CORPUS_SEED })
    log(`generated ${spec.generated} stories in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  await writeFile(marker, JSON.stringify({ key }))
  return dir
}
