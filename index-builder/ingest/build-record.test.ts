import { describe, expect, it } from 'vitest'
import { quoted } from './build-record'
import { parseStoryFile } from './index'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('values quoted in build problems', () => {
  it('quotes a short value as written', () => {
    expect(quoted('Teen & Up')).toBe('"Teen & Up"')
  })

  it('puts a value written over several lines on one', () => {
    expect(quoted(' Mature,\n  sort of\t')).toBe('"Mature, sort of"')
  })

  it('cuts a long value short, without splitting a character', () => {
    const long = '😀'.repeat(100)
    const shown = quoted(long)
    expect(shown.endsWith('…"')).toBe(true)
    expect(Array.from(shown.slice(1, -1))).toHaveLength(80)
    expect(shown).not.toContain('\uFFFD')
    expect(shown.slice(1, -2)).toBe('😀'.repeat(79))
  })

  it('quotes the start of a mangled rating line, not all of it', () => {
    const { record, problems } = parseStoryFile(utf8(`Title: A\nAuthor: B\nRating: Spicy${' and more'.repeat(200)}\n\nStory.`), 'a.txt')
    expect(record.rating).toBe('Not Rated')
    const problem = problems.find((p) => p.problem.startsWith('rating '))!.problem
    expect(problem).toMatch(/^rating "Spicy and more and more.*…" is not one we know$/)
    expect(problem.length).toBeLessThan(120)
  })
})
