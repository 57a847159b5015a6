// Marks laid over text as separate runs, so a page shows highlights without ever writing HTML from a story.
import { describe, expect, it } from 'vitest'
import { splitHighlights } from './highlight'

describe('splitHighlights', () => {
  it.each([
    ['no highlights', 'abc', [], [{ text: 'abc', marked: false }]],
    ['one in the middle', 'a bc d', [[2, 4]], [{ text: 'a ', marked: false }, { text: 'bc', marked: true }, { text: ' d', marked: false }]],
    ['unsorted ranges', 'abcdef', [[4, 5], [0, 1]], [{ text: 'a', marked: true }, { text: 'bcd', marked: false }, { text: 'e', marked: true }, { text: 'f', marked: false }]],
    ['overlapping ranges', 'abcdef', [[0, 3], [2, 5]], [{ text: 'abc', marked: true }, { text: 'de', marked: true }, { text: 'f', marked: false }]],
    ['out-of-range offsets', 'abc', [[-5, 1], [2, 99]], [{ text: 'a', marked: true }, { text: 'b', marked: false }, { text: 'c', marked: true }]],
    ['empty ranges', 'abc', [[1, 1], [2, 1]], [{ text: 'abc', marked: false }]],
  ] as const)('handles %s', (_name, text, highlights, expected) => {
    expect(splitHighlights(text, highlights)).toEqual(expected)
  })

  it('never loses or duplicates text', () => {
    const text = 'The quick brown fox'
    const pieces = splitHighlights(text, [[4, 9], [3, 12], [16, 30], [0, 2]])
    expect(pieces.map((p) => p.text).join('')).toBe(text)
  })
})
