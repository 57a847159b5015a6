import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFingerprint } from './code-fingerprint'
import { copyProject, type ProjectCopy } from '../test/_project-copy'

describe('codeFingerprint', () => {
  let copy: ProjectCopy
  const worker = () => codeFingerprint(join(copy.dir, 'worker', 'index.tsx'), 'neutral')
  const indexing = () => codeFingerprint(join(copy.dir, 'index-builder', 'build-index.ts'), 'node')
  /** The fingerprint after `file` gains a comment, with the file restored afterwards. */
  async function afterEditing(file: string, fingerprint: () => Promise<string>): Promise<string> {
    const path = join(copy.dir, file)
    const before = await readFile(path)
    await appendFile(path, '\n// edited\n')
    try {
      return await fingerprint()
    } finally {
      await writeFile(path, before)
    }
  }

  beforeAll(async () => {
    copy = await copyProject()
  })
  afterAll(() => copy?.cleanup())

  it('is stable for the same code', async () => {
    expect(await worker()).toBe(await worker())
  })

  // The release id behind ETags hashed only worker/**/*.ts: a change to a script the Worker renders HTML with was
  // answered with 304s and cached pages from the code before it.
  it.each(['static/search-url.js', 'worker/present/highlight.ts', 'worker/views/layout.tsx', 'core/ratings.ts'])(
    "changes the Worker's fingerprint when %s, which the Worker's pages are made with, changes",
    async (file) => {
      expect(await afterEditing(file, worker)).not.toBe(await worker())
    },
  )

  it('keeps the Worker fingerprint when only a file the Worker never imports changes', async () => {
    const base = await worker()
    expect(await afterEditing('static/app.js', worker)).toBe(base)
    expect(await afterEditing('tools/deploy.ts', worker)).toBe(base)
  })

  it('changes the indexing fingerprint with the shared code that decides what a story parses into, not with page views', async () => {
    const base = await indexing()
    expect(await afterEditing('core/ratings.ts', indexing)).not.toBe(base)
    expect(await afterEditing('index-builder/ingest/header.ts', indexing)).not.toBe(base)
    expect(await afterEditing('worker/views/layout.tsx', indexing)).toBe(base)
  })
})
