// Damaged pieces of the index (test/worker/global-setup.ts breaks them after the build): a broken term page costs the
// queries that need it their words, with a warning; a broken text pack costs its story its summary and snippet. The
// isolate keeps serving everything else.
import DIRECTORY_TEXT from 'story-search:index'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseIndexDirectory } from '../../core/index-contract'
import { get, q, search, type SearchBody } from './_api'

// Same ids as test/worker/global-setup.ts (it runs in Node, so it is not imported here).
const CORRUPT_TEXT_ID = 'fixtures--faults--corrupt-text'
const MISSING_TEXT_ID = 'fixtures--faults--missing-text'

const pages = parseIndexDirectory(DIRECTORY_TEXT).termPages.first
/** A word of the page that was removed, cut short, or had a bit flipped, and of a healthy page of the same made-up words. */
const MISSING_PAGE_WORD = pages.at(-1)!
const CORRUPT_PAGE_WORD = pages.at(-2)!
const FLIPPED_PAGE_WORD = pages.at(-3)!
const HEALTHY_PAGE_WORD = pages.at(-4)!

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a term page that is missing or corrupt', () => {
  it.each([
    ['missing', MISSING_PAGE_WORD],
    ['cut short', CORRUPT_PAGE_WORD],
    ['flipped', FLIPPED_PAGE_WORD],
  ])('answers a search that needs the %s page with a 200 marked partial, a warning naming the piece, and nothing cached', async (_what, word) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Quoted: the exact word only. Finding nothing, the search looks for a correction among the word's neighbours,
    // whose pages may be the other damaged ones: a warning for each page that cannot be read.
    const response = await get(`/api/search?${q(`"${word}"`)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as SearchBody & { partial: boolean; warnings: string[] }
    expect(body.partial).toBe(true)
    expect(body.warnings.length).toBeGreaterThanOrEqual(1)
    for (const warning of body.warnings) expect(warning).toMatch(/part of the index \(the words from ".+", piece terms-[0-9a-f]+\.bin\) could not be read/)
    expect(body.total).toBe(0)
    expect(warn).toHaveBeenCalled()
  })

  it('still finds the words of a healthy page, and the rest of the archive, without a warning', async () => {
    // Quoted, so no typo-tolerant neighbour on a damaged page is looked up.
    const healthy = (await search(q(`"${HEALTHY_PAGE_WORD}"`))) as SearchBody & { partial: boolean; warnings: string[] }
    expect(healthy.hits.map((hit) => hit.id)).toEqual(['fixtures--faults--last-pages'])
    expect(healthy.partial).toBe(false)
    expect(healthy.warnings).toEqual([])
    const clark = (await search(q('clark'))) as SearchBody & { partial: boolean }
    expect(clark.total).toBeGreaterThan(0)
    expect(clark.partial).toBe(false)
  })

  it('keeps the rest of a query: an OR with a word on a healthy page still finds that word', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const body = (await search(q(`${MISSING_PAGE_WORD} OR ${HEALTHY_PAGE_WORD}`))) as SearchBody & { partial: boolean }
    expect(body.hits.map((hit) => hit.id)).toEqual(['fixtures--faults--last-pages'])
    expect(body.partial).toBe(true)
  })
})

describe('a story whose text pack is corrupt or missing', () => {
  it('keeps both hits in a 200 search answer, without summary or snippet, and logs a warning for each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const response = await get('/api/search?q=quillbright&limit=20')
    expect(response.status).toBe(200)
    const body = (await response.json()) as SearchBody & { hits: { summary: string }[] }
    const ids = body.hits.map((hit) => hit.id).sort()
    expect(ids).toEqual([CORRUPT_TEXT_ID, MISSING_TEXT_ID])
    for (const hit of body.hits) {
      expect(hit.snippet).toBeNull()
      expect(hit.summary).toBe('')
      // What the story table holds is still there.
      expect(hit.title.length).toBeGreaterThan(0)
      expect(hit.characters.length).toBe(1)
    }
    const logged = warn.mock.calls.map((args) => args.join(' ')).join('\n')
    for (const id of [CORRUPT_TEXT_ID, MISSING_TEXT_ID]) expect(logged).toMatch(new RegExp(`the text of "${id}" \\(piece text-[0-9a-f]+\\.bin\\) could not be read`))
  })

  it('still gives a healthy story in the same answer its snippet', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Filtered to Smallville, where the two broken stories sit beside healthy ones.
    const body = await search('q=quillbright+OR+meteor&fandom=Smallville&limit=50')
    const healthy = body.hits.find((hit) => hit.id === 'fixtures--smallville--meteor-shower')
    expect(healthy?.snippet?.text).toMatch(/meteor/i)
    const broken = body.hits.filter((hit) => hit.id === CORRUPT_TEXT_ID || hit.id === MISSING_TEXT_ID)
    expect(broken.map((hit) => hit.snippet)).toEqual([null, null])
  })

  it('leaves a story whose text cannot be checked out of a phrase search, and says so', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Phrases of three words: the index finds the stories with their pairs, the text must say whether they stand in a row.
    const body = (await search(q('"the quillbright lantern" OR "the quillbright fog"'))) as SearchBody & { partial: boolean; warnings: string[] }
    expect(body.hits.map((hit) => hit.id)).toEqual([])
    expect(body.partial).toBe(true)
    expect(body.warnings.filter((warning) => /text could not be read to check the phrase/.test(warning))).toHaveLength(2)
  })

  it.each([CORRUPT_TEXT_ID, MISSING_TEXT_ID])('answers /api/stories/%s with a JSON 500, not a hang or a stack trace', async (id) => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const response = await get(`/api/stories/${id}`)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('internal_error')
    expect(body.error.message).not.toMatch(/SyntaxError|at .*\.ts/)
  })

  it('keeps serving healthy stories after a broken one failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await (await get(`/api/stories/${CORRUPT_TEXT_ID}`)).arrayBuffer()
    const response = await get('/api/stories/fixtures--smallville--meteor-shower')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { title: string }).title).toBe('Meteor Shower')
  })
})
