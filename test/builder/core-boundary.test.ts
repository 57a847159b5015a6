// core/ is the contract the builder and the Worker share: it compiles with no runtime's types, so a Node module, a
// Worker binding or the DOM cannot creep into it. The compiler checks it, here as in `npm run typecheck`.
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../_project-copy'

/** The compiler's errors for the core/ folder under `root`, with its own tsconfig. */
function coreErrors(root: string): string[] {
  const configFile = join(root, 'core', 'tsconfig.json')
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, join(root, 'core'))
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, composite: false, incremental: false } })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

describe('the shared core', () => {
  it('compiles on its own, with no runtime types', () => {
    expect(coreErrors(ROOT)).toEqual([])
  }, 60_000)

  it.each([
    ["import { readFileSync } from 'node:fs'\nexport const read = readFileSync", /node:fs/],
    ['export const here = document.title', /document/],
    ['export const kv = (env: { STORE: KVNamespace }) => env.STORE', /KVNamespace/],
  ])('refuses a module that uses a runtime: %s', async (source, named) => {
    const root = await mkdtemp(join(tmpdir(), 'story-search-core-'))
    try {
      await cp(join(ROOT, 'core'), join(root, 'core'), { recursive: true })
      await cp(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'))
      await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
      await writeFile(join(root, 'core', 'uses-runtime.ts'), `${source}\n`)
      // The copy compiles but for the one module: every error is about what it uses.
      const errors = coreErrors(root)
      expect(errors.length).toBeGreaterThan(0)
      for (const error of errors) expect(error).toMatch(named)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }, 60_000)
})
