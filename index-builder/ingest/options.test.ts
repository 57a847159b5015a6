import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { DEFAULT_MAX_BYTES, loadIngestOptions } from './options'
import { STORIES_DIR, utf8 } from '../../test/builder/ingest/_fixtures'

const made: string[] = []
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))))

async function storiesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-options-'))
  made.push(dir)
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

describe('loadIngestOptions', () => {
  it('uses the defaults when neither file exists', async () => {
    const { options, problems } = await loadIngestOptions(await storiesDir({}))
    expect(options).toEqual({ maxBytes: DEFAULT_MAX_BYTES, defaultFandom: null, aliases: {} })
    expect(problems).toEqual([])
  })

  it("reads the demo archive's aliases and default fandom", async () => {
    const { options, problems } = await loadIngestOptions(STORIES_DIR)
    expect(problems).toEqual([])
    expect(options.defaultFandom).toBe('Smallville')
    expect(options.aliases).toMatchObject({
      Clark: 'Clark Kent', Lana: 'Lana Lang', Lex: 'Lex Luthor', Chloe: 'Chloe Sullivan', Oliver: 'Oliver Queen', Lois: 'Lois Lane',
      Conner: 'Conner Kent', Clana: 'Clark Kent/Lana Lang', Clex: 'Clark Kent/Lex Luthor', Chlollie: 'Chloe Sullivan/Oliver Queen',
    })
  })

  it('reads maxFileBytes', async () => {
    const { options } = await loadIngestOptions(await storiesDir({ 'archive.yml': 'maxFileBytes: 1000\n' }))
    expect(options.maxBytes).toBe(1000)
  })

  it('reports malformed YAML as a problem and keeps going', async () => {
    const { options, problems } = await loadIngestOptions(await storiesDir({ 'aliases.yml': 'Clark: [Clark Kent\n', 'archive.yml': 'defaultFandom: Smallville\n' }))
    expect(options.aliases).toEqual({})
    expect(options.defaultFandom).toBe('Smallville')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'aliases.yml', action: 'ignored the file and used the defaults', severity: 'warning' })
    expect(problems[0]!.problem).toMatch(/^aliases\.yml is not valid YAML/)
  })

  it.each([
    ['a list instead of a map', { 'archive.yml': '- Smallville\n' }, 'archive.yml should be a map of "name: value" lines'],
    ['an alias with no name', { 'aliases.yml': 'Clark:\n' }, 'alias "Clark" in aliases.yml has no name to map to'],
    ['a negative size', { 'archive.yml': 'maxFileBytes: -5\n' }, 'maxFileBytes in archive.yml is not a positive whole number'],
    ['a fandom that is a number', { 'archive.yml': 'defaultFandom: 42\n' }, 'defaultFandom in archive.yml is not a name'],
  ])('reports %s', async (_, files, problem) => {
    const { problems } = await loadIngestOptions(await storiesDir(files))
    expect(problems.map((p) => p.problem)).toEqual([problem])
  })

  it('gives the default fandom only to stories whose header and folder name none', async () => {
    const { options } = await loadIngestOptions(await storiesDir({ 'archive.yml': 'defaultFandom: Smallville\n' }))
    const parse = (text: string, path: string) => parseStoryFile(utf8(text), path, options).record.fandoms
    expect(parse('Fandom: Supernatural\n\nText.', 'Smallville/a.txt')).toEqual(['Supernatural'])
    expect(parse('Text.', 'Lois_and_Clark/a.txt')).toEqual(['Lois and Clark'])
    expect(parse('Text.', 'a.txt')).toEqual(['Smallville'])
    expect(parseStoryFile(utf8('Text.'), 'a.txt').record.fandoms).toEqual([])
  })
})
