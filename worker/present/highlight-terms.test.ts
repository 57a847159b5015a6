// Which words of a story page are marked for a query: forms, prefixes, and phrases only where they stand whole.
import { describe, expect, it } from 'vitest'
import { findMatches, matchTermsOf } from './highlight-terms'
import { parseQuery } from '../query/query-parser'

const marked = (text: string, query: string) => findMatches(text, matchTermsOf(parseQuery(query).root)).map(([start, end]) => text.slice(start, end))

describe('findMatches', () => {
  it.each([
    ['finds a word whatever its case', 'Clark looked at clark.', 'CLARK', ['Clark', 'clark']],
    ['finds other forms of a word by its stem', 'He kissed her; kisses followed.', 'kissing', ['kissed', 'kisses']],
    ['folds accents and curly apostrophes', 'He’d gone to Zürich.', "he'd zurich", ['He’d', 'Zürich']],
    ['finds the last word as a prefix, as the search did', 'The leather-clad hero.', 'lea', ['leather']],
    ['finds parts of joined words', 'A well-known secret.', 'known', ['known']],
    ['finds the words of a phrase', 'under the meteor shower', '"meteor shower"', ['meteor', 'shower']],
    ['marks a phrase only where it stands whole, not its words elsewhere', 'Me? Call me Ishmael, call me.', '"call me ishmael"', ['Call', 'me', 'Ishmael']],
    ['marks a phrase across punctuation and in its possessive', 'Mr. Knightley’s horse, and Mr Weston.', '"mr knightley"', ['Mr', 'Knightley']],
    ['marks a word typed loose everywhere, its phrase only whole', 'me, call me ishmael', '"call me ishmael" me', ['me', 'call', 'me', 'ishmael']],
    ['does not mark other forms or completions of a phrase word', 'calling me ishmaels', '"call me ishmael"', []],
    ['ignores excluded words', 'rain and kisses', 'kiss -rain', ['kisses']],
    ['ignores field names but keeps their values', 'Lana smiled', 'character:lana', ['Lana']],
    ['finds nothing for an empty query', 'anything at all', '', []],
    ['does not treat a short last word as a prefix', 'he held her hand', 'h', []],
    // The search finds neither: a stem of two letters is not the word it spells.
    ['does not mark a word of two letters that a word typed stems to', 'Ines waited in the hall; it uses us.', 'ines used', ['Ines', 'uses']],
  ])('%s', (_name, text, query, expected) => {
    expect(marked(text, query)).toEqual(expected)
  })

  it('marks the words a typo was searched as, for a word typed loose, never their other forms', () => {
    const meant = new Map([['fohgorn', new Map([['foghorn', 1], ['forlorn', 2]])], ['ishmal', new Map([['ishmael', 1]])]])
    const text = 'The foghorn, the foghorns, a forlorn keeper. Call me Ishmael.'
    const mark = (query: string) => findMatches(text, matchTermsOf(parseQuery(query).root, null, meant)).map(([start, end]) => text.slice(start, end))
    expect(mark('fohgorn')).toEqual(['foghorn', 'forlorn'])
    // Only for the words typed: the map's other entries mark nothing.
    expect(mark('keeper')).toEqual(['keeper'])
    // A word in a phrase is not a typo the search took for another word.
    expect(mark('"call me ishmal"')).toEqual([])
  })

  it('returns offsets in text order that slice the original text', () => {
    const text = 'Lana. Lana Lang!'
    expect(findMatches(text, matchTermsOf(parseQuery('lana').root))).toEqual([
      [0, 4],
      [6, 10],
    ])
  })
})
