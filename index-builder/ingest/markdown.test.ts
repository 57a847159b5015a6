import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { fixtureBytes, utf8 } from '../../test/builder/ingest/_fixtures'

const aliases = { Clex: 'Clark Kent/Lex Luthor', Martha: 'Martha Kent', Lex: 'Lex Luthor', Clark: 'Clark Kent' }

describe('Markdown with YAML front matter', () => {
  const { record, problems } = parseStoryFile(fixtureBytes('front-matter.md'), 'front-matter.md', { aliases })

  it('reads the front matter through the label synonyms', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      format: 'markdown',
      title: 'Salt & Iron',
      authors: ['mossgreen', 'Ferris Wheel'],
      rating: 'Teen',
      fandoms: ['Smallville'],
      relationships: ['Clark Kent/Lex Luthor'],
      characters: ['Martha Kent', 'Jonathan Kent', 'Clark Kent', 'Lex Luthor'],
      tags: ['angst', 'farm life'],
      warnings: [],
      summary: 'A bad harvest, a worse winter.',
      series: { title: 'Seasons', part: 2 },
      date: '2004-11-03',
      complete: false,
      wordsDeclared: 250,
    })
    expect(record.raw).toMatchObject({ relationships: 'Clex', rating: 'PG-13' })
  })

  it('reduces the Markdown to plain paragraphs and drops the title heading', () => {
    expect(record.body).toBe(
      'The frost came early that year, and hard.\n\nLex drove out to the farm with a thermos of coffee and no good reason.\n\n***\n\nMartha met him on the porch.',
    )
    expect(record.notes).toBe('A/N: More soon, I promise.')
  })

  it('lets the front matter win over a Label: line in the text', () => {
    const text = '---\ntitle: From Front Matter\n---\nTitle: From Text\nRating: R\n\nStory.'
    const { record } = parseStoryFile(utf8(text), 'a.md')
    expect(record.title).toBe('From Front Matter')
    expect(record.rating).toBe('Mature')
    expect(record.body).toBe('Story.')
  })

  it('takes the first # heading as the title when there is no front matter', () => {
    const { record } = parseStoryFile(utf8('# Winter Wheat\n\nThe *first* snow.\n\n## Part Two\n\nThe second.'), 'a.md')
    expect(record.title).toBe('Winter Wheat')
    expect(record.body).toBe('The first snow.\n\nPart Two\n\nThe second.')
  })

  it('reports malformed front matter and still reads its lines as headers', () => {
    const { record, problems } = parseStoryFile(utf8('---\ntitle: Broken: [yes\nrating: NC-17\nauthor: A\n---\nStory text.'), 'broken.md')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'broken.md', severity: 'warning', action: 'read its lines as "Label: value" headers' })
    expect(problems[0]!.problem).toMatch(/^front matter is not valid YAML/)
    expect(record.rating).toBe('Explicit')
    expect(record.body).toBe('Story text.')
  })
})
