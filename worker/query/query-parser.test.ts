// The query parser, case by case and by property (fast-check): it never throws, what it reads it can write back,
// and what it cannot read it searches as plain words.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_QUERY_TERMS, formatQuery, lastTermNode, parseQuery, type ParsedQuery } from './query-parser'

/** What a search does with a parsed query: everything but the `usesSyntax` hint. */
const meaning = ({ root, exclude, ratings, series, ranges }: ParsedQuery) => ({ root, exclude, ratings, series, ranges })

/** Query-language pieces, valid and broken, so generated queries reach every branch of the lexer and parser. */
const WORD = fc.constantFrom('clark', 'lana', 'Zürich', "it's", 'clark/lana', 'almost-expulsion', '3', '15', 'OR', 'AND', 'a', 'ÉCOLE', '💙')
const PIECE = fc.oneof(
  WORD,
  WORD.map((word) => `-${word}`),
  fc.tuple(WORD, WORD).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(WORD, WORD).map(([a, b]) => `-"${a} ${b}"`),
  fc.tuple(fc.constantFrom('title', 'author', 'by', 'pairing', 'ship', 'character', 'text', 'tag', 'fandom', 'summary', 'warning', 'note', '3'), WORD).map(([f, w]) => `${f}:${w}`),
  fc.tuple(fc.constantFrom('author', 'character', 'title', 'nope'), WORD, WORD).map(([f, a, b]) => `${f}:"${a} ${b}"`),
  fc.constantFrom('rating:teen', '-rating:explicit', 'rating:"teen and up"', 'series:symphony', '-series:"island lights"', 'words>1000', 'words<1k', 'words:1,000-5k', 'words>=0', 'words<=1000000000', 'words>1000000000'),
  fc.constantFrom('date>2008', 'date<2010-05', 'date:2005-2007', 'date>=2001-02-03', 'date<=9999', 'date>9999-12', 'date:0000', 'date>2010-13', 'words>x'),
  fc.constantFrom('(', ')', '|', '-', ':', '"', '“', '”', '-(', '()', 'a:', ':b', '\u00a0', '\t'),
)
const QUERY = fc.array(PIECE, { maxLength: 40 }).map((pieces) => pieces.join(' '))

describe('parseQuery', () => {
  it('reads series: as a filter, quoted or not, and writes it back', () => {
    const parsed = parseQuery('lamp series:"Island Lights" -series:symphony')
    expect(parsed.series).toEqual({ include: ['Island Lights'], exclude: ['symphony'] })
    expect(meaning(parsed).root).toEqual({ type: 'term', text: 'lamp', field: null })
    expect(formatQuery(parsed)).toBe('lamp series:"Island Lights" -series:"symphony"')
  })

  it('reads a quoted rating as a filter, not as words to find, and writes it back quoted', () => {
    const parsed = parseQuery('gulls rating:"not rated" -rating:"teen and up"')
    expect(parsed.ratings).toEqual({ include: ['not rated'], exclude: ['teen and up'] })
    expect(parsed.root).toEqual({ type: 'term', text: 'gulls', field: null })
    expect(formatQuery(parsed)).toBe('gulls rating:"not rated" -rating:"teen and up"')
  })

  it('reads plain words as terms that all must match', () => {
    expect(meaning(parseQuery('clark lana'))).toEqual({
      root: { type: 'and', children: [{ type: 'term', text: 'clark', field: null }, { type: 'term', text: 'lana', field: null }] },
      exclude: [],
      ratings: { include: [], exclude: [] },
      series: { include: [], exclude: [] },
      ranges: { wordsMin: null, wordsMax: null, dateFrom: null, dateBefore: null },
    })
  })

  it('binds OR tighter than the implicit AND, and groups with parentheses', () => {
    expect(parseQuery('a b OR c').root).toEqual({
      type: 'and',
      children: [{ type: 'term', text: 'a', field: null }, { type: 'or', children: [{ type: 'term', text: 'b', field: null }, { type: 'term', text: 'c', field: null }] }],
    })
    expect(formatQuery(parseQuery('(a | b) c'))).toBe('(a OR b) c')
  })

  it('reads fields, exclusions, ratings and ranges apart from the words', () => {
    const parsed = parseQuery('title:symphony -lex -"let her go" rating:teen words>1000 date:2005-2007')
    expect(parsed.root).toEqual({ type: 'term', text: 'symphony', field: 'title' })
    expect(parsed.exclude).toEqual([{ type: 'term', text: 'lex', field: null }, { type: 'phrase', text: 'let her go', field: null }])
    expect(parsed.ratings).toEqual({ include: ['teen'], exclude: [] })
    expect(parsed.ranges).toEqual({ wordsMin: 1001, wordsMax: null, dateFrom: '2005', dateBefore: '2008' })
  })

  it(`keeps at most ${MAX_QUERY_TERMS} terms`, () => {
    const parsed = parseQuery(`${Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `w${i}`).join(' ')} extra -gone`)
    expect(parsed.root).toMatchObject({ type: 'and', children: { length: MAX_QUERY_TERMS } })
    expect(JSON.stringify(parsed)).not.toMatch(/extra|gone/)
  })

  it('searches a field it does not know as the words typed', () => {
    expect(parseQuery('3:15').root).toEqual({ type: 'term', text: '3:15', field: null })
  })

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), QUERY), (input) => {
        expect(() => parseQuery(input)).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('writes back every query it reads as text that parses to the same query', () => {
    fc.assert(
      fc.property(fc.oneof(QUERY, fc.string({ unit: 'grapheme', maxLength: 200 })), (input) => {
        const parsed = parseQuery(input)
        expect(meaning(parseQuery(formatQuery(parsed))), formatQuery(parsed)).toEqual(meaning(parsed))
      }),
      { numRuns: 2000 },
    )
  })

  it('reads text without query syntax as its words, all of which must match', () => {
    const plain = fc.array(fc.stringMatching(/^[\p{L}\p{N}'/.,!?-]{1,12}$/u).filter((word) => !/^-|^(OR|AND)$/.test(word)), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(plain, (words) => {
        const parsed = parseQuery(words.join(' '))
        const terms = words.map((text) => ({ type: 'term', text, field: null }))
        expect(parsed.root).toEqual(terms.length === 1 ? terms[0] : { type: 'and', children: terms })
        expect(parsed.exclude).toEqual([])
      }),
    )
  })

  it('reads an unclosed quote, a stray parenthesis, a lone dash or a dangling colon as if it were not there', () => {
    const words = fc.array(WORD.filter((word) => !['OR', 'AND'].includes(word)), { minLength: 1, maxLength: 8 })
    const stray = fc.constantFrom('"', ')', ' - ', ' : ')
    fc.assert(
      fc.property(words, stray, fc.nat(), (list, mark, at) => {
        const i = at % (list.length + 1)
        const broken = [...list.slice(0, i), mark, ...list.slice(i)].join(' ')
        const reading = meaning(parseQuery(broken)).root
        // The broken mark is dropped, or read as a word of its own (a lone `-`), never as syntax.
        const without = meaning(parseQuery(list.join(' '))).root
        const asWord = meaning(parseQuery([...list.slice(0, i), mark.trim(), ...list.slice(i)].join(' '))).root
        expect([without, asWord]).toContainEqual(reading)
      }),
    )
  })
})

describe('the word being typed', () => {
  const typing = (q: string) => {
    const root = parseQuery(q).root
    return root ? (lastTermNode(root)?.text ?? null) : null
  }

  it('is the last plain word, while the reader may still be typing it', () => {
    expect(typing('captain ah')).toBe('ah')
    expect(typing('clark/la')).toBe('clark/la')
    expect(typing('"call me" ish')).toBe('ish')
  })

  it('is none once sentence punctuation finishes the word, or a phrase closes the query', () => {
    for (const q of ['Dr.', 'he said,', 'the end!', 'why?', 'wait…', 'captain "call me"']) expect(typing(q)).toBeNull()
  })
})
