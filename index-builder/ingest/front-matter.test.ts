import { describe, expect, it } from 'vitest'
import { readFrontMatter } from './front-matter'
import { parseStoryFile } from './index'
import { fixtureBytes, utf8 } from '../../test/builder/ingest/_fixtures'

describe('front matter on any format', () => {
  it('reads TOML (+++), tags that carry a field in a prefix, and Markdown footnotes as notes', () => {
    const { record, problems } = parseStoryFile(fixtureBytes('toml-front-matter.md'), 'toml-front-matter.md')
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'Tidewater',
      authors: ['Marisol Reyes'],
      rating: 'Teen',
      fandoms: ['Smallville'],
      // "p:chloe/lois": first names resolved through the story's own characters field.
      relationships: ['Chloe Sullivan/Lois Lane'],
      characters: ['Chloe Sullivan', 'Lois Lane', 'Lana Lang'],
      series: { title: 'Coastline', part: null },
      tags: ['Drama', 'lighthouses'],
      // The date as written, in the offset it was written in.
      date: '2022-06-28T23:31',
    })
    expect(record.body).toBe('The lighthouse had been dark for a year.\n\nChloe climbed it anyway.')
    expect(record.notes).toBe('The one on the point, not the harbour light. It was decommissioned in 1998.')
  })

  it('reads YAML front matter on an HTML file: template keys, HTML in values, comments, published date over updated', () => {
    const { record, problems } = parseStoryFile(fixtureBytes('yaml-front-matter.html'), 'yaml-front-matter.html')
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      format: 'html',
      title: 'The Quiet Room',
      authors: ['Wren Hollis'],
      rating: 'General',
      fandoms: ['Smallville'],
      relationships: ['Chloe Sullivan & Lois Lane'],
      warnings: [],
      summary: 'Two cousins, one very small apartment.',
      date: '2023-01-05',
      updated: '2023-02-10',
      complete: false,
      wordsDeclared: 1500,
    })
    expect(record.notes).toBe('Thanks to my beta.\n\nMore soon.')
    expect(record.body).toBe('The apartment had one window and two opinions about it.\n\nLois wanted it open.')
  })

  it('reads a value YAML parsers disagree on the way site generators (js-yaml) do', () => {
    // A quoted value running onto unindented lines: 11ty and gray-matter accept it, strict parsers do not.
    const text = '---\ntitle: "Two\nlines"\nrating: T\n---\nStory.'
    expect(readFrontMatter(text)).toMatchObject({ error: null, rest: 'Story.' })
    expect(parseStoryFile(utf8(text), 'a.md').record).toMatchObject({ title: 'Two lines', rating: 'Teen' })
  })

  it('reports front matter it cannot parse and still reads its lines as headers', () => {
    const { record, problems } = parseStoryFile(utf8('+++\ntitle = "Unclosed\nAuthor: Someone\n+++\nStory.'), 'a.txt')
    expect(problems).toEqual([expect.objectContaining({ problem: expect.stringMatching(/^front matter is not valid TOML: /) })])
    expect(record.authors).toEqual(['Someone'])
    expect(record.body).toBe('Story.')
  })

  it('is only front matter at the very top', () => {
    expect(readFrontMatter('Story.\n---\ntitle: x\n---')).toBeNull()
  })
})
