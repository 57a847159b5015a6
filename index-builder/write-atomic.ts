// Replaces build outputs all at once, so a failed build never leaves a half-written index behind.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file through a temporary sibling and a rename, which is atomic on one filesystem. A file that already holds
 * `data` is left alone: `npm start` serves through wrangler dev, which reloads on every write it sees, and reloads
 * that overlap can leave it serving nothing.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  if (await holds(path, data)) return
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

/** Whether the file at `path` holds exactly `data`. */
async function holds(path: string, data: string | Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(await readFile(path)).equals(typeof data === 'string' ? Buffer.from(data) : data)
  } catch {
    return false
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

/**
 * Removes what a killed build left beside `path` (`<path>.staging-<pid>`, `<path>.old-<pid>`, `<path>.tmp-<pid>`)
 * when that process is gone: otherwise a staging folder under static/ would be served, and uploaded, as assets.
 */
export async function removeAbandonedStaging(path: string): Promise<string[]> {
  const name = basename(path)
  let entries: string[]
  try {
    entries = await readdir(dirname(path))
  } catch {
    return []
  }
  const removed: string[] = []
  for (const entry of entries) {
    const match = /^\.?(?:staging|old|tmp)-(\d+)$/.exec(entry.startsWith(name) ? entry.slice(name.length) : '')
    if (!match || isRunning(Number(match[1]))) continue
    await rm(join(dirname(path), entry), { recursive: true, force: true })
    removed.push(entry)
  }
  return removed
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
