import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoryRecord } from './story-record'
import { phraseWord, queryWords } from './text'
import { StoryTriples, encodeStoryTriples, tripleHashes } from './word-triples'

const story = (body: string, extra: Partial<StoryRecord> = {}) =>
  ({ title: '', authors: [], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '', body, ...extra }) as StoryRecord
const runs = (phrase: string) => tripleHashes(queryWords(phrase).map(phraseWord))
const has = (record: StoryRecord, phrase: string) => {
  const triples = new StoryTriples(encodeStoryTriples(record))
  return runs(phrase).every((hash) => triples.has(hash))
}

describe('a story\'s runs of three words', () => {
  it('are its words three in a row, folded, a possessive dropped, in any case and across punctuation', () => {
    expect(has(story('He said, "Sort of, MAN!" and left.'), 'sort of man')).toBe(true)
    expect(has(story('It was Mr. Knightley’s letter.'), 'mr knightley letter')).toBe(true)
    expect(has(story('She lived in Zürich once.'), 'lived in zurich')).toBe(true)
    expect(has(story('a man of sort'), 'sort of man')).toBe(false)
  })

  it('never span two fields or two items of a list', () => {
    expect(has(story('man walked in', { title: 'The Sort of' }), 'sort of man')).toBe(false)
    expect(has(story('', { characters: ['Harry Potter', 'Ron Weasley'] }), 'harry potter ron')).toBe(false)
    expect(has(story('', { characters: ['Dr. Rosalind Achebe'] }), 'dr rosalind achebe')).toBe(true)
  })

  it('are sorted hashes, four bytes each, found by a binary search', () => {
    const bytes = encodeStoryTriples(story('one two three four five six'))
    expect(bytes.length).toBe(4 * 4)
    const hashes = Array.from({ length: 4 }, (_, i) => new DataView(bytes.buffer).getUint32(i * 4))
    expect(hashes).toEqual([...hashes].sort((a, b) => a - b))
    expect(() => new StoryTriples(bytes.subarray(1))).toThrow(/whole number/)
  })

  it('hold every run of every text, whatever the words (no phrase of a story is ruled out)', () => {
    const word = fc.constantFrom('sort', 'of', 'man', "man's", 'Man’s', 'the', 'well-known', 'he’d', 'Zürich', '2nd', 'ſo', '中文', 'x')
    const separator = fc.constantFrom(' ', ', ', '\n\n', '—', ' “', '-', '/')
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { minLength: 3, maxLength: 30 }), fc.nat(), (parts, at) => {
        const body = parts.map(([w, s]) => w + s).join('')
        const words = queryWords(body).map(phraseWord)
        fc.pre(words.length >= 3)
        const start = at % (words.length - 2)
        expect(has(story(body), words.slice(start, start + 3).join(' '))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
