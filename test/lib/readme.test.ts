import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArchive } from '../../index-builder/scan-archive'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { archiveExamples } from '../../worker/present/archive-examples'

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')

describe('README', () => {
  it("documents exactly the examples /help makes from the demo stories", async () => {
    const section = README.slice(README.indexOf('## Query language'), README.indexOf('## API'))
    const documented = [...section.matchAll(/^\| `(.+?)` \|/gm)].map((match) => match[1]!.replace(/\\\|/g, '|'))
    const { index } = await indexInMemory((await readArchive(join(import.meta.dirname, '..', '..', 'stories'))).stories)
    expect(documented).toEqual((await archiveExamples(index)).examples.map((example) => example.query))
  })

  it('names the two quick-start commands', () => {
    expect(README).toContain('npm install && npm start')
    expect(README).toContain('npm test')
  })
})
