// The pieces as files: written to a staging folder beside the live one (unchanged pieces linked, not copied), checked,
// measured and read back.
import { link, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseIndexDirectory, type IndexDirectory } from '../core/index-contract'
import type { BuildManifest } from './build-cache'
import type { PieceSink } from './write-index'

/** Writes pieces into a staging folder; a piece already in the live folder (same content, same name) is linked, not written. */
export class StagingSink implements PieceSink {
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

/** The outputs the manifest describes are still on disk: the directory has its version and every piece it names exists. */
export async function outputsIntact(outputs: { indexFile: string; piecesDir: string }, manifest: BuildManifest): Promise<boolean> {
  try {
    const directory = parseIndexDirectory(await readFile(outputs.indexFile, 'utf8'))
    if (directory.contentHash !== manifest.contentHash) return false
    const present = new Set(await readdir(outputs.piecesDir))
    return piecesOf(directory).every((name) => present.has(name))
  } catch {
    return false
  }
}

/** Every piece a directory names. */
export function piecesOf(directory: IndexDirectory): string[] {
  return [directory.table, ...directory.termPages.pieces, ...directory.dictionary.pieces, ...directory.packs.pieces]
}
