import { describe, expect, it } from 'vitest'
import { allStories, fullIds, get, ids, q, search } from './_api'

const METEOR = 'fixtures--smallville--meteor-shower'
const TALON = 'fixtures--smallville--talon-closing-time'
const KISSING = 'fixtures--smallville--kissing-in-the-rain'
const ROAD = 'fixtures--supernatural--road-trip'
const KEEPER = 'fixtures--chapters--keepers-log'
const HARBOUR = 'fixtures--chapters--harbour-night'
const CHINESE = 'fixtures--languages--lighthouse-zh'
/** The reader's-filters fixtures (fixtures/archive/fan-features): a crossover in progress and two Stargate stories. */
const CROSSOVER = 'fixtures--fan-features--crossover-wip'
const STARGATE = ['fixtures--fan-features--secondary-pairing', 'fixtures--fan-features--gate-room']

describe('matching', () => {
  it('treats curly and straight apostrophes as the same', async () => {
    const curly = await search(q('it’s cool clark'))
    const straight = await search(q("it's cool clark"))
    expect(ids(curly)).toContain('001-971dd5012805474c')
    expect(ids(straight)).toEqual(ids(curly))
  })

  it('finds a hyphenated word by either part and by the whole', async () => {
    for (const text of ['almost-expulsion', 'expulsion', 'almost expulsion']) {
      expect(ids(await search(q(text)))).toContain('003-b56f4766e957859c')
    }
  })

  it('folds diacritics both ways', async () => {
    expect(fullIds(await search(q('zurich cafe')))).toEqual([METEOR])
    expect(fullIds(await search(q('Zürich café')))).toEqual([METEOR])
  })

  it('finds numbers', async () => {
    expect(ids(await search(q('route 66')))).toEqual([ROAD])
  })

  it('finds a pairing written with a slash, and each name alone', async () => {
    const pairing = await search(q('Clark/Lana'))
    expect(pairing.hits[0]!.relationships.some((r) => /clark.*\/.*lana|lana.*\/.*clark/i.test(r))).toBe(true)
    expect(ids(pairing)).toContain(KISSING)
    expect(ids(await search(q('clark')))).toContain(KISSING)
    expect(ids(await search(q('lana')))).toContain(KISSING)
  })

  it('matches other forms of a word, ranking the exact form first', async () => {
    const body = await search(q('hummed'))
    expect(ids(body)).toEqual([ROAD, KISSING]) // "hummed" exactly, then "hums"
    expect(body.hits[0]!.score).toBeGreaterThan(body.hits[1]!.score)
  })

  it('matches the last word as a prefix while typing', async () => {
    expect(fullIds(await search(q('lana espres')))).toEqual([TALON])
  })

  it('tolerates a typo in a word of four letters or more, below exact matches', async () => {
    expect(ids(await search(q('telescpoe')))).toEqual([METEOR])
    expect(ids(await search(q('impalla')))).toEqual([ROAD])
    // Three-letter words must be exact: "ski" does not find "sky" (first, so it is not completed as a prefix).
    expect(fullIds(await search(q('sky telescope')))).toEqual([METEOR])
    expect(fullIds(await search(q('ski telescope')))).toEqual([])
  })

  it('finds a word with two letters swapped, and says how it is spelled', async () => {
    const body = await search(q('meetor shower'))
    expect(fullIds(body)).toEqual([METEOR])
    expect(body.didYouMean).toBe('meteor shower')
    expect(fullIds(await search(q(body.didYouMean!)))).toEqual([METEOR])
  })

  it("suggests a correction when nothing matches, a phrase's words too", async () => {
    const body = await search(q('"meetor shower"'))
    expect(fullIds(body)).toEqual([])
    expect(body.didYouMean).toBe('"meteor shower"')
    expect(ids(await search(q(body.didYouMean!)))).toContain(METEOR)
  })

  it('lists stories with only some of the words below those with all of them when few have all', async () => {
    const body = await search(q('telescope impala'))
    expect(fullIds(body)).toEqual([])
    expect(ids(body).sort()).toEqual([METEOR, ROAD].sort())
    expect(body.hits.every((hit) => !hit.allWords)).toBe(true)
    const mixed = await search(q('clark telescope'))
    const firstPartial = mixed.hits.findIndex((hit) => !hit.allWords)
    expect(fullIds(mixed)).toEqual([METEOR])
    expect(firstPartial).toBe(1)
  })

  it('keeps a query with operators or fields exact, without partial matches', async () => {
    for (const text of ['telescope AND impala', 'title:telescope impala', '"telescope" impala']) {
      expect((await search(q(text))).hits.filter((hit) => !hit.allWords)).toEqual([])
    }
  })

  it('suggests nothing when no correction would help', async () => {
    expect((await search(q('qwxzv'))).didYouMean).toBeNull()
  })
})

describe('query language', () => {
  it('returns only stories with an exact phrase in that order', async () => {
    expect(ids(await search(q('"let her go"')))).toContain('004-0000a776e102d203')
    expect(ids(await search(q('"go her let"')))).toEqual([])
  })

  it('excludes a word with -word', async () => {
    const withLex = await search(q('lana'))
    const withoutLex = await search(q('lana -lex'))
    expect(withoutLex.total).toBeGreaterThan(0)
    expect(withoutLex.total).toBeLessThan(withLex.total)
    for (const id of ids(withoutLex)) {
      const story = (await (await get(`/api/stories/${id}`)).json()) as { body: string }
      expect(story.body).not.toMatch(/\blex\b/i)
    }
  })

  it('excludes a phrase with -"phrase"', async () => {
    expect(ids(await search(q('clark'))).includes(METEOR)).toBe(true)
    expect(ids(await search(q('clark -"make a wish"')))).not.toContain(METEOR)
  })

  it.each(['impala OR telescope', 'impala | telescope', '(impala OR telescope)'])('combines alternatives with %s', async (text) => {
    expect(ids(await search(q(text))).sort()).toEqual([METEOR, ROAD].sort())
  })

  it('groups alternatives with parentheses', async () => {
    expect(ids(await search(q('(impala OR telescope) kansas')))).toEqual([ROAD])
  })

  it.each([
    ['title:rain', [KISSING]],
    ['author:"Third Fixture"', [ROAD]],
    ['fandom:supernatural', [ROAD]],
    ['character:martha', [KISSING]],
    ['warning:death', [TALON]],
    ['summary:till', [TALON]],
    ['tag:romance', [KISSING]],
    ['rating:explicit', [TALON]],
    ['rating:NC-17', [TALON]],
    // Codes only the builder read before the vocabulary was one.
    ['rating:nsfw', [TALON]],
    ['rating:18+', [TALON]],
  ])('searches one field with %s', async (text, expected) => {
    expect(ids(await search(q(text)))).toEqual(expected)
  })

  it('reads a quoted rating in the query as the rating, the way the rating= parameter reads it', async () => {
    const teen = (await allStories()).filter((hit) => hit.rating === 'Teen').map((hit) => hit.id).sort()
    expect(teen.length).toBeGreaterThan(1)
    expect(ids(await search(q('rating:"teen and up"'))).sort()).toEqual(teen)
    expect(ids(await search('rating=Teen%20And%20Up')).sort()).toEqual(teen)
  })

  it('finds a relationship with pairing: and relationship:', async () => {
    for (const text of ['pairing:Lex/Lana', 'relationship:"Lana/Lex"']) {
      const found = await search(q(text))
      expect(ids(found)).toContain(TALON)
      for (const hit of found.hits) expect(hit.relationships.join(' ')).toMatch(/lex/i)
    }
  })

  it.each([
    ['words>1000', (h: { words: number }) => h.words > 1000],
    ['words<100', (h: { words: number }) => h.words < 100],
    ['words:500-1000', (h: { words: number }) => h.words >= 500 && h.words <= 1000],
  ])('filters by length with %s', async (text, keep) => {
    const expected = (await allStories()).filter(keep).map((h) => h.id).sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(await search(`${q(text)}&limit=100`)).sort()).toEqual(expected)
  })

  it.each([
    ['date>2008', (d: string) => d >= '2009'],
    ['date:2005-2007', (d: string) => d >= '2005' && d < '2008'],
    ['date<2006-06', (d: string) => d < '2006-06'],
  ])('filters by date with %s', async (text, keep) => {
    const expected = (await allStories()).filter((h) => h.date !== null && keep(h.date)).map((h) => h.id).sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(await search(`${q(text)}&limit=100`)).sort()).toEqual(expected)
  })

  it.each(['"unclosed quote clark', 'clark : lana', 'stray: colon', '-', 'clark -', '((((clark', 'clark)))', 'OR', '|||', 'title:', ':::'])(
    'still answers sensibly for the malformed query %s',
    async (text) => {
      const response = await get(`/api/search?${q(text)}`)
      expect(response.status).toBe(200)
      const body = (await response.json()) as { total: number }
      expect(body.total).toBeGreaterThanOrEqual(0)
    },
  )

  it('reads an unclosed quote as plain words', async () => {
    expect(ids(await search(q('"meteor shower')))).toContain(METEOR)
  })
})

describe('filters', () => {
  it('includes and excludes by rating, repeatable, with any rating vocabulary', async () => {
    const all = await allStories()
    const general = all.filter((h) => h.rating === 'General').map((h) => h.id).sort()
    expect(general.length).toBeGreaterThan(0)
    expect(ids(await search('q=&limit=100&rating=G')).sort()).toEqual(general)
    const generalOrTeen = all.filter((h) => h.rating === 'General' || h.rating === 'Teen').map((h) => h.id).sort()
    expect(ids(await search('q=&limit=100&rating=General&rating=Teen')).sort()).toEqual(generalOrTeen)
    const notExplicit = all.filter((h) => h.rating !== 'Explicit').map((h) => h.id).sort()
    expect(ids(await search('q=&limit=100&rating=-Explicit')).sort()).toEqual(notExplicit)
  })

  it('reads every rating a story header can say: what the builder files under Explicit, rating=NSFW finds', async () => {
    const explicit = ids(await search('q=&limit=100&rating=Explicit')).sort()
    expect(explicit.length).toBeGreaterThan(0)
    for (const code of ['NSFW', 'R18', 'Adult', 'Rated E']) {
      expect(ids(await search(`q=&limit=100&rating=${encodeURIComponent(code)}`)).sort()).toEqual(explicit)
    }
    const general = ids(await search('q=&limit=100&rating=General')).sort()
    expect(ids(await search('q=&limit=100&rating=U')).sort()).toEqual(general)
  })

  it('answers 400 for a rating typed in q that is no rating, rather than matching nothing in silence', async () => {
    const response = await get(`/api/search?${q('clark rating:bogus')}`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('invalid_parameter')
    expect(body.error.message).toContain('"rating:bogus"')
  })

  it('takes two characters as either (a facet), both in the query, and drops stories with an excluded one', async () => {
    const all = await allStories()
    const either = await search('q=&limit=100&character=Clark Kent&character=Lana Lang')
    const expected = all.filter((hit) => hit.characters.includes('Clark Kent') || hit.characters.includes('Lana Lang')).map((hit) => hit.id).sort()
    expect(ids(either).sort()).toEqual(expected)
    const both = await search(`q=${encodeURIComponent('character:"clark kent" character:"lana lang"')}&limit=100`)
    expect(both.total).toBeGreaterThan(0)
    expect(both.total).toBeLessThan(either.total)
    for (const hit of both.hits) expect(hit.characters).toEqual(expect.arrayContaining(['Clark Kent', 'Lana Lang']))
    const withoutMartha = await search('q=&limit=100&character=Clark Kent&character=Lana Lang&character=-Martha Kent')
    expect(ids(withoutMartha)).not.toContain(KISSING)
    expect(withoutMartha.total).toBe(either.total - 1)
  })

  it.each([
    ['fandom=Supernatural', [ROAD]],
    ['fandom=-Smallville', [ROAD, KEEPER, HARBOUR, CHINESE, CROSSOVER, ...STARGATE]],
    ['series=island lights', [KEEPER, HARBOUR]],
    ['series=-Island Lights&fandom=Original Work', [CHINESE]],
    ['author=Fixture Writer', [KISSING, METEOR]],
    ['warning=Major character death', [TALON]],
    ['tag=romance', [KISSING]],
    ['relationship=Dean Winchester %26 Sam Winchester', [ROAD]],
  ])('filters with %s', async (params, expected) => {
    expect(ids(await search(`q=&limit=100&${params}`)).sort()).toEqual([...expected].sort())
  })

  it('filters by words_min/words_max, date_from/date_to and complete', async () => {
    const all = await allStories()
    const expectIds = async (params: string, keep: (h: (typeof all)[number]) => boolean) =>
      expect(ids(await search(`q=&limit=100&${params}`)).sort()).toEqual(all.filter(keep).map((h) => h.id).sort())
    await expectIds('words_min=600&words_max=1000', (h) => h.words >= 600 && h.words <= 1000)
    await expectIds('date_from=2006&date_to=2008', (h) => h.date !== null && h.date >= '2006' && h.date < '2009')
    await expectIds('complete=true', (h) => [METEOR, ROAD, KEEPER, ...STARGATE].includes(h.id))
    await expectIds('complete=false', (h) => [TALON, CROSSOVER].includes(h.id))
  })

  it('combines filters with a text query', async () => {
    expect(ids(await search(`${q('lana')}&rating=Teen&date_from=2006-06`))).toEqual([KISSING])
  })
})

describe('facets', () => {
  it('keeps every rating countable when one is chosen, as if none were, so a second can be added (either)', async () => {
    const unfiltered = await search(`${q('lana')}&limit=100`)
    expect(unfiltered.facets.rating!.length).toBeGreaterThan(1)
    const [first, second] = unfiltered.facets.rating!
    const one = await search(`${q('lana')}&limit=100&rating=${encodeURIComponent(first!.value)}`)
    expect(one.total).toBe(first!.count)
    // The rating facet is the same as before choosing; the others count the stories of that rating only.
    expect(one.facets.rating).toEqual(unfiltered.facets.rating)
    expect(one.facets.fandom!.reduce((sum, f) => Math.max(sum, f.count), 0)).toBeLessThanOrEqual(first!.count)
    const both = await search(`${q('lana')}&limit=100&rating=${encodeURIComponent(first!.value)}&rating=${encodeURIComponent(second!.value)}`)
    expect(both.total).toBe(first!.count + second!.count)
    // An excluded rating still leaves the facet: what is excluded is not counted.
    const without = await search(`${q('lana')}&limit=100&rating=-${encodeURIComponent(first!.value)}`)
    expect(without.facets.rating!.map((f) => f.value)).not.toContain(first!.value)
  })

  it('counts over every matching story, not just the page', async () => {
    const body = await search(`${q('clark')}&limit=1`)
    expect(body.hits.length).toBe(1)
    const ratingTotal = body.facets.rating!.reduce((sum, f) => sum + f.count, 0)
    expect(ratingTotal).toBe(body.total)
    expect(body.facets.words!.reduce((sum, f) => sum + f.count, 0)).toBe(body.total)
  })

  it('gives counts that match the result count when that facet value is chosen', async () => {
    const body = await search(q('lana'))
    const checks: [string, string][] = [
      ...body.facets.rating!.map((f) => ['rating', f.value] as [string, string]),
      ...body.facets.fandom!.map((f) => ['fandom', f.value] as [string, string]),
      ...body.facets.relationship!.map((f) => ['relationship', f.value] as [string, string]),
      ...body.facets.character!.map((f) => ['character', f.value] as [string, string]),
    ]
    expect(checks.length).toBeGreaterThan(4)
    for (const [field, value] of checks) {
      const count = body.facets[field]!.find((f) => f.value === value)!.count
      const filtered = await search(`${q('lana')}&${field}=${encodeURIComponent(value)}`)
      expect(filtered.total, `${field}=${value}`).toBe(count)
    }
  })

  it('lists word-count buckets with their bounds', async () => {
    const body = await search('q=')
    expect(body.facets.words!.map((b) => b.value)).toEqual(['under-1k', '1k-5k', '5k-10k', '10k-50k', 'over-50k'])
    const bucket = body.facets.words!.find((b) => b.count > 0)!
    const inBucket = await search(`q=&words_min=${bucket.min}${bucket.max === null ? '' : `&words_max=${bucket.max}`}`)
    expect(inBucket.total).toBe(bucket.count)
  })

  it('keeps the top N values per facet with facet_limit', async () => {
    const body = await search('q=&facet_limit=1')
    for (const facet of ['rating', 'fandom', 'relationship', 'character']) expect(body.facets[facet]!.length).toBeLessThanOrEqual(1)
    const full = await search('q=')
    expect(body.facets.character![0]).toEqual(full.facets.character![0])
  })
})

describe('sort and pages', () => {
  const orders: [string, (a: any, b: any) => number][] = [
    ['newest', (a, b) => (b.date ?? '').localeCompare(a.date ?? '')],
    ['oldest', (a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff')],
    ['longest', (a, b) => b.words - a.words],
    ['shortest', (a, b) => a.words - b.words],
    ['title', (a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase())],
  ]
  it.each(orders)('sorts by %s, ties broken by id', async (sort, compare) => {
    const body = await search(`q=&limit=100&sort=${sort}`)
    const expected = [...body.hits].sort((a, b) => compare(a, b) || a.id.localeCompare(b.id)).map((h) => h.id)
    expect(ids(body)).toEqual(expected)
  })

  it('sorts by relevance by default, scores descending', async () => {
    const body = await search(q('clark lana'))
    expect(body.sort).toBe('relevance')
    const scores = body.hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('rejects an unknown sort with a 400', async () => {
    const response = await get('/api/search?q=x&sort=random')
    expect(response.status).toBe(400)
    expect(((await response.json()) as any).error.message).toContain('sort must be one of')
  })

  it('pages without overlap and with an exact total', async () => {
    const all = await search('q=&limit=100&sort=title')
    const seen: string[] = []
    for (let page = 1; page <= Math.ceil(all.total / 4); page++) {
      const body = await search(`q=&limit=4&page=${page}&sort=title`)
      expect(body.total).toBe(all.total)
      seen.push(...ids(body))
    }
    expect(seen).toEqual(ids(all))
  })
})

describe('snippets', () => {
  it('gives up to two passages with the matched words marked by offsets', async () => {
    const body = await search(q('chloe'))
    for (const hit of body.hits) {
      expect(hit.snippet).not.toBeNull()
      expect(hit.snippet!.text.split(' … ').length).toBeLessThanOrEqual(2)
      const marked = hit.snippet!.highlights.map(([a, b]) => hit.snippet!.text.slice(a, b).toLowerCase())
      expect(marked.length).toBeGreaterThan(0)
      for (const word of marked) expect(word).toBe('chloe')
    }
  })

  it('marks the word a misspelling was found by, in a story that lacks the word as typed', async () => {
    const body = await search(q('telescpoe'))
    const hit = body.hits.find((h) => h.id === METEOR)!
    const marks = hit.snippet!.highlights.map(([a, b]) => hit.snippet!.text.slice(a, b).toLowerCase())
    expect(marks.length).toBeGreaterThan(0)
    expect(new Set(marks)).toEqual(new Set(['telescope']))
  })

  it('marks stemmed and typo-tolerant matches as well as exact ones', async () => {
    const body = await search(q('hummed'))
    const kissing = body.hits.find((h) => h.id === KISSING)!
    expect(kissing.snippet!.highlights.map(([a, b]) => kissing.snippet!.text.slice(a, b))).toEqual(['hums'])
  })
})
