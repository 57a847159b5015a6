// Code as a fingerprint, from what the bundler says a program is made of. Two keys use it: the build cache's (the code
// that decides what a story parses into) and the release id behind ETags and the edge cache (the Worker's code). A list
// of folders drifts from the imports; the bundle's own inputs do not.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The Worker (platform 'neutral', as workerd): its modules, the static scripts it renders pages with, and the packages it runs. */
export const WORKER_ENTRY = join(ROOT, 'worker', 'index.tsx')
/** The builder's indexing (platform 'node'): ingest, the tokenizer and index format it shares with the Worker, MiniSearch, the parsers. */
export const INDEXING_ENTRY = join(ROOT, 'index-builder', 'build-index.ts')

/**
 * Hashes every file a bundle of `entry` is made of, as esbuild (the bundler wrangler uses) resolves its imports,
 * packages included: a Hono or MiniSearch upgrade changes it too. The bundled index module is left out: the
 * index's own content hash covers it.
 */
export async function codeFingerprint(entry: string, platform: 'neutral' | 'node'): Promise<string> {
  const { metafile } = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform,
    logLevel: 'silent',
    external: ['story-search:index', 'cloudflare:*', 'node:*'],
  })
  const hash = createHash('sha256')
  for (const input of Object.keys(metafile.inputs).sort()) {
    hash.update(input).update('\0').update(await readFile(join(ROOT, input))).update('\0')
  }
  return hash.digest('hex')
}
