// Finds the story files under an archive folder.
import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** File endings the builder reads as stories. */
export const STORY_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm'] as const

export function isStoryFile(name: string): boolean {
  const lower = name.toLowerCase()
  return STORY_EXTENSIONS.some((extension) => lower.endsWith(extension))
}

/**
 * Lists story files under `storiesDir`, recursively, as sorted paths relative to it with forward slashes.
 * Hidden files and folders (editor swap files, `.git`) are skipped.
 */
export async function listStoryFiles(storiesDir: string): Promise<string[]> {
  const entries = await readdir(storiesDir, { recursive: true, withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    if (!entry.isFile() || !isStoryFile(entry.name)) continue
    const path = relative(storiesDir, join(entry.parentPath, entry.name)).split(sep).join('/')
    if (path.split('/').some((segment) => segment.startsWith('.'))) continue
    files.push(path)
  }
  return files.sort()
}
