import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './write-atomic'

describe('writeFileAtomic', () => {
  let dir: string
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('replaces a file whose content differs, and leaves one that already holds the content as it is', async () => {
    dir = await mkdtemp(join(tmpdir(), 'story-search-atomic-'))
    const file = join(dir, 'nested', '_headers')
    await writeFileAtomic(file, 'one')
    const first = await stat(file)
    // The same content: the same file (a rename would give it a new inode), so a watcher sees no change.
    await writeFileAtomic(file, new TextEncoder().encode('one'))
    expect((await stat(file)).ino).toBe(first.ino)
    await writeFileAtomic(file, 'two')
    expect((await stat(file)).ino).not.toBe(first.ino)
    expect(await readFile(file, 'utf8')).toBe('two')
  })
})
