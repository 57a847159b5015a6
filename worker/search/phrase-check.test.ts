import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { beforeAll } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { noticingReads } from '../../tools/measure-requests'
import { containsPhrase, settledByRuns } from '../query/phrases'
import { parseQuery } from '../query/query-parser'
import { executeSearch, type SearchIndex } from './search'
import { MAX_PHRASE_CANDIDATES, PHRASE_PACKS } from './phrase-check'
import { PagedIndex } from '../index/paged-index'
import { mayFoldBeyondAscii, phraseWord, queryWords } from '../../core/text'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'

const story = (body: string, title = 'Untitled'): StoryRecord =>
  ({ id: 's', title, authors: ['A. Writer'], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '', body }) as unknown as StoryRecord

/** `count` stories with ids `prefix` and a number, `words` 10 + i (so `longest` orders them), `body(i)` their text. */
const numbered = (count: number, prefix: string, body: (i: number) => string): StoryRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    ...story(body(i), `Story ${i}`),
    id: `${prefix}${String(i).padStart(String(count - 1).length, '0')}`,
    words: 10 + i, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '',
  })) as unknown as StoryRecord[]

// The reference: the folded word list of each field (a possessive 's dropped), with the phrase's words looked for in a row.
function inWordList(text: string, phrase: string): boolean {
  const words = (part: string) => queryWords(part).map(phraseWord).join(' ')
  return ` ${words(text)} `.includes(` ${words(phrase)} `)
}

describe('containsPhrase', () => {
  it('finds words in a row across punctuation and line breaks, in any case', () => {
    expect(containsPhrase(story('He said, "Sort\n\nof, MAN!" and left.'), 'sort of man', null)).toBe(true)
    expect(containsPhrase(story('a man of sort'), 'sort of man', null)).toBe(false)
  })

  it('does not match part of a joined word, and matches joined words written with curly apostrophes', () => {
    expect(containsPhrase(story('the sort of man-made hat'), 'sort of man', null)).toBe(false)
    expect(containsPhrase(story('a well-known sort of man'), 'known sort', null)).toBe(false)
    expect(containsPhrase(story('He’d gone home.'), "he'd gone", null)).toBe(true)
  })

  it('finds a name in its possessive form, and the possessive typed where the text has none', () => {
    expect(containsPhrase(story('It was Mr. Knightley’s letter.'), 'mr knightley', null)).toBe(true)
    expect(containsPhrase(story("It was Mr. Knightley's letter."), 'Mr. Knightley', null)).toBe(true)
    expect(containsPhrase(story('Mr. Knightley wrote a letter.'), "mr knightley's", null)).toBe(true)
    expect(containsPhrase(story("Mr. Knightley'sx letter"), 'mr knightley', null)).toBe(false)
    expect(containsPhrase(story('Mr. Knightleys letter'), 'mr knightley', null)).toBe(false)
    // A contraction is no possessive: "let's go" is not "let go".
    expect(containsPhrase(story("Let's go home."), 'let go', null)).toBe(false)
    expect(containsPhrase(story('Let’s go home.'), "let's go", null)).toBe(true)
  })

  it('never spans two fields', () => {
    expect(containsPhrase(story('man walked in', 'The Sort of'), 'of man', null)).toBe(false)
    expect(containsPhrase(story('man walked in', 'The Sort of'), 'the sort', null)).toBe(true)
  })

  it('never spans two items of a list, in the text check or the index', async () => {
    const tagged = { ...story('He waited.'), id: 'tagged', characters: ['Harry Potter', 'Ron Weasley'], words: 2, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null } as unknown as StoryRecord
    expect(containsPhrase(tagged, 'potter ron', null)).toBe(false)
    expect(containsPhrase(tagged, 'ron weasley', 'characters')).toBe(true)
    const { index } = await indexInMemory([tagged])
    const total = async (q: string) => (await executeSearch(index, parseSearchParams(new URLSearchParams({ q })))).total
    expect(await total('"potter ron"')).toBe(0)
    expect(await total('"harry potter"')).toBe(1)
  })

  it('agrees with the folded word list on any text', () => {
    const vocabulary = ['sort', 'of', 'man', 'Man', "man's", 'man’s', 'let', "let's", 'go', 'sort-of', 'sort‐of', 'he’d', "he'd", 'he`d', 'clark/lana', 'x', 'Zürich', 'zurich', 'naïve', 'the', '2nd']
    const separators = [' ', ', ', '\n\n', '—', ' “', '” ', '-', '’', "'", '/', '_', '--', ' - ', '…']
    const phrases = ['sort of man', 'of man', "man's", "of man's", "man's the", "he'd", 'let go', "let's go", 'zurich the', 'clark/lana x', 'sort-of man', 'the 2nd', 'of the sort']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), { maxLength: 30 }), fc.constantFrom(...phrases), (words, phrase) => {
        const body = words.map(([word, separator]) => word + separator).join('')
        expect(containsPhrase(story(body, ''), phrase, 'body')).toBe(inWordList(body, phrase))
        // A story the table marks plain is not scanned first, and the answer is the same.
        if (!mayFoldBeyondAscii(body)) expect(containsPhrase(story(body, ''), phrase, 'body', true)).toBe(inWordList(body, phrase))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('phrase search over more candidates than the page', () => {
  // 250 stories with the pairs "sort of" and "of man"; every third has them as the phrase. Lengths differ so scores differ.
  const stories = numbered(250, 's', (i) => 'meadow '.repeat(i % 17) + (i % 3 === 0 ? 'He was the sort of man who waited.' : 'A sort of hat, the son of man waited.'))
  // The served index, with every story text it reads noted.
  const loaded: number[] = []
  let paged: SearchIndex
  beforeAll(async () => {
    paged = (await indexInMemory(stories)).index
  })
  // Each search through an index of its own (the same pieces): what one search checked is not remembered for the next.
  const search = async (params: Record<string, string>) => {
    loaded.length = 0
    const index = noticingReads(paged, (shortId) => loaded.push(shortId))
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams(params)))
    return { ...outcome, hits: outcome.matches.map((match) => ({ hit: { id: index.table.id(match.shortId), words: index.table.words[match.shortId]! } })) }
  }

  it('reads only the page asked for, the same page a full check gives, and estimates the total from what it read', async () => {
    // limit 100 on page 3 needs every candidate checked: the full answer, in relevance order. Only the 84 with the
    // phrase are read; the others lack its run of three words, kept beside their text.
    const everything = await search({ q: '"sort of man"', limit: '100', page: '3' })
    expect(loaded.length).toBe(84)
    // Candidates are read best first: the order a full check reads them in.
    const candidateOrder = [...loaded]
    expect(everything.total).toBe(84)
    expect(everything.truncated).toBe(false)
    const full = await search({ q: '"sort of man"', limit: '100' })
    expect(full.total).toBe(84)

    const first = await search({ q: '"sort of man"', limit: '10' })
    // The best candidates in order, until ten have the phrase: the ten stories shown are the only ones read.
    expect(first.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(0, 10).map(({ hit }) => hit.id))
    expect(loaded.length).toBe(10)
    // What was read is the best candidates and no other: a prefix of the full check's order, each read once.
    expect([...loaded].sort((a, b) => a - b)).toEqual(candidateOrder.slice(0, loaded.length).sort((a, b) => a - b))
    expect(new Set(loaded).size).toBe(loaded.length)
    expect(first.truncated).toBe(true)
    // Unread candidates count at the rate the read ones had the phrase: nearer the true 84 than the 250 candidates.
    expect(first.total).toBeGreaterThan(84 / 2)
    expect(first.total).toBeLessThan(250 / 2)

    const third = await search({ q: '"sort of man"', limit: '10', page: '3' })
    expect(third.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(20, 30).map(({ hit }) => hit.id))
  })

  it('settles an excluded phrase only as far as the page: the page a full check gives, its texts read, the total estimated', async () => {
    // Pages enough for every story: each candidate of the excluded phrase settled, the exact answer.
    const everything = await search({ q: 'waited -"sort of man"', limit: '100', page: '3' })
    expect(everything.total).toBe(250 - 84)
    expect(everything.truncated).toBe(false)
    const full = await search({ q: 'waited -"sort of man"', limit: '100' })

    const first = await search({ q: 'waited -"sort of man"', limit: '10' })
    expect(first.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(0, 10).map(({ hit }) => hit.id))
    // None of them has the phrase: every third story does (s000, s003...).
    expect(first.hits.filter(({ hit }) => Number(hit.id.slice(1)) % 3 === 0)).toEqual([])
    // Only candidates among the stories the page went through are read, not the 84 that have the phrase.
    expect(loaded.length).toBeGreaterThan(0)
    expect(loaded.length).toBeLessThan(10)
    expect(first.truncated).toBe(true)
    // The stories left unsettled count less the share of the read ones that had the phrase: nearer 166 than 250.
    expect(first.total).toBeGreaterThan(250 / 2)
    expect(first.total).toBeLessThan(250 - 84 / 2)

    const second = await search({ q: 'waited -"sort of man"', limit: '10', page: '2' })
    expect(second.hits.map(({ hit }) => hit.id)).toEqual(full.hits.slice(10, 20).map(({ hit }) => hit.id))
  })

  it('remembers what it checked: the next page reads only the candidates after the last one read, the same search none', async () => {
    const index = noticingReads(paged, (shortId) => loaded.push(shortId))
    const page = async (n: number) => {
      loaded.length = 0
      const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"sort of man"', limit: '10', page: String(n) })))
      return { ids: outcome.matches.map((match) => paged.table.id(match.shortId)), read: [...loaded] }
    }
    const first = await page(1)
    const second = await page(2)
    expect(second.read.length).toBeGreaterThan(0)
    expect(second.read.filter((shortId) => first.read.includes(shortId))).toEqual([])
    expect((await page(2)).read).toEqual([])
    // The same pages as searches that remember nothing.
    expect(second.ids).toEqual((await search({ q: '"sort of man"', limit: '10', page: '2' })).hits.map(({ hit }) => hit.id))
    expect(first.ids).toEqual((await search({ q: '"sort of man"', limit: '10', page: '1' })).hits.map(({ hit }) => hit.id))
  })

  it('reads candidates in the order asked for, so another order shows the same page a full check would', async () => {
    const longest = await search({ q: '"sort of man"', limit: '10', sort: 'longest' })
    expect(loaded.length).toBeLessThan(250)
    expect(longest.truncated).toBe(true)
    const all = await search({ q: '"sort of man"', limit: '100', sort: 'longest' })
    expect(longest.hits.map(({ hit }) => hit.id)).toEqual(all.hits.slice(0, 10).map(({ hit }) => hit.id))
    // The longest story is 249, one of every third that has the phrase.
    expect(longest.hits[0]!.hit.words).toBe(10 + 249)
  })
})

describe('a phrase with plain words beside it', () => {
  const records = [
    { ...story('The captain was the sort of man who waited.'), id: 'captain' },
    { ...story('The sort of man who waited, and a cat.'), id: 'cat' },
    { ...story('The captain waited; a man of some sort.'), id: 'apart' },
  ].map((record) => ({ ...record, words: 10, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null }) as unknown as StoryRecord)
  const ids = async (q: string) => {
    const { index } = await indexInMemory(records)
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q })))
    return outcome.matches.map((match) => index.table.id(match.shortId)).sort()
  }

  it('keeps the word as the index matched it: a typo or a stem beside the phrase still finds the story', async () => {
    expect(await ids('"sort of man" captian')).toEqual(['captain'])
    expect(await ids('"sort of man" captains')).toEqual(['captain'])
  })

  it('looks for a word inside an OR in the text, as the index cannot say which side matched', async () => {
    expect(await ids('"sort of man" OR cat')).toEqual(['captain', 'cat'])
    expect(await ids('("sort of man" OR cat) captain')).toEqual(['captain'])
  })
})

describe('phrases answered from the index', () => {
  // Bodies of a few words in random order: every pair of adjacent words, and every phrase, turns up somewhere.
  const vocabulary = ['sort', 'of', 'man', "man's", 'the', 'well-known', 'he’d', 'Zürich', 'gone', 'home']
  const separators = [' ', ', ', '. ', '\n\n', '—', ' “', '” ']
  const phrases = ['sort of', 'of man', 'the sort', "man's home", 'man home', "of man's", 'well-known man', "he'd gone", 'zurich the', 'of the', 'sort of man', 'gone home the', 'of the sort of']

  /** The served index over the bodies, with every story text a search reads counted. */
  async function served(bodies: string[]) {
    const records = bodies.map((body, i) => ({ ...story(body, `Story ${i}`), id: `s${String(i).padStart(3, '0')}`, words: 10, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '' })) as unknown as StoryRecord[]
    const paged = (await indexInMemory(records)).index
    const reads = { count: 0 }
    const index = noticingReads(paged, () => reads.count++)
    return { records, index, reads }
  }

  it('finds exactly the stories with the phrase, as a check of every text would', async () => {
    const bodyArbitrary = fc.array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), { minLength: 1, maxLength: 12 }).map((words) => words.map(([word, separator]) => word + separator).join(''))
    await fc.assert(
      fc.asyncProperty(fc.array(bodyArbitrary, { minLength: 1, maxLength: 30 }), fc.constantFrom(...phrases), async (bodies, phrase) => {
        const { records, index } = await served(bodies)
        const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: `"${phrase}"`, limit: '100' })))
        const found = outcome.matches.map((match) => index.table.id(match.shortId)).sort()
        const expected = records.filter((record) => containsPhrase(record, phrase, null)).map((record) => record.id).sort()
        expect(found).toEqual(expected)
        expect(outcome.total).toBe(expected.length)
      }),
      { numRuns: 60 },
    )
  })

  it('reads no story text for a phrase of two words, whatever the sort, and counts exactly', async () => {
    const bodies = Array.from({ length: 120 }, (_, i) => (i % 4 === 0 ? 'She was the sort of woman who waited.' : 'A sort of hat; a woman of few words.'))
    const { index, reads } = await served(bodies)
    for (const sort of ['relevance', 'newest', 'longest', 'title']) {
      reads.count = 0
      const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"of woman"', sort, limit: '10' })))
      expect(reads.count).toBe(0)
      expect(outcome.total).toBe(30)
      expect(outcome.truncated).toBe(false)
    }
    // A phrase left out is answered from the index too.
    reads.count = 0
    expect((await executeSearch(index, parseSearchParams(new URLSearchParams({ q: 'woman -"woman of"' })))).total).toBe(30)
    expect((await executeSearch(index, parseSearchParams(new URLSearchParams({ q: 'woman -"of woman"' })))).total).toBe(90)
    expect(reads.count).toBe(0)
  })

  it('reads only the candidates that have the phrase: every pair finds candidates, every run of three rules them out', async () => {
    // Every story has "sort", "of" and "woman"; only 30 have both pairs of "sort of woman", and 10 of those have it.
    const bodies = Array.from({ length: 120 }, (_, i) =>
      i % 4 === 0 ? (i % 12 === 0 ? 'She was the sort of woman who waited.' : 'A sort of hat; the son of woman waited.') : 'A woman of some sort waited.',
    )
    const { index, reads } = await served(bodies)
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"sort of woman"', sort: 'newest', limit: '100' })))
    expect(outcome.total).toBe(10)
    expect(reads.count).toBe(10)
  })

  it('offers a correction of a phrase without reading a text: its runs of three words say it finds stories', async () => {
    const bodies = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 'She was the sort of woman who waited.' : 'A woman of some sort waited.'))
    const { index, reads } = await served(bodies)
    const typoed = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"sort of womam"' })))
    expect(typoed.total).toBe(0)
    expect(typoed.didYouMean).toBe('"sort of woman"')
    expect(reads.count).toBe(0)
    // The correction, searched, finds what its runs promised; its page is read, no more.
    const corrected = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"sort of woman"', limit: '10' })))
    expect(corrected.matches).toHaveLength(10)
    expect(reads.count).toBe(10)
  })

  it('offers no correction whose pairs every candidate has but whose run of three words none has, and reads nothing', async () => {
    const bodies = Array.from({ length: 40 }, () => 'A sort of hat; the son of woman waited.')
    const { index, reads } = await served(bodies)
    const typoed = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"sort of womam"' })))
    expect(typoed.total).toBe(0)
    expect(typoed.didYouMean).toBeNull()
    expect(reads.count).toBe(0)
  })

  it('checks a longer correction against the text: its runs may all stand apart', async () => {
    // "the sort of" and "sort of woman" in every story, "the sort of woman" in none.
    const bodies = Array.from({ length: 40 }, () => 'Not the sort of hat; a sort of woman.')
    const { index, reads } = await served(bodies)
    const typoed = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: '"the sort of womam"' })))
    expect(typoed.didYouMean).toBeNull()
    expect(reads.count).toBeGreaterThan(0)
  })

  it('reads a text for a correction only where the runs of three words cannot settle it', () => {
    const settled = (q: string) => settledByRuns(parseQuery(q).root!)
    expect(settled('"sort of woman" waited')).toBe(true)
    expect(settled('"of woman"')).toBe(true)
    // Four words: "a b c" and "b c d" may stand apart. A field: the runs cover every field together. An OR: its
    // plain words are looked for in the text.
    expect(settled('"the sort of woman"')).toBe(false)
    expect(settled('title:"sort of woman"')).toBe(false)
    expect(settled('"sort of woman" OR hat')).toBe(false)
    expect(settled('"of woman" OR hat')).toBe(true)
  })
})

describe('a phrase asked for beside an excluded one', () => {
  // 60 stories with "sort of man"; the even ones also have "the old grey dog", the odd ones each of its runs of three
  // words apart ("the old grey cat saw an old grey dog"), so only their text can clear them.
  const stories = numbered(60, 'd', (i) => `${'meadow '.repeat(i % 13)}He was the sort of man who waited. ${i % 2 === 0 ? 'Then the old grey dog slept.' : 'Then the old grey cat saw an old grey dog.'}`)
  let paged: SearchIndex
  beforeAll(async () => {
    paged = (await indexInMemory(stories)).index
  })
  const read: number[] = []
  const page = async (params: Record<string, string>) => {
    read.length = 0
    const outcome = await executeSearch(noticingReads(paged, (shortId) => read.push(shortId)), parseSearchParams(new URLSearchParams({ q: '"sort of man" -"the old grey dog"', ...params })))
    return { ...outcome, ids: outcome.matches.map((match) => paged.table.id(match.shortId)) }
  }

  it('fills each page with stories that have the one and not the other, as a check of every story would', async () => {
    const full = await page({ limit: '100' })
    expect(full.total).toBe(30)
    expect(full.truncated).toBe(false)
    expect(full.ids.every((id) => Number(id.slice(1)) % 2 === 1)).toBe(true)
    for (const n of [1, 2, 3]) {
      const shown = await page({ limit: '10', page: String(n) })
      expect(shown.ids).toEqual(full.ids.slice((n - 1) * 10, n * 10))
    }
    // The first page reads no further than it needs. The 30 stories with the excluded phrase rank first (their texts
    // are shorter), so it reads those and its own 10, and none of the other 20.
    await page({ limit: '10' })
    expect(new Set(read).size).toBeLessThanOrEqual(40)
    expect(new Set(read).size).toBeGreaterThan(10)
  })
})

describe('a phrase whose candidates fill more text packs than a search may read', () => {
  // 480 stories with the pairs "to do" and "do you"; every 20th has "to do you", the others only its pairs apart. A
  // check reads a candidate's pack (its runs of three words) before anything else: about 200 packs for ten matches.
  // Lengths differ, so scores do: a check reaches the ones with the phrase among the others, about one in twenty.
  const stories = numbered(480, 't', (i) => 'meadow '.repeat(i % 23) + (i % 20 === 7 ? `I had things to do. Do you know? More to do you see, marker${i}.` : 'I had things to do. Do you know? More to do. Do you see, friend?'))
  const hasPhrase = (id: string) => Number(id.slice(1)) % 20 === 7
  // The whole answer, from packs of 1 MiB: every story in one, and no check stops.
  let fullIds: string[]
  beforeAll(async () => {
    const exact = (await indexInMemory(stories, { packBytes: 1024 * 1024 })).index
    const full = await executeSearch(exact, parseSearchParams(new URLSearchParams({ q, limit: '100' })))
    expect(full.total).toBe(24)
    expect(full.truncated).toBe(false)
    fullIds = full.matches.map((match) => exact.table.id(match.shortId))
  })
  // The same stories with a pack per story (`perPack` 1) or a few to a pack, every piece read noted.
  const searchPaged = async (packBytes: number, params: Record<string, string>) => {
    const { pieces, summary } = await indexInMemory(stories, { packBytes })
    const read: string[] = []
    const index = await PagedIndex.open(summary.directory, async (name) => (read.push(name), pieces.get(name) ?? null))
    const packs = summary.directory.packs.pieces.length
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams(params)))
    const textReads = read.filter((name) => summary.directory.packs.pieces.includes(name))
    return { ...outcome, packs, textReads, ids: outcome.matches.map((match) => index.table.id(match.shortId)) }
  }
  const q = '"to do you"'

  it('reads no more packs than the budget, and shows the first matches of those it checked', async () => {
    const paged = await searchPaged(1, { q, limit: '10' })
    expect(paged.packs).toBe(480)
    // Each pack read once: the budget's, and no pack beyond it (the stories shown are among them).
    expect(paged.textReads.length).toBeLessThanOrEqual(PHRASE_PACKS.packs)
    expect(new Set(paged.textReads).size).toBe(paged.textReads.length)
    // The stories shown have the phrase, and are the first a full check shows: it checked the best candidates.
    expect(paged.ids.length).toBeGreaterThan(0)
    expect(paged.ids.length).toBeLessThan(10)
    expect(paged.ids.every(hasPhrase)).toBe(true)
    expect(paged.ids).toEqual(fullIds.slice(0, paged.ids.length))
    // The rest are counted at the rate seen: an estimate, said to be one.
    expect(paged.truncated).toBe(true)
    expect(paged.total).toBeGreaterThanOrEqual(paged.ids.length)
    expect(paged.total).toBeLessThan(480)
  })

  it('checks the other candidates in the packs it read, reading no more: the page shows the matches they hold too', async () => {
    const onePerPack = await searchPaged(1, { q, limit: '10' })
    // Four stories to a pack: the packs read before the budget is spent hold candidates it never reached.
    const shared = await searchPaged(1600, { q, limit: '10' })
    expect(shared.packs).toBeGreaterThan(2 * PHRASE_PACKS.packs)
    expect(shared.textReads.length).toBeLessThanOrEqual(PHRASE_PACKS.packs)
    expect(new Set(shared.textReads).size).toBe(shared.textReads.length)
    expect(shared.ids.every(hasPhrase)).toBe(true)
    // The first matches of the candidates checked in order, as with a pack per story; then matches from further down
    // the order, found in the packs read: not the exact page's next ones.
    expect(shared.ids.slice(0, onePerPack.ids.length)).toEqual(onePerPack.ids)
    expect(shared.ids.length).toBeLessThanOrEqual(10)
    expect(shared.ids.filter((id) => !fullIds.slice(0, shared.ids.length).includes(id)).length).toBeGreaterThan(0)
    expect(shared.truncated).toBe(true)
  })

  it('answers a search the same way however often an isolate is asked it, and checks an excluded phrase within the packs', async () => {
    const { pieces, summary } = await indexInMemory(stories, { packBytes: 1 })
    const index = await PagedIndex.open(summary.directory, async (name) => pieces.get(name) ?? null)
    // The packs a search needs, whether the isolate's cache has them or not.
    const touched = new Set<string>()
    const touch = (shortId: number) => touched.add(index.textPiece(shortId)!.name)
    const watched: SearchIndex = {
      table: index.table,
      textPiece: (shortId) => index.textPiece(shortId),
      search: (query, options) => index.search(query, options),
      storiesWith: (terms) => index.storiesWith(terms),
      wordsNear: (word, distance) => index.wordsNear(word, distance),
      record: (shortId) => (touch(shortId), index.record(shortId)),
      storyText: (shortId) => (touch(shortId), index.storyText(shortId)),
      phraseStory: (shortId) => (touch(shortId), index.phraseStory(shortId)),
      storyTriples: (shortId) => (touch(shortId), index.storyTriples(shortId)),
    }
    const ask = async (query: string) => {
      touched.clear()
      const outcome = await executeSearch(watched, parseSearchParams(new URLSearchParams({ q: query, limit: '100' })))
      return { ids: outcome.matches.map((match) => index.table.id(match.shortId)), total: outcome.total, packs: touched.size }
    }
    // What the first search checked is remembered, and still counts: the next ones stop where it stopped.
    const first = await ask(q)
    expect(first.packs).toBe(PHRASE_PACKS.packs)
    // Every match has "more to do you", an excluded phrase no search checked before: its check of the matches (the
    // wanted phrase's answers remembered) reads their packs, counted already, and no other.
    const both = await ask('"to do you" -"more to do you"')
    expect(both.ids).toEqual([])
    expect(both.packs).toBeLessThanOrEqual(PHRASE_PACKS.packs)
    for (let i = 0; i < 3; i++) {
      const again = await ask(q)
      expect({ ids: again.ids, total: again.total }).toEqual({ ids: first.ids, total: first.total })
    }
  })

  it('settles an excluded phrase within the budget: none of it shown, the rest left out unread', async () => {
    // Every story has "know" and both pairs: a page of 100 would settle 100 candidates, a pack each.
    const page = await searchPaged(1, { q: 'know -"to do you"', limit: '100' })
    expect(page.textReads.length).toBeLessThanOrEqual(PHRASE_PACKS.packs)
    expect(page.ids.length).toBeGreaterThan(0)
    expect(page.ids.filter(hasPhrase)).toEqual([])
    expect(page.truncated).toBe(true)
    // Four stories to a pack: past the budget, the candidates in the packs read are still settled, and shown.
    const shared = await searchPaged(1600, { q: 'know -"to do you"', limit: '100' })
    expect(shared.textReads.length).toBeLessThanOrEqual(PHRASE_PACKS.packs)
    expect(shared.ids.filter(hasPhrase)).toEqual([])
    expect(shared.ids.length).toBeGreaterThan(2 * PHRASE_PACKS.packs + 10)
  })

  it('leaves the phrase exact when its candidates fit the budget', async () => {
    const all = await searchPaged(1, { q: '"to do you" marker7', limit: '10' })
    expect(all.ids).toEqual(['t007'])
    expect(all.truncated).toBe(false)
  })
})

describe('an excluded phrase with more candidates than a search checks', () => {
  // 600 stories with "waited" and the pairs "sort of", "of man"; every third has "sort of man". One pack holds them
  // all, so only MAX_PHRASE_CANDIDATES stops the checks.
  const stories = numbered(600, 'm', (i) => 'meadow '.repeat(i % 17) + (i % 3 === 0 ? 'He was the sort of man who waited.' : 'A sort of hat, the son of man waited.'))
  let index: SearchIndex
  beforeAll(async () => {
    index = (await indexInMemory(stories)).index
  })
  const page = async (n: number) => {
    const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q: 'waited -"sort of man"', limit: '100', page: String(n) })))
    return { ...outcome, ids: outcome.matches.map((match) => index.table.id(match.shortId)) }
  }

  it('leaves out, unread, the candidates past the checks, and counts them at the rate the checked ones had it', async () => {
    expect(MAX_PHRASE_CANDIDATES).toBeLessThan(600)
    // Page 6 needs 600 stories settled: every one is a candidate, and only the first 500 are checked.
    const last = await page(6)
    expect(last.truncated).toBe(true)
    // 400 stories lack the phrase. Of the 500 checked about a third had it; the 100 left out count at that rate.
    expect(last.total).toBeGreaterThan(400 - 20)
    expect(last.total).toBeLessThan(400 + 20)
    // No page shows a story with the phrase, checked or not: those left out are not shown.
    const shown = (await Promise.all([1, 2, 3, 4, 5, 6].map(page))).flatMap((outcome) => outcome.ids)
    expect(shown.filter((id) => Number(id.slice(1)) % 3 === 0)).toEqual([])
    expect(new Set(shown).size).toBe(shown.length)
    // The checked candidates without it are all shown: 500 checked, about two thirds of them.
    expect(shown.length).toBeGreaterThan(300)
    expect(shown.length).toBeLessThan(400)
  })
})
