import { describe, expect, it } from 'vitest'
import { eachByPack } from './by-pack'

describe('eachByPack', () => {
  // Stories 0-9 in packs of four (a, b, c); story 10 is read from no pack.
  const index = { textPiece: (shortId: number) => (shortId < 10 ? { name: 'abc'[Math.floor(shortId / 4)]!, bytes: 1024 } : null) }

  it('answers in the order asked, one story of a pack at a time, packs at once', async () => {
    const running = new Map<string, number>()
    let widest = 0
    let packsAtOnce = 0
    const answers = await eachByPack(index, [9, 0, 5, 1, 10, 4, 8], async (shortId) => {
      const pack = index.textPiece(shortId)?.name ?? `none-${shortId}`
      running.set(pack, (running.get(pack) ?? 0) + 1)
      widest = Math.max(widest, running.get(pack)!)
      packsAtOnce = Math.max(packsAtOnce, [...running.values()].filter((n) => n > 0).length)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running.set(pack, running.get(pack)! - 1)
      return shortId * 10
    })
    expect(answers).toEqual([90, 0, 50, 10, 100, 40, 80])
    expect(widest).toBe(1)
    // Packs a, b, c and the story without one, all at once.
    expect(packsAtOnce).toBe(4)
  })
})
