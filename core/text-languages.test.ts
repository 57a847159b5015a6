// Words in other languages and scripts: folding, stems per language, and text with no spaces between its words.
import { describe, expect, it } from 'vitest'
import { cjkMatches, cjkTerms, countWords, queryWords, stemOf, tokenize } from './text'

describe('Chinese and Japanese text', () => {
  it('indexes a run as its characters and overlapping pairs, and leaves other words whole', () => {
    expect(tokenize('黑猫跟着他')).toEqual(['黑', '猫', '跟', '着', '他', '黑猫', '猫跟', '跟着', '着他'])
    expect(tokenize('Tokyo東京')).toEqual(['tokyo', '東', '京', '東京'])
  })

  it('queries a word by its pairs, and a one-character word by itself', () => {
    expect(queryWords('黑暗的塔')).toEqual(['黑暗', '暗的', '的塔'])
    expect(queryWords('猫')).toEqual(['猫'])
    expect(queryWords('静かに lighthouse')).toEqual(['静か', 'かに', 'lighthouse'])
    expect(cjkTerms('タワー', false)).toEqual(['タワ', 'ワー'])
  })

  it('finds the wanted pairs in a word as one span each run of them', () => {
    expect(cjkMatches('彼女は静かに扉を', (term) => ['静か', 'かに'].includes(term))).toEqual([[3, 6]])
    expect(cjkMatches('黑猫和白猫', (term) => term === '猫')).toEqual([[1, 2], [4, 5]])
    // Half-width kana fold to full width: matched after folding, marked where they are written.
    expect(cjkMatches('ｶﾀｶﾅ', (term) => term === 'カタ')).toEqual([[0, 2]])
  })

  it('counts each Chinese or Japanese character as a word, as AO3 does', () => {
    expect(countWords('灯塔已经黑了一年。')).toBe(8)
    expect(countWords('The 灯塔 stood.')).toBe(4)
  })
})

describe('stems in the story’s language', () => {
  it.each([
    ['Spanish', 'apagaron', 'apagar'],
    ['French', 'phares', 'phare'],
    ['German', 'leuchttürme', 'leuchtturm'],
    ['Portuguese', 'apagaram', 'apagar'],
    ['Italian', 'spente', 'spento'],
    ['Russian', 'маяки', 'маяк'],
  ])('gives %s words of one family one stem (%s, %s)', (language, a, b) => {
    const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    expect(stemOf(fold(a), language) ?? fold(a)).toBe(stemOf(fold(b), language) ?? fold(b))
  })

  it('stems English, and any language without a stemmer of its own, with Porter', () => {
    expect(stemOf('hugging')).toBe('hug')
    expect(stemOf('hugging', 'Welsh')).toBe('hug')
    expect(stemOf('apagaron')).toBeNull()
  })
})
