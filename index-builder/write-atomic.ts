// Replaces build outputs all at once, so a failed build never leaves a half-written index behind.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes a file through a temporary sibling and a rename, which is atomic on one filesystem. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.tmp-${process.pid}`
  try {
    await writeFile(temporary, data)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * Swaps a fully written staging folder into place: the old folder is moved aside first and removed
 * only after the new one is in, so readers see either the old set or the new one.
 */
export async function replaceDirectory(stagingDir: string, targetDir: string): Promise<void> {
  await mkdir(dirname(targetDir), { recursive: true })
  const previous = `${targetDir}.old-${process.pid}`
  await rm(previous, { recursive: true, force: true })
  let moved = false
  try {
    await rename(targetDir, previous)
    moved = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await rename(stagingDir, targetDir)
  if (moved) await rm(previous, { recursive: true, force: true })
}
