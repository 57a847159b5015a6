// Tests for the relevance metrics, each case computed by hand.
import { describe, expect, it } from 'vitest'
import { dcg, gain, meanScores, ndcg, recall, reciprocalRank, scoreRanking } from './metrics'

// a: 3, b: 2, c: 1; anything else is grade 0.
const judged = { a: 3, b: 2, c: 1 }
const log2of3 = Math.log2(3)

describe('gain and dcg', () => {
  it('gives 2^grade − 1 for each grade', () => {
    expect([0, 1, 2, 3].map(gain)).toEqual([0, 1, 3, 7])
  })

  it('discounts each rank by log2(rank + 1)', () => {
    // 7/log2(2) + 0/log2(3) + 3/log2(4) = 7 + 0 + 1.5
    expect(dcg([3, 0, 2])).toBeCloseTo(8.5, 12)
  })

  it('ignores grades past the cut-off', () => {
    expect(dcg([3, 3], 1)).toBe(7)
    expect(dcg([], 10)).toBe(0)
  })
})

describe('ndcg', () => {
  it('is 1 for the ideal order', () => {
    expect(ndcg(['a', 'b', 'c'], judged)).toBeCloseTo(1, 12)
  })

  it('divides by the DCG of the judged grades sorted best first', () => {
    // DCG (1, 3, 7) = 1 + 3/log2(3) + 7/2; ideal (7, 3, 1) = 7 + 3/log2(3) + 1/2
    const expected = (1 + 3 / log2of3 + 3.5) / (7 + 3 / log2of3 + 0.5)
    expect(expected).toBeCloseTo(0.680606, 6)
    expect(ndcg(['c', 'b', 'a'], judged)).toBeCloseTo(expected, 12)
  })

  it('counts unjudged documents as grade 0', () => {
    // a at rank 2: 7/log2(3) over the ideal 7
    expect(ndcg(['x', 'a'], { a: 3 })).toBeCloseTo(1 / log2of3, 12)
    expect(ndcg(['x', 'a'], { a: 3 })).toBeCloseTo(0.63093, 5)
  })

  it('gives nothing for a relevant document below rank k', () => {
    const ranking = [...Array.from({ length: 10 }, (_, i) => `x${i}`), 'a']
    expect(ndcg(ranking, { a: 3 })).toBe(0)
    expect(ndcg(ranking, { a: 3 }, 11)).toBeGreaterThan(0)
  })

  it('credits a repeated id only once', () => {
    // b then b again: 3 + 0 over the ideal 3
    expect(ndcg(['b', 'b'], { b: 2, d: 2 })).toBeCloseTo(3 / (3 + 3 / log2of3), 12)
  })

  it('is 0 for an empty ranking or judgments with no positive grade', () => {
    expect(ndcg([], judged)).toBe(0)
    expect(ndcg(['a'], { a: 0 })).toBe(0)
  })

  it('caps the ideal ranking at k documents too', () => {
    // 12 grade-3 documents, two found at ranks 1 and 2: (7 + 7/log2(3)) over the ideal ten 7s
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`d${i}`, 3]))
    const ideal = Array.from({ length: 10 }, (_, i) => 7 / Math.log2(i + 2)).reduce((s, x) => s + x, 0)
    expect(ndcg(['d0', 'd1'], many)).toBeCloseTo((7 + 7 / log2of3) / ideal, 12)
  })
})

describe('reciprocalRank', () => {
  it('is 1/rank of the first document graded 2 or more', () => {
    expect(reciprocalRank(['x', 'b', 'a'], judged)).toBe(0.5)
    expect(reciprocalRank(['a'], judged)).toBe(1)
  })

  it('does not count a grade-1 document as relevant', () => {
    expect(reciprocalRank(['c', 'x', 'y', 'b'], judged)).toBe(0.25)
    expect(reciprocalRank(['c'], judged)).toBe(0)
  })

  it('is 0 when the first relevant document is below rank k', () => {
    const ranking = [...Array.from({ length: 10 }, (_, i) => `x${i}`), 'a']
    expect(reciprocalRank(ranking, judged)).toBe(0)
  })
})

describe('recall', () => {
  it('is the share of grade-2+ documents found in the top k', () => {
    expect(recall(['a', 'c', 'x'], judged)).toBe(0.5)
    expect(recall(['b', 'a'], judged)).toBe(1)
  })

  it('is 0 for an empty ranking and for judgments with nothing graded 2 or more', () => {
    expect(recall([], judged)).toBe(0)
    expect(recall(['c'], { c: 1 })).toBe(0)
  })

  it('counts only the first k results', () => {
    expect(recall(['a', 'b'], judged, 1)).toBe(0.5)
  })
})

describe('scoreRanking and meanScores', () => {
  it('scores one ranking on all three metrics', () => {
    const scores = scoreRanking(['x', 'b'], { b: 2 })
    expect(scores.ndcg).toBeCloseTo(1 / log2of3, 12)
    expect(scores).toMatchObject({ mrr: 0.5, recall: 1 })
  })

  it('averages each metric over queries', () => {
    expect(meanScores([{ ndcg: 1, mrr: 1, recall: 1 }, { ndcg: 0, mrr: 0.5, recall: 0 }])).toEqual({ ndcg: 0.5, mrr: 0.75, recall: 0.5 })
    expect(meanScores([])).toEqual({ ndcg: 0, mrr: 0, recall: 0 })
  })
})
