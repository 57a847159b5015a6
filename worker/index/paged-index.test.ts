// The paged index against the whole index: pieces round-trip, MiniSearch's internals are where the paged index
// expects them, and every search answers exactly as one MiniSearch index over the whole archive does.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { WholeIndex } from '../../index-builder/whole-index'
import { readArchive } from '../../index-builder/scan-archive'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { MINISEARCH_OPTIONS } from '../../core/index-contract'
import { PagedIndex } from './paged-index'
import { executeSearch, type SearchIndex } from '../search/search'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'
import { DictionaryPiece, bucketWords, bucketsOf, decodeDictionaryPiece, encodeDictionaryPiece, termsWithin } from '../../core/term-dictionary'
import { TermPage, encodeTermPage, pageFor, pagesForPrefix } from '../../core/term-pages'
import { TextPack, encodeTextPack, storyText } from '../../core/text-packs'
import { packStory } from '../../index-builder/write-index'
import { DEMO_ARCHIVE } from '../../test/_helpers'

const ROOT = join(import.meta.dirname, '..', '..')

/** The reference: Levenshtein's distance over UTF-16 code units, as MiniSearch counts it, the whole table. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = current
  }
  return previous[b.length]!
}

describe('MiniSearch internals the paged index relies on', () => {
  it('is the pinned MiniSearch version', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'minisearch', 'package.json'), 'utf8')).version
    const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies.minisearch
    expect(pinned).toBe('7.2.0')
    expect(installed).toBe(pinned)
  })

  it('keeps its term map, id map, field lengths, averages, count, stored fields and field ids where the paged index sets them', () => {
    const engine = new MiniSearch(MINISEARCH_OPTIONS) as unknown as Record<string, unknown>
    for (const name of ['_index', '_documentIds', '_fieldLength', '_storedFields']) expect(engine[name], name).toBeInstanceOf(Object)
    expect(Array.isArray(engine._avgFieldLength)).toBe(true)
    expect(engine._documentCount).toBe(0)
    expect(engine._fieldIds).toEqual(Object.fromEntries(MINISEARCH_OPTIONS.fields.map((field, i) => [field, i])))
    // The planner asks the term map through these two methods, and nothing else, when it searches with the
    // contract's options (typos are looked up beforehand, not by MiniSearch's fuzzy matching).
    const asked: string[] = []
    engine._index = { get: () => void asked.push('get'), atPrefix: () => (asked.push('atPrefix'), []), fuzzyGet: () => (asked.push('fuzzyGet'), new Map()) }
    ;(engine as unknown as MiniSearch).search({ queries: ['word'], prefix: true } as never)
    ;(engine as unknown as MiniSearch).search('a longer query')
    expect([...new Set(asked)].sort()).toEqual(['atPrefix', 'get'])
  })
})

describe('pieces round-trip', () => {
  it('a term page keeps its terms and postings, and finds pages by term and by prefix', () => {
    const entries = [
      { term: 'clark', fields: [{ fieldId: 0, docs: [1, 5, 900000], freqs: [1, 2, 70000] }, { fieldId: 8, docs: [2], freqs: [3] }] },
      { term: 'clarks', fields: [{ fieldId: 8, docs: [0], freqs: [1] }] },
      { term: 'zürich', fields: [{ fieldId: 8, docs: [3], freqs: [1] }] },
      { term: '𝒜lpha', fields: [{ fieldId: 8, docs: [4], freqs: [1] }] },
    ]
    const page = TermPage.decode(encodeTermPage(entries))
    expect(page.terms).toEqual(entries.map((entry) => entry.term))
    const clark = page.dataAt(page.indexOf('clark'))
    expect([...clark.keys()]).toEqual([0, 8])
    expect([...clark.get(0)!]).toEqual([[1, 1], [5, 2], [900000, 70000]])
    expect(clark.get(0)!.get(5)).toBe(2)
    expect(clark.get(0)!.size).toBe(3)
    expect(page.indexOf('clar')).toBe(-1)
    const firsts = ['apple', 'cla', 'clark', 'dog']
    expect(pageFor(firsts, 'clarity')).toBe(1)
    expect(pageFor(firsts, 'aardvark')).toBe(-1)
    expect(pagesForPrefix(firsts, 'cl')).toEqual([0, 1, 2])
    expect(pagesForPrefix(firsts, 'clarks')).toEqual([2])
  })

  it('a damaged term page is refused, not misread', () => {
    const bytes = encodeTermPage([{ term: 'a', fields: [{ fieldId: 0, docs: [1], freqs: [1] }] }])
    expect(() => TermPage.decode(bytes.subarray(0, bytes.length - 1))).toThrow()
  })

  it('the dictionary keeps its buckets, and measures edits as MiniSearch does', () => {
    const buckets = [
      { skip: 0, first: 'w', length: 5, terms: ['whale', 'while', 'whole'] },
      { skip: 1, first: 'h', length: 4, terms: ['whale', 'while', 'whole'] },
      { skip: 0, first: '\ud835', length: 6, terms: ['𝒜lpha'] },
    ]
    expect(decodeDictionaryPiece(encodeDictionaryPiece(buckets))).toEqual(buckets)
    // Code units, as MiniSearch counts edits: a bucket may start inside a surrogate pair.
    expect(bucketsOf('𝒜lp')).toEqual([
      { skip: 0, first: '\ud835', length: 4 },
      { skip: 1, first: '\udc9c', length: 3 },
      { skip: 2, first: 'l', length: 2 },
      { skip: 3, first: 'p', length: 1 },
      { skip: 4, first: '', length: 0 },
    ])
    expect(bucketsOf('q')).toEqual([{ skip: 0, first: 'q', length: 1 }, { skip: 1, first: '', length: 0 }])
  })

  it('a typo lookup finds exactly the words a check of every word finds, whatever they share', () => {
    // Words over a small alphabet share long beginnings, so the lookup's shared rows and skipped runs are exercised.
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const letters = ['a', 'b', 'c', 'd', 'é', '𝒜']
    const word = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => letters[Math.floor(random() * letters.length)]).join('')
    const words = [...new Set(Array.from({ length: 3000 }, word))]
    const packed = DictionaryPiece.decode(encodeDictionaryPiece(bucketWords(words))).buckets
    const queries = [...words.slice(0, 40), ...Array.from({ length: 40 }, word)]
    for (const query of queries) {
      for (const distance of [1, 2]) {
        const expected = words.filter((w) => levenshtein(query, w) <= distance).sort()
        const found = termsWithin(packed, query, distance)
        expect([...found.keys()].sort(), `${query} within ${distance}`).toEqual(expected)
        for (const [w, d] of found) expect(d).toBe(levenshtein(query, w))
      }
    }
  })

  it('a text pack gives each story back, text chunk by chunk, and nothing for a story it does not hold', async () => {
    const paragraph = 'Zürich — “quoted”, and the whale. '.repeat(40)
    const record = fullRecord({ id: 'a', title: 'A', body: Array.from({ length: 60 }, () => paragraph).join('\n\n') })
    const pack = TextPack.decode(encodeTextPack([packStory(7, record), packStory(9, { ...record, id: 'b', body: '' })]))
    const text = storyText(pack.story(7)!)
    expect(text.meta).toMatchObject({ id: 'a', title: 'A' })
    expect(text.meta).not.toHaveProperty('body')
    expect(text.chunkCount).toBeGreaterThan(1)
    expect(Array.from({ length: text.chunkCount }, (_, i) => text.chunk(i)).join('')).toBe(record.body)
    // Chunks end at paragraph breaks.
    for (let i = 0; i < text.chunkCount - 1; i++) expect(text.chunk(i).endsWith('\n\n')).toBe(true)
    expect(storyText(pack.story(9)!).chunkCount).toBe(0)
    expect(pack.story(8)).toBeNull()
    // The whole text's UTF-8 at once, for phrase checks: the chunks' bytes back to back, and none of the metadata.
    expect(new TextDecoder().decode(text.utf8())).toBe(record.body)
    expect(storyText(pack.story(9)!).utf8().length).toBe(0)
  })

  it('a story read from a text pack holds a copy of its own bytes, not the pack: a kept text does not keep its pack alive', () => {
    const records = ['a', 'b', 'c'].map((id) => fullRecord({ id, title: id.toUpperCase(), body: `${id} walked on. `.repeat(3000) }))
    // The pack as a view into a larger buffer, as a piece may be.
    const encoded = encodeTextPack(records.map((record, i) => packStory(i, record)))
    const bytes = new Uint8Array(encoded.length + 37)
    bytes.set(encoded, 37)
    const text = storyText(TextPack.decode(bytes.subarray(37)).story(1)!)
    // Its UTF-8 is the story's alone, in a buffer of the story's size (metadata and text), not a view of the pack's.
    expect(new TextDecoder().decode(text.utf8())).toBe(records[1]!.body)
    const held = text.utf8().buffer.byteLength
    expect(held).toBeLessThan(encoded.byteLength / 2)
    expect(held).toBeGreaterThan(text.utf8().byteLength)
    // What it says it holds counts that copy.
    expect(text.bytes).toBeGreaterThanOrEqual(held)
    // The pack's bytes changing afterwards (a buffer reused) changes nothing of the text.
    bytes.fill(0)
    expect(Array.from({ length: text.chunkCount }, (_, i) => text.chunk(i)).join('')).toBe(records[1]!.body)
    expect(new TextDecoder().decode(text.utf8())).toBe(records[1]!.body)
    expect(text.meta.id).toBe('b')
  })

  it('a phrase check reads a plain story of several chunks in its packed bytes, across a chunk break', async () => {
    // "sort of man" stands across the paragraph break where the text is cut into chunks.
    const body = `${'Plain words only. '.repeat(900)}a sort of\n\nman came in. ${'More plain words. '.repeat(900)}`
    const record = fullRecord({ id: 'long', title: 'Long', body, words: 3000 })
    const { index } = await indexInMemory([record])
    const shortId = index.table.shortIdOf('long')
    expect(index.table.plain[shortId]).toBe(1)
    const text = (await index.storyText(shortId))!
    expect(text.chunkCount).toBeGreaterThan(1)
    const story = (await index.phraseStory(shortId))!
    expect(story.body).toBeInstanceOf(Uint8Array)
    // One object while the text is kept: what a check works out about it is kept with it.
    expect(await index.phraseStory(shortId)).toBe(story)
    const total = async (q: string) => (await executeSearch(index, parseSearchParams(new URLSearchParams({ q })))).total
    expect(await total('"a sort of man"')).toBe(1)
    expect(await total('"of man came in"')).toBe(1)
    expect(await total('"sort of man went"')).toBe(0)
  })

  it('a phrase check reads plain stories not shown in their pack, and keeps nothing of them beyond the pack', async () => {
    const records = Array.from({ length: 4 }, (_, i) => fullRecord({ id: `s${i}`, title: `S${i}`, body: `Story ${i}: plain words only. `.repeat(400), words: 2000 }))
    const { index } = await indexInMemory(records)
    const shortIds = records.map((record) => index.table.shortIdOf(record.id))
    for (const shortId of shortIds) expect(index.table.plain[shortId]).toBe(1)
    expect(new Set(shortIds.map((shortId) => index.textPiece(shortId)!.name)).size).toBe(1)
    await index.phraseStory(shortIds[0]!)
    const held = index.cachedBytes
    for (const [i, shortId] of shortIds.entries()) {
      const story = (await index.phraseStory(shortId))!
      expect(story.id).toBe(`s${i}`)
      expect(new TextDecoder().decode(story.body as Uint8Array)).toBe(records[i]!.body)
    }
    // The one pack, read once; no copy of each story's text kept beside it.
    expect(index.cachedBytes).toBe(held)
  })

  it('a text pack says which chunks folding may change: a letter past ASCII, not curly quotes or dashes', () => {
    const body = ['Plain words only. '.repeat(1000), '“Quoted” — and he’d gone… '.repeat(700), 'She lived in Zürich. '.repeat(800)].join('\n\n')
    const text = storyText(TextPack.decode(encodeTextPack([packStory(1, fullRecord({ id: 'a', title: 'A', body }))])).story(1)!)
    expect(text.chunkCount).toBe(3)
    expect([0, 1, 2].map((i) => text.mayFold(i))).toEqual([false, false, true])
    // Asked again, the same answer (kept, not scanned again).
    expect(text.mayFold(2)).toBe(true)
  })

  it('a text pack keeps a character whose halves fall on either side of a chunk\'s end', () => {
    // No paragraph break to cut at: the cut lands at 16,000 code units, inside the emoji's surrogate pair.
    const body = `${'a'.repeat(15_999)}😀${'b'.repeat(10_000)}`
    const record = fullRecord({ id: 'a', title: 'A', body })
    const text = storyText(TextPack.decode(encodeTextPack([packStory(1, record)])).story(1)!)
    expect(text.chunkCount).toBe(2)
    expect(Array.from({ length: text.chunkCount }, (_, i) => text.chunk(i)).join('')).toBe(body)
  })
})

/** A story record with every field, these given. */
function fullRecord(fields: Partial<StoryRecord>): StoryRecord {
  return {
    id: 's', sourcePath: 's.txt', format: 'text', title: '', authors: [], rating: 'General', fandoms: [], relationships: [], characters: [], warnings: [], tags: [],
    summary: '', notes: '', series: null, body: '', words: 1, date: null, updated: null, chapters: [], complete: null, language: null, raw: {}, ...fields,
  } as unknown as StoryRecord
}

/** Stories enough for many term pages: the demo archive, the test archive, and 400 made-up ones. */
async function archive(): Promise<StoryRecord[]> {
  const demo = (await readArchive(DEMO_ARCHIVE)).stories
  const fixtures = (await readArchive(join(ROOT, 'test', 'fixtures', 'archive'))).stories.map((story) => ({ ...story, id: `fixtures--${story.id}` }))
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const syllables = ['ka', 'lo', 'mir', 'tes', 'ven', 'ul', 'dra', 'si', 'nor', 'pel', 'qua', 'ri', 'thal', 'ob', 'ze']
  const vocabulary = Array.from({ length: 900 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''))
  const names = ['Mira Vell', 'Oren Task', 'Lio Brand', 'Sela Quinn', 'Tam Orr']
  const made = Array.from({ length: 400 }, (_, i): StoryRecord => {
    const words = Array.from({ length: 40 + Math.floor(random() * 300) }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)])
    const cast = names.filter(() => random() < 0.4)
    const date = i % 9 ? `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}` : null
    return {
      id: `made--${String(i).padStart(3, '0')}`, sourcePath: `made/${i}.txt`, format: 'text', title: `${words[0]} ${words[1]}`, authors: [names[i % 5]!],
      rating: (['General', 'Teen', 'Mature', 'Explicit', 'Not Rated'] as const)[i % 5]!, fandoms: [i % 3 ? 'Made Up' : 'Other Place'], relationships: cast.length > 1 ? [`${cast[0]}/${cast[1]}`] : [],
      characters: cast, warnings: i % 7 ? [] : ['angst'], tags: [], summary: words.slice(2, 12).join(' '), notes: '', series: i % 11 ? null : { title: 'Made Series', part: i },
      date, updated: date, complete: i % 4 ? true : null, language: null, chapters: [], chaptersPlanned: null, words: words.length, wordsDeclared: null,
      readingMinutes: 1, body: words.join(' ') + (i % 5 === 0 ? ' He was the sort of man who waited.' : ' A man of some sort.'), raw: {}, extra: {},
    }
  })
  return [...demo, ...fixtures, ...made]
}

/**
 * Everything a search answers, for comparing two indexes. Scores are compared to 12 significant digits: MiniSearch
 * adds a story's per-term scores in the order it meets the terms, which for prefix and typo matches is its tree's
 * order in the whole index and term order in the paged one, so the last bit of a sum can differ (never the ranking).
 */
async function answer(index: SearchIndex, params: Record<string, string>) {
  const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams(params)))
  return {
    ...outcome,
    matches: outcome.matches.map((match) => ({ ...match, score: Number(match.score.toPrecision(12)), id: index.table.id(match.shortId), terms: [...match.terms].sort() })),
  }
}

const QUERIES = [
  'clark', 'lana', 'the', 'barn loft', 'loft', 'sunny', 'pike', 'q', 'kalo fovenul',
  // Typos in the first letters, one and two edits: `telescope` is found from each, as MiniSearch finds it.
  'xelescope', 'elescope', 'ttelescope', 'xqlescope', 'qxtelescope', 'lescope', 'xxxlescope', 'xelscope', 'telescope impala', 'route 66', 'kalo', 'mirtes ven', 'quathal', 'sortof',
  'telescpoe', 'impalla', 'meetor shower', 'embrase', 'kalomri', 'venuldra', 'qwxzv',
  'chloe goodb', 'lana espres', 'cl', 'ka', 'ven', 'dra', 'mirt',
  '"let her go"', '"sort of man"', '"of some sort"',
  'conner OR chloe', '(chloe | conner) goodbye', 'kalo OR ulsi',
  'lana -lex', 'clark -"let her go"', 'kalo -ven', 'man -"sort of man"',
  'title:symphony', 'author:aelita', 'pairing:clark/lana', 'character:"lana lang"', 'character:mira', 'summary:kalo',
  'rating:teen', 'warning:angst', 'words>1000', 'date>2015', 'lana date:2005-2007 words<1000', 'kalo rating:mature', '',
]

describe('the paged index answers as the whole index does', () => {
  let records: StoryRecord[]
  let paged: PagedIndex
  let whole: WholeIndex
  beforeAll(async () => {
    records = await archive()
    // Small pieces: hundreds of term pages, so prefixes, typo neighbours and phrases cross page boundaries.
    const built = await indexInMemory(records, { pageBytes: 600, pairPageBytes: 2400, packBytes: 4096, dictionaryBytes: 512 })
    paged = built.index
    whole = WholeIndex.build(records, paged)
    expect(built.summary.directory.termPages.pieces.length).toBeGreaterThan(100)
  }, 60_000)

  it.each(QUERIES)('%j: same total, page, scores, matched terms, facets and correction, in every order and on later pages', async (q) => {
    for (const sort of ['relevance', 'newest', 'title', 'longest']) {
      for (const page of ['1', '2']) {
        const params = { q, sort, page, limit: '7', facet_limit: '20' }
        expect(await answer(paged, params), `${q} sorted by ${sort}, page ${page}`).toEqual(await answer(whole, params))
      }
    }
  })

  it('with filters from parameters too', async () => {
    for (const params of [
      { q: 'kalo', rating: 'Teen', fandom: 'Made Up' },
      { q: 'ven', character: 'Mira Vell', relationship: '-Mira Vell/Oren Task', words_min: '100' },
      { q: '', date_from: '2015', date_to: '2020-05', complete: 'true' },
      { q: 'dra', author: 'Tam Orr', sort: 'author' },
    ] as Record<string, string>[]) {
      expect(await answer(paged, params)).toEqual(await answer(whole, params))
    }
  })

  it('keeps its cache within the budget under many distinct queries, and still answers the same', async () => {
    const budget = 64 * 1024
    const built = await indexInMemory(records, { pageBytes: 600, pairPageBytes: 2400, packBytes: 4096, dictionaryBytes: 512 })
    const small = new PagedIndex(built.summary.directory, built.index.table, async (name) => built.pieces.get(name) ?? null, budget)
    const words = [...new Set(records.flatMap((record) => record.body.split(/\s+/).slice(0, 5)))].slice(0, 300)
    let largest = 0
    for (const [i, word] of words.entries()) {
      // Every fifth a phrase: whole stories are read to check it, and count as such.
      await answer(small, { q: i % 5 === 0 ? `"${word}"` : word })
      largest = Math.max(largest, small.cachedBytes)
    }
    // One piece over the budget at most: the one just read is never evicted while a request uses it.
    expect(largest).toBeLessThan(budget + 64 * 1024)
    for (const q of ['kalo', 'clark', 'the', 'telescpoe']) expect(await answer(small, { q })).toEqual(await answer(whole, { q }))
  }, 60_000)
})
