// The filters a reader keeps (wildcard exclusions, crossovers, the main pairing) and the freshness and shape filters,
// as API parameters: each checked against the stories' own metadata from the API, bad values answered 400.
import { describe, expect, it } from 'vitest'
import { allStories, get, ids, search, type Hit } from './_api'

type FullHit = Hit & { updated: string | null; complete: boolean | null; chapterCount: number; readingMinutes: number }

const stories = async () => (await allStories()) as FullHit[]
const sorted = (list: string[]) => [...list].sort()
const idsOf = async (query: string) => sorted(ids(await search(`${query}&limit=100`)))
const today = () => new Date().toISOString().slice(0, 10)

/** The ISO day `months` calendar months before today, counted here independently of the Worker. */
function monthsAgo(months: number): string {
  const now = new Date()
  const back = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
  const last = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), Math.min(now.getUTCDate(), last))).toISOString().slice(0, 10)
}

describe('standing filters as API parameters', () => {
  it('excludes tags by wildcard: -*mimes hides "Street Mimes" and nothing else', async () => {
    const all = await stories()
    const mimes = all.filter((hit) => hit.tags.some((tag) => tag.toLowerCase().endsWith('mimes')))
    expect(mimes.map((hit) => hit.title)).toContain('Two Skies')
    expect(await idsOf('tag=-*mimes')).toEqual(sorted(all.filter((hit) => !mimes.includes(hit)).map((hit) => hit.id)))
  })

  it.each([
    ['-* death*', /^.* death.*$/i],
    ['-graphic*', /^graphic/i],
  ])('excludes warnings by wildcard (%s), whatever their case', async (value, pattern) => {
    const all = await stories()
    const matching = all.filter((hit) => hit.warnings.some((warning) => pattern.test(warning)))
    expect(matching.length).toBeGreaterThan(0)
    expect(await idsOf(`warning=${encodeURIComponent(value)}`)).toEqual(sorted(all.filter((hit) => !matching.includes(hit)).map((hit) => hit.id)))
  })

  it('includes by wildcard: character=Clark* finds every story with a character named Clark something', async () => {
    const all = await stories()
    const clark = all.filter((hit) => hit.characters.some((name) => name.toLowerCase().startsWith('clark')))
    expect(clark.length).toBeGreaterThan(1)
    expect(await idsOf('character=Clark*')).toEqual(sorted(clark.map((hit) => hit.id)))
  })

  it('hides crossovers with fandoms_max', async () => {
    const all = await stories()
    expect(all.some((hit) => hit.fandoms.length > 1)).toBe(true)
    expect(await idsOf('fandoms_max=1')).toEqual(sorted(all.filter((hit) => hit.fandoms.length <= 1).map((hit) => hit.id)))
    expect(await idsOf('fandoms_max=2')).toEqual(sorted(all.filter((hit) => hit.fandoms.length <= 2).map((hit) => hit.id)))
  })

  it('with primary_pairing, a chosen relationship must be the first one', async () => {
    const all = await stories()
    const ship = "Daniel Jackson/Jack O'Neill"
    const any = all.filter((hit) => hit.relationships.includes(ship))
    const first = any.filter((hit) => hit.relationships[0] === ship)
    expect(first.length).toBeGreaterThan(0)
    expect(first.length).toBeLessThan(any.length)
    expect(await idsOf(`relationship=${encodeURIComponent(ship)}`)).toEqual(sorted(any.map((hit) => hit.id)))
    expect(await idsOf(`relationship=${encodeURIComponent(ship)}&primary_pairing=true`)).toEqual(sorted(first.map((hit) => hit.id)))
  })

  it('keeps a language allow-list: two languages mean either', async () => {
    const body = await search('limit=1&facet_limit=20')
    const languages = body.facets.language!.map((facet) => facet.value)
    expect(languages.length).toBeGreaterThan(1)
    const both = await search(`${languages.slice(0, 2).map((language) => `language=${encodeURIComponent(language)}`).join('&')}&limit=100`)
    expect(both.total).toBe(body.facets.language!.slice(0, 2).reduce((sum, facet) => sum + facet.count, 0))
  })
})

describe('freshness and shape', () => {
  it('reports when each story was last updated, its chapters and reading time', async () => {
    const all = await stories()
    const two = all.find((hit) => hit.title === 'Two Skies')!
    expect(two).toMatchObject({ date: '2019-01-01', updated: '2019-06-01', complete: false, chapterCount: 2 })
    for (const hit of all) {
      expect(hit.readingMinutes).toBe(Math.max(1, Math.round(hit.words / 250)))
      if (hit.date && hit.updated) expect(hit.updated >= hit.date).toBe(true)
    }
  })

  // Periods reaching back to fixed dates between the fixtures' updates (2012, 2014, 2019), counted from today, so each
  // splits the archive whatever day the tests run; the day-exact arithmetic is worker/search/filters.test.ts's.
  const now = new Date()
  const daysSince = (day: string) => Math.floor((Date.parse(`${today()}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000)
  it.each([
    [`${now.getUTCFullYear() - 2013}y`, 'a year in 2013'],
    [`${(now.getUTCFullYear() - 2013) * 12}m`, 'the same in months'],
    [`${Math.floor(daysSince('2016-01-01') / 7)}w`, 'weeks back to 2016'],
    [`${daysSince('2018-01-01')}d`, 'days back to 2018'],
    ['100y', 'every dated story'],
  ])('updated_within=%s (%s) keeps the stories updated since then', async (period) => {
    const all = await stories()
    const count = Number(period.slice(0, -1))
    const unit = period.at(-1)
    const cutoff = unit === 'y' ? monthsAgo(count * 12) : unit === 'm' ? monthsAgo(count) : new Date(Date.parse(`${today()}T00:00:00Z`) - count * (unit === 'w' ? 7 : 1) * 86_400_000).toISOString().slice(0, 10)
    const expected = all.filter((hit) => hit.updated !== null && hit.updated >= cutoff).map((hit) => hit.id)
    expect(expected.length).toBeGreaterThan(0)
    if (period !== '100y') expect(expected.length).toBeLessThan(all.filter((hit) => hit.updated !== null).length)
    expect(await idsOf(`updated_within=${period}`)).toEqual(sorted(expected))
  })

  it('stale=N keeps only works in progress idle for N months; stale=-N hides them', async () => {
    const all = await stories()
    const cutoff = monthsAgo(12)
    const stale = all.filter((hit) => hit.complete === false && hit.updated !== null && hit.updated < cutoff)
    expect(stale.map((hit) => hit.title)).toContain('Two Skies')
    expect(await idsOf('stale=12')).toEqual(sorted(stale.map((hit) => hit.id)))
    expect(await idsOf('stale=-12')).toEqual(sorted(all.filter((hit) => !stale.includes(hit)).map((hit) => hit.id)))
  })

  it('filters by chapter count and by reading time', async () => {
    const all = await stories()
    expect(await idsOf('chapters_min=2')).toEqual(sorted(all.filter((hit) => hit.chapterCount >= 2).map((hit) => hit.id)))
    expect(await idsOf('chapters_max=1')).toEqual(sorted(all.filter((hit) => hit.chapterCount <= 1).map((hit) => hit.id)))
    expect(await idsOf('minutes_max=1')).toEqual(sorted(all.filter((hit) => hit.readingMinutes <= 1).map((hit) => hit.id)))
    const longest = Math.max(...all.map((hit) => hit.readingMinutes))
    expect(longest).toBeGreaterThan(1)
    expect(await idsOf(`minutes_min=${longest}`)).toEqual(sorted(all.filter((hit) => hit.readingMinutes >= longest).map((hit) => hit.id)))
  })

  it('sorts by the last update, newest first, undated last', async () => {
    const hits = (await search('sort=updated&limit=100')).hits as FullHit[]
    const dates = hits.map((hit) => hit.updated)
    const dated = dates.filter((date): date is string => date !== null)
    expect(dated).toEqual([...dated].sort().reverse())
    expect(dates.slice(dated.length).every((date) => date === null)).toBe(true)
  })

  it.each([
    ['updated_within=banana', 'updated_within'],
    ['updated_within=0d', 'updated_within'],
    ['updated_within=200y', 'updated_within'],
    ['stale=0', 'stale'],
    ['stale=soon', 'stale'],
    ['fandoms_max=0', 'fandoms_max'],
    ['primary_pairing=maybe', 'primary_pairing'],
    ['chapters_min=-1', 'chapters_min'],
    ['minutes_max=ten', 'minutes_max'],
  ])('answers 400 with the error shape for %s', async (query, name) => {
    const response = await get(`/api/search?${query}`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('invalid_parameter')
    expect(body.error.message).toContain(name)
  })

  it('caches an answer counted back from today under the day as well as the index', async () => {
    const plain = (await get('/api/search?q=clark')).headers.get('ETag')!
    const relative = (await get('/api/search?q=clark&updated_within=1y')).headers.get('ETag')!
    expect(relative).toBe(plain.replace(/"$/, `-${today()}"`))
  })
})
