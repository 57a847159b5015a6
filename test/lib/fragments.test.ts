// The fragment cache keeps loaded stories, never a load in progress: in Workers, a promise started by one request and
// awaited by another cannot settle for the second (the runtime cancels it as hung; seen as 500s under concurrent load
// in wrangler dev). So two overlapping loads of one story each fetch it; a load that has finished is reused.
import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../worker/lib/index-contract'
import { loadStory } from '../../worker/lib/fragments'

function assets(delayMs: number) {
  const requested: string[] = []
  const binding = {
    async fetch(request: Request) {
      const id = decodeURIComponent(new URL(request.url).pathname.split('/').pop()!.replace(/\.json$/, ''))
      requested.push(id)
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      return Response.json({ schemaVersion: SCHEMA_VERSION, story: { id, title: id, body: 'text' } })
    },
  }
  return { binding: binding as unknown as Fetcher, requested }
}

describe('loadStory', () => {
  it('fetches a story again for a second load that overlaps the first, rather than sharing the first one’s promise', async () => {
    const { binding, requested } = assets(20)
    const [first, second] = await Promise.all([loadStory(binding, 'overlap-a'), loadStory(binding, 'overlap-a')])
    expect(first?.id).toBe('overlap-a')
    expect(second?.id).toBe('overlap-a')
    expect(requested).toEqual(['overlap-a', 'overlap-a'])
  })

  it('reuses a story once it has loaded', async () => {
    const { binding, requested } = assets(0)
    await loadStory(binding, 'reused-b')
    expect((await loadStory(binding, 'reused-b'))?.id).toBe('reused-b')
    expect(requested).toEqual(['reused-b'])
  })
})
