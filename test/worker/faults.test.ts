// A broken fragment (truncated JSON, or missing from the assets) costs its own story, never the whole answer.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { get, type SearchBody } from './_api'

// Same ids as test/worker/global-setup.ts, which damages these two fragments after building (it runs in Node, so not imported here).
const CORRUPT_FRAGMENT_ID = 'fixtures--faults--corrupt-fragment'
const MISSING_FRAGMENT_ID = 'fixtures--faults--missing-fragment'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a story whose fragment is corrupt or missing', () => {
  it('keeps both hits in a 200 search answer, without snippets, and logs a warning for each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const response = await get('/api/search?q=quillbright&limit=20')
    expect(response.status).toBe(200)
    const body = (await response.json()) as SearchBody
    const ids = body.hits.map((hit) => hit.id).sort()
    expect(ids).toEqual([CORRUPT_FRAGMENT_ID, MISSING_FRAGMENT_ID])
    for (const hit of body.hits) {
      expect(hit.snippet).toBeNull()
      expect(hit.title.length).toBeGreaterThan(0)
    }
    const logged = warn.mock.calls.map((args) => args.join(' ')).join('\n')
    expect(logged).toContain(CORRUPT_FRAGMENT_ID)
    expect(logged).toContain(MISSING_FRAGMENT_ID)
  })

  it('still gives a healthy story in the same answer its snippet', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Filtered to Smallville, where the two broken stories sit beside healthy ones.
    const response = await get('/api/search?q=quillbright+OR+meteor&fandom=Smallville&limit=50')
    expect(response.status).toBe(200)
    const body = (await response.json()) as SearchBody
    const healthy = body.hits.find((hit) => hit.id === 'fixtures--smallville--meteor-shower')
    expect(healthy?.snippet?.text).toMatch(/meteor/i)
    const broken = body.hits.filter((hit) => hit.id === CORRUPT_FRAGMENT_ID || hit.id === MISSING_FRAGMENT_ID)
    expect(broken.map((hit) => hit.snippet)).toEqual([null, null])
  })

  it('answers /api/stories/<id> for the corrupt fragment with a JSON 500, not a hang or a stack trace', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await get(`/api/stories/${CORRUPT_FRAGMENT_ID}`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('internal_error')
    expect(body.error.message).not.toMatch(/SyntaxError|at .*\.ts/)
  })

  it('answers /api/stories/<id> for the missing fragment with a JSON 404', async () => {
    const response = await get(`/api/stories/${MISSING_FRAGMENT_ID}`)
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('keeps serving healthy stories after a corrupt one failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await (await get(`/api/stories/${CORRUPT_FRAGMENT_ID}`)).arrayBuffer()
    const response = await get('/api/stories/fixtures--smallville--meteor-shower')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { title: string }).title).toBe('Meteor Shower')
  })
})
