// The one definition of a word: tokens, folding, stems, pairs and counts, as the index and the queries both use them.
import { describe, expect, it } from 'vitest'
import { countWords, foldForMatching, mayFoldBeyondAscii, tokenize } from './text'

describe('foldForMatching', () => {
  it.each([
    ['Zürich', 'zurich'],
    ['he’d', "he'd"],
    ['“Quoted”', '"quoted"'],
    ['Façade', 'facade'],
    ['em—dash', 'em dash'],
    ['non‐breaking‐hyphen', 'non-breaking-hyphen'],
  ])('folds %s to %s', (input, output) => {
    expect(foldForMatching(input)).toBe(output)
  })
})

describe('mayFoldBeyondAscii', () => {
  it.each([
    ['plain ASCII words', false],
    ['“quoted” — he’d… ‘gone’', false],
    ['Zürich', true],
    ['ﬁne ligature', true],
    ['灯塔', true],
  ])('%s: %s', (text, folds) => {
    expect(mayFoldBeyondAscii(text)).toBe(folds)
    // When it says no, folding changes no letter but its case: ASCII patterns see the letters folded words have.
    if (!folds) expect(foldForMatching(text).replace(/[^a-z]/g, '')).toBe(text.toLowerCase().replace(/[^a-z]/g, ''))
  })
})

describe('tokenize', () => {
  it('keeps joined words whole and adds their parts', () => {
    expect(tokenize('Clark/Lana, well-known he’d')).toEqual(['clark/lana', 'clark', 'lana', 'well-known', 'well', 'known', "he'd", 'he', 'd', 'hed'])
  })

  it('splits at dashes, which separate words rather than join them', () => {
    expect(tokenize('said Starbuck—a man')).toEqual(['said', 'starbuck', 'a', 'man'])
  })

  it('keeps numbers', () => {
    expect(tokenize('Part 5 of 12')).toEqual(['part', '5', 'of', '12'])
  })
})

describe('countWords', () => {
  it('counts contractions and hyphenated words once', () => {
    expect(countWords('He’d a well-known face — truly.')).toBe(5)
  })
})
