// core/ is the contract the builder and the Worker share: it compiles with no runtime's types, and its files reach
// nothing outside it but the packages on the list below, so a Node module, a Worker binding or the DOM cannot creep
// in. The compiler checks the first (`npm run typecheck`, and here); the second is read from each file's imports.
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../_project-copy'

/** The packages the core may import: the search engine and the stemmers, which run everywhere. */
const PACKAGES = [/^minisearch$/, /^stemmer$/, /^@orama\/stemmers\/[a-z]+$/]

/** The compiler's errors for the core/ folder under `root`, with its own tsconfig (files outside it are reachesOut's to find). */
function coreErrors(root: string): string[] {
  const configFile = join(root, 'core', 'tsconfig.json')
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, join(root, 'core'))
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, composite: false, incremental: false } })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

/** What a core file reaches beyond the core: triple-slash references (types, libs, files) and imports. */
async function reachesOut(root: string): Promise<string[]> {
  const found: string[] = []
  for (const name of await readdir(join(root, 'core'))) {
    if (!/\.ts$/.test(name) || name.endsWith('.test.ts') || name.endsWith('.d.ts')) continue
    const info = ts.preProcessFile(await readFile(join(root, 'core', name), 'utf8'), true, true)
    for (const reference of [...info.typeReferenceDirectives, ...info.libReferenceDirectives, ...info.referencedFiles]) found.push(`${name}: /// reference ${reference.fileName}`)
    for (const { fileName } of info.importedFiles) {
      const inside = fileName.startsWith('./') && !fileName.slice(2).includes('/')
      if (!inside && !PACKAGES.some((allowed) => allowed.test(fileName))) found.push(`${name}: imports ${fileName}`)
    }
  }
  return found
}

/** A copy of the core (its packages linked) with one more module in it. */
async function coreWith(source: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'story-search-core-'))
  await cp(join(ROOT, 'core'), join(root, 'core'), { recursive: true })
  await cp(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'))
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  await writeFile(join(root, 'core', 'uses-runtime.ts'), `${source}\n`)
  return root
}

describe('the shared core', () => {
  it('compiles on its own, with no runtime types, and reaches nothing outside it but its packages', async () => {
    expect(coreErrors(ROOT)).toEqual([])
    expect(await reachesOut(ROOT)).toEqual([])
  }, 60_000)

  it.each([
    ["import { readFileSync } from 'node:fs'\nexport const read = readFileSync", /node:fs/],
    ['export const here = document.title', /document/],
    ['export const kv = (env: { STORE: KVNamespace }) => env.STORE', /KVNamespace/],
  ])('does not compile a module that uses a runtime: %s', async (source, named) => {
    const root = await coreWith(source)
    try {
      // The copy compiles but for the one module: every error is about what it uses.
      const errors = coreErrors(root)
      expect(errors.length).toBeGreaterThan(0)
      for (const error of errors) expect(error).toMatch(named)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }, 60_000)

  it.each([
    ['/// <reference types="node" />\nexport const cwd = () => process.cwd()', /reference node/],
    ['/// <reference lib="dom" />\nexport const here = () => document.title', /reference dom/],
    ["import type { KVNamespace } from '@cloudflare/workers-types'\nexport type Store = KVNamespace", /imports @cloudflare\/workers-types/],
    ["export { searchHref } from '../static/search-url.js'", /imports \.\.\/static\/search-url\.js/],
    ["import { getIndex } from '../worker/index/index-loader'\nexport const load = getIndex", /imports \.\.\/worker/],
  ])('refuses a module that reaches out of the core another way: %s', async (source, named) => {
    const root = await coreWith(source)
    try {
      const found = await reachesOut(root)
      expect(found.length).toBe(1)
      expect(found[0]).toMatch(/^uses-runtime\.ts: /)
      expect(found[0]).toMatch(named)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  }, 60_000)
})
