// The byte search must answer as the phrase's pattern does on the decoded text: checked on generated texts made of
// the characters that decide a match in a plain story (joiners of every kind, letters in either case, digits,
// punctuation of one, two and three UTF-8 bytes, and the characters whose UTF-8 differs from a joiner's in one byte).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toUtf8 } from '../../core/binary'
import { mayFoldBeyondAscii } from '../../core/text'
import type { StoryRecord } from '../../core/story-record'
import { containsPhrase } from './phrases'

const story = (body: string | Uint8Array) =>
  ({ id: 's', title: '', authors: [], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '', body }) as unknown as StoryRecord

/** Whether the text has the phrase: by the ASCII pattern on the string, and by the byte search on its UTF-8. */
const both = (text: string, phrase: string) => [containsPhrase(story(text), phrase, 'body', true), containsPhrase(story(toUtf8(text)), phrase, 'body', true)]

describe('a phrase in UTF-8 bytes', () => {
  it('is found where the pattern finds it in the text, and only there', () => {
    expect(both('He said, "Sort\n\nof, MAN!" and left.', 'sort of man')).toEqual([true, true])
    expect(both('the sort of man-made hat', 'sort of man')).toEqual([false, false])
    expect(both('a well‐known sort', 'known sort')).toEqual([false, false])
    expect(both('He’d gone home.', "he'd gone")).toEqual([true, true])
    expect(both('It was Mr. Knightley’s letter.', 'mr knightley')).toEqual([true, true])
    expect(both('Mr. Knightley’sx letter', 'mr knightley')).toEqual([false, false])
    expect(both('Let’s go', 'let go')).toEqual([false, false])
    expect(both('to—do 🙂 you', 'to do you')).toEqual([true, true])
    expect(both('x’to do you', 'to do you')).toEqual([false, false])
    expect(both('’to do you', 'to do you')).toEqual([true, true])
  })

  it('agrees with the pattern on any text folding leaves as it is', () => {
    const pieces = [
      'to', 'To', 'TO', 'do', 'you', 'YOU', "you's", 'you’s', 'youS', 'yous', 'let', "let's", 'go', 'he', "he'd", 'he‘d', 'he‛d', 'he′d', 'he`d',
      'well', 'known', 'well-known', 'well‐known', 'well‑known', 'clark', 'lana', 'clark/lana', '2nd', 'x', 's', 'S', 'o',
      ' ', '  ', ',', '.', '\n\n', '—', '–', '“', '”', '…', '-', '‐', '‑', "'", '’', '‘', '`', '′', '/', '_', '\u00A0', '©', '',
      // One byte from a joiner: ‒ U+2012, ‚ U+201A, ‟ U+201F, ″ U+2033, ⁄ U+2044 (E2 81 84), ‏ U+200F.
      '‒', '‚', '‟', '″', '⁄', '\u200F',
    ]
    const phrases = ['to do you', 'do you', "you's", "he'd", 'let go', "let's go", 'well-known', 'known clark', 'clark/lana x', 'the 2nd', 'x s', 'o to', 's']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(...phrases), (parts, phrase) => {
        const text = parts.join('')
        fc.pre(!mayFoldBeyondAscii(text))
        const [byPattern, byBytes] = both(text, phrase)
        expect(byBytes).toBe(byPattern)
      }),
      { numRuns: 5000 },
    )
  })
})
