import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { QUERY_EXAMPLES } from '../../worker/lib/query-examples'

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')

describe('README', () => {
  it('documents exactly the query examples the tests run', () => {
    const section = README.slice(README.indexOf('## Query language'), README.indexOf('## API'))
    const documented = [...section.matchAll(/^\| `(.+?)` \|/gm)].map((match) => match[1]!.replace(/\\\|/g, '|'))
    expect(documented).toEqual(QUERY_EXAMPLES.map((example) => example.query))
  })

  it('names the two quick-start commands', () => {
    expect(README).toContain('npm install && npm start')
    expect(README).toContain('npm test')
  })
})
