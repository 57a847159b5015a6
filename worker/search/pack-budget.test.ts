import { describe, expect, it } from 'vitest'
import { PackBudget, readableWithin } from './pack-budget'

// Stories 0-9 in packs of two: pack n holds stories 2n and 2n + 1 and is (n + 1) MiB; story 10 is read from no pack.
const MiB = 1024 * 1024
const index = { textPiece: (shortId: number) => (shortId < 10 ? { name: `pack-${shortId >> 1}`, bytes: ((shortId >> 1) + 1) * MiB } : null) }

describe('PackBudget', () => {
  it('admits stories until their packs would pass the bytes, a pack already counted for free', () => {
    const budget = new PackBudget(index, { packs: 100, bytes: 6 * MiB })
    // Packs 0, 1, 2 (1 + 2 + 3 MiB); pack 3 would pass 6 MiB; story 5 is in pack 2, counted already.
    expect([0, 1, 2, 3, 4, 6, 5].map((shortId) => budget.admits(shortId))).toEqual([true, true, true, true, true, false, true])
    expect(budget.holds(5)).toBe(true)
    expect(budget.holds(7)).toBe(false)
  })

  it('admits stories until their packs would pass the count', () => {
    const budget = new PackBudget(index, { packs: 2, bytes: 100 * MiB })
    expect(budget.admitted([0, 2, 3, 4, 1])).toBe(3)
  })

  it('admits a first pack larger than the bytes, and a story read from no pack always', () => {
    const budget = new PackBudget(index, { packs: 10, bytes: MiB / 2 })
    expect(budget.admits(9)).toBe(true)
    expect(budget.admits(0)).toBe(false)
    expect(budget.admits(10)).toBe(true)
    expect(budget.admits(8)).toBe(true)
  })

  it('admits no pack after one it refused, even one that would fit: what is read is a prefix of what was asked', () => {
    const budget = new PackBudget(index, { packs: 10, bytes: 4 * MiB })
    // Pack 2 (3 MiB), then pack 1 (2 MiB) is refused; pack 0 (1 MiB) would fit, and is refused too.
    expect([4, 2, 0].map((shortId) => budget.admits(shortId))).toEqual([true, false, false])
    expect(budget.admits(5)).toBe(true)
  })

  it('says which of a list one response may read, with a budget of its own', () => {
    expect(readableWithin(index, [0, 2, 1, 4, 10], { packs: 2, bytes: 100 * MiB })).toEqual([true, true, true, false, true])
  })
})
