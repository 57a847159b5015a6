import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { fixtureBytes, utf8 } from './_fixtures'

describe('bad files', () => {
  it('reports an empty file, which is not a story', () => {
    const { problems, isStory } = parseStoryFile(fixtureBytes('empty.txt'), 'Smallville/empty-story.txt')
    expect(problems).toEqual([{ file: 'Smallville/empty-story.txt', problem: 'file is empty', action: 'not served as a story', severity: 'warning' }])
    expect(isStory).toBe(false)
  })

  it('treats a file of only blank lines as empty', () => {
    expect(parseStoryFile(utf8('\n\n   \n'), 'blank.txt').problems.map((p) => p.problem)).toEqual(['file is empty'])
  })

  it('reports a binary file, which is not a story', () => {
    const { problems, isStory } = parseStoryFile(fixtureBytes('binary.txt'), 'cover_art.txt')
    expect(problems).toEqual([
      { file: 'cover_art.txt', problem: 'file is not text (it looks like a binary file)', action: 'not served as a story', severity: 'warning' },
    ])
    expect(isStory).toBe(false)
  })

  it('reports a file with NUL bytes as binary', () => {
    const bytes = Uint8Array.from([...utf8('Title: X\n\nStory'), 0, 0, 0, ...utf8(' more')])
    expect(parseStoryFile(bytes, 'x.txt').problems[0]!.problem).toBe('file is not text (it looks like a binary file)')
  })

  it('truncates a huge file at a paragraph break, with a warning', () => {
    const paragraph = 'Clark ran across the fields as fast as he could, and then faster still. '.repeat(10)
    const text = `Title: Endless\nAuthor: A\n\n${Array.from({ length: 2000 }, (_, i) => `${i}. ${paragraph}`).join('\n\n')}`
    const bytes = utf8(text)
    const maxBytes = 64 * 1024
    const { record, problems } = parseStoryFile(bytes, 'endless.txt', { maxBytes })
    expect(problems).toEqual([
      {
        file: 'endless.txt',
        problem: `file is ${Math.round(bytes.length / 1024 / 102.4) / 10} MB, over the 64 KB limit`,
        action: 'indexed only the text before the limit, cut at a paragraph break',
        severity: 'warning',
      },
    ])
    expect(record.title).toBe('Endless')
    expect(utf8(record.body).length).toBeLessThanOrEqual(maxBytes)
    expect(record.body.endsWith('faster still.')).toBe(true)
    expect(record.body.split('\n\n').every((p) => p.endsWith('faster still.'))).toBe(true)
  })

  it('uses the 5 MB default limit', () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 10).fill(0x61)
    bytes.set(utf8('Title: Big\nAuthor: A\n\n'), 0)
    const { problems } = parseStoryFile(bytes, 'big.txt')
    expect(problems.map((p) => p.problem)).toEqual(['file is 5 MB, over the 5 MB limit'])
  })

  it('never cuts a UTF-8 character in half when truncating', () => {
    const bytes = utf8(`Title: Accents\n\n${'é'.repeat(5000)}`)
    const { record, problems } = parseStoryFile(bytes, 'a.txt', { maxBytes: 4001 })
    expect(record.body).not.toContain('\uFFFD')
    expect(problems.map((p) => p.problem)).not.toContain('file is not valid UTF-8')
  })

  it.each([
    ['a line of ten thousand colons', ':'.repeat(10000)],
    ['a line of spaces ending in a letter', `${' '.repeat(50000)}x`],
    ['a pairing field of spaces', `Pairing: ${' '.repeat(1500)}and${' '.repeat(1500)}x`],
    ['a long run of asterisks', `Title: A\n\n${'*'.repeat(100000)}y`],
    ['a long run of dashes and stars', `${'-*'.repeat(50000)}\n\nText`],
    ['many nested parentheses', `Rating: ${'('.repeat(1500)}`],
    ['a huge single line', 'word '.repeat(200000)],
  ])('parses hostile input (%s) into a titled record and says what it lacks', (_, text) => {
    // How fast is test/lib/regex-backtracking.test.ts's to say: CPU growth on such runs, not a clock bound here.
    for (const name of ['hostile.md', 'hostile.txt']) {
      const { record, problems } = parseStoryFile(utf8(text), name)
      expect(record.title).not.toBe('')
      expect(problems.map((p) => p.problem)).toContain('no author in the file')
    }
  })
})
