// The one definition of a word: tokens, folding, stems, pairs and counts, as the index and the queries both use them.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasShared, SHARED_DIR } from '../test/_helpers'
import { countWords, foldForMatching, mayFoldBeyondAscii, stemOf, stemStart, tokenize } from './text'

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

describe('stemStart', () => {
  it('keeps a Porter stem whole where no word with it can begin otherwise, and drops the letter it may have changed', () => {
    expect(stemStart('bed')).toBe('bed')
    expect(stemStart('step')).toBe('step')
    expect(stemStart('hope')).toBe('hop')
    expect(stemStart('happi')).toBe('happ')
    expect(stemStart('probabl')).toBe('probab')
    // Another language's stemmer: its stems are taken to change their last letter.
    expect(stemStart('cancion', 'Spanish')).toBe('cancio')
  })

  const CORPUS = hasShared('corpora/fiction', 'stem starts checked against every word of the fiction corpus')
  it.runIf(CORPUS)('is how every word of the fiction corpus with that stem begins', () => {
    const dir = join(SHARED_DIR, 'corpora', 'fiction')
    const words = new Set<string>()
    for (const file of readdirSync(dir)) for (const [word] of readFileSync(join(dir, file), 'utf8').toLowerCase().matchAll(/[a-z]+/g)) words.add(word)
    expect(words.size).toBeGreaterThan(10_000)
    const misses = [...words].filter((word) => {
      const stem = stemOf(word)
      return stem !== null && !word.startsWith(stemStart(stem))
    })
    expect(misses).toEqual([])
  })
})
