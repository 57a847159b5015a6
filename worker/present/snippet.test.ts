// Snippets: the passages of a story that show why it matched, with the matched words' offsets.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findMatchingWords, makeSnippet as placed } from './snippet'

const makeSnippet = (...args: Parameters<typeof placed>) => placed(...args)?.snippet ?? null
import { STEM_MARK, foldForMatching, mayFoldBeyondAscii, stemOf } from '../../core/text'

const marked = (snippet: ReturnType<typeof makeSnippet>) => snippet!.highlights.map(([a, b]) => snippet!.text.slice(a, b))

describe('makeSnippet', () => {
  it('gets past a candidate that is no letter right after a word (a full-width comma after Chinese), every time', () => {
    // These once made the scan find the same comma forever: the search hung.
    expect(makeSnippet('灯塔已经黑了一年，岛上没有人。', ['original'])).toBeNull()
    expect(makeSnippet('Caf´s and more´ then the lighthouse', ['lighthouse'])!.highlights).toHaveLength(1)
    expect(makeSnippet('灯塔已经黑了一年，黑猫。', ['黑猫'])!.highlights).toHaveLength(1)
  })

  it('marks a word once when a sign that is no letter follows it', () => {
    // » and ´ sit in the range the scan treats as possible letters: the word before them was once found twice.
    expect(marked(makeSnippet('Er lebte in Zürich» und dann?', ['zurich']))).toEqual(['Zürich'])
    expect(marked(makeSnippet('The caf´ on the corner', ['caf']))).toEqual(['caf'])
  })

  it('says where its first passage’s first match is in the text', () => {
    const text = `${'Filler words here. '.repeat(30)}The foghorn sounded.`
    expect(placed(text, ['foghorn'])!.start).toBe(text.indexOf('foghorn'))
  })

  it('marks a phrase where it stands whole, not its words elsewhere in the passage', () => {
    const text = 'Tell me more, she said. Call me Ishmael, he said, and told me nothing.'
    const phrases = { phrases: [['call', 'me', 'ishmael']], loose: new Set<string>() }
    expect(marked(makeSnippet(text, ['call', 'me', 'ishmael'], { phrases }))).toEqual(['Call', 'me', 'Ishmael'])
    expect(marked(makeSnippet(text, ['call', 'me', 'ishmael']))).toEqual(['me', 'Call', 'me', 'Ishmael', 'me'])
  })

  it('finds a phrase of common words past the first hundreds of its words standing apart', () => {
    const text = `${'The rest of the crew sat at the side of the ship. '.repeat(60)}The machine bleated at the end of its scan. ${'Then the rest of them left. '.repeat(20)}`
    const phrases = { phrases: [['the', 'end', 'of']], loose: new Set<string>() }
    // Plain text, as the story table marks it: the phrase's pattern finds where to start.
    const snippet = makeSnippet(text, ['the', 'end', 'of'], { phrases, mayFold: false })
    expect(marked(snippet)).toEqual(['the', 'end', 'of'])
    expect(snippet!.text).toContain('at the end of its scan')
    // Text that folding may change has no pattern to say where: the scan goes on past its first batch of words.
    const scanned = makeSnippet(text, ['the', 'end', 'of'], { phrases })
    expect(marked(scanned)).toEqual(['the', 'end', 'of'])
  })

  it('shows nothing of a text a query of phrases alone is not in, and scans none of it', () => {
    const phrases = { phrases: [['she', 'feared', 'to']], loose: new Set<string>() }
    // Its words, and a stem of one, stand apart here: no passage of the phrase.
    expect(makeSnippet('She was afraid; fear came to her, and she feared nothing.', ['she', 'feared', 'to', '~~~fear'], { phrases, mayFold: false })).toBeNull()
    expect(marked(makeSnippet('At last she feared to speak.', ['she', 'feared', 'to'], { phrases, mayFold: false }))).toEqual(['she', 'feared', 'to'])
    // A word typed beside the phrase is still shown where the phrase is not.
    const loose = { phrases: phrases.phrases, loose: new Set(['fear']) }
    expect(marked(makeSnippet('Fear came to her.', ['she', 'feared', 'to', 'fear'], { phrases: loose, mayFold: false }))).toEqual(['Fear'])
  })

  it('returns null when no word matches', () => {
    expect(makeSnippet('Nothing to see here.', ['clark'])).toBeNull()
  })

  it('marks words whose folded form matches, keeping the original characters', () => {
    const snippet = makeSnippet('He’d gone to Zürich with CLARK.', ['zurich', 'clark'])
    expect(marked(snippet)).toEqual(['Zürich', 'CLARK'])
  })

  it('matches the parts of hyphenated and contracted words', () => {
    expect(marked(makeSnippet('A well-known face; he’d know it.', ['known', 'he']))).toEqual(['known', 'he'])
  })

  it('prefers the passage with the most distinct matched terms', () => {
    const text = `${'Clark walked. '.repeat(40)}${'filler words here. '.repeat(30)}Clark kissed Lana by the barn. ${'more filler. '.repeat(30)}`
    const snippet = makeSnippet(text, ['clark', 'lana'], { maxPassages: 1 })!
    expect(snippet.text).toContain('Clark kissed Lana')
  })

  it('gives at most two passages, in story order, joined by an ellipsis', () => {
    const text = `Lana opened the Talon. ${'x '.repeat(400)}Clark flew home. ${'y '.repeat(400)}`
    const snippet = makeSnippet(text, ['lana', 'clark'], { passageLength: 60 })!
    expect(snippet.text.indexOf('Lana')).toBeLessThan(snippet.text.indexOf('Clark'))
    expect(snippet.text).toContain(' … ')
    expect(marked(snippet)).toEqual(['Lana', 'Clark'])
  })

  it('folds runs of whitespace and line breaks to single spaces without shifting highlights', () => {
    const snippet = makeSnippet('First   line\n\n\nLana  here', ['lana'])!
    expect(snippet.text).toBe('First line Lana here')
    expect(marked(snippet)).toEqual(['Lana'])
  })
})

// The reference: every word of the text folded, stemmed and checked, as snippets were cut before the candidate regex.
function everyWordChecked(text: string, wanted: Set<string>) {
  const spans: { start: number; end: number; folded: string }[] = []
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)) {
    const folded = foldForMatching(match[0])
    const stem = [...wanted].some((term) => term.startsWith(STEM_MARK)) ? stemOf(folded) : null
    if (wanted.has(folded) || (stem !== null && wanted.has(STEM_MARK + stem))) {
      spans.push({ start: match.index, end: match.index + match[0].length, folded: stem ?? folded })
      continue
    }
    let offset = 0
    for (const part of folded.split(/['\-]/)) {
      if (part && wanted.has(part)) spans.push({ start: match.index + offset, end: match.index + offset + part.length, folded: part })
      offset += part.length + 1
    }
  }
  return spans.slice(0, 120)
}

describe('findMatchingWords', () => {
  // Inflections (stems that end differently: happy/happi), joiners, capitals, diacritics and other scripts.
  const vocabulary = ['happy', 'happiness', 'Happily', 'kissing', 'kissed', 'KISS', 'known', 'well-known', 'he’d', "he'd", 'Zürich', 'zurich', 'Clark', 'clark’s', 'Lana', 'relational', 'related', 'crying', 'cries', 'ties', 'x-known', 'naïve', 'naive', 'Ærin', 'дом', '2nd', 'Ahab', 'whaling', 'whales', '_whales_', 'éwhale', 'Straße', 'ﬁsh', 'fishing', '𝔸hab', 'ſo', 'hoping', 'hoped', 'probability', 'probable', 'bedded', 'bed', 'be', 'been']
  const wantedPool = ['happi', 'kiss', 'known', 'well-known', "he'd", 'he', 'zurich', 'clark', 'lana', 'relat', 'cri', 'ti', 'naive', 'aerin', 'дом', '2nd', 'whal', 'ahab', 'whale', 'fish', 'straße', 'so', 'hope', 'probabl', 'bed']
  const separators = [' ', '. ', ', ', '\n\n', '—', ' “', '” ', '-', '’']

  it('finds exactly the words a word-by-word check finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...separators)), { maxLength: 60 }),
        fc.uniqueArray(fc.tuple(fc.constantFrom(...wantedPool), fc.boolean()), { maxLength: 6, selector: ([term]) => term }),
        (words, picked) => {
          const text = words.map(([word, separator]) => word + separator).join('')
          const wanted = new Set(picked.map(([term, stemmed]) => (stemmed ? STEM_MARK + term : term)))
          expect(findMatchingWords(text, wanted)).toEqual(everyWordChecked(text, wanted))
          // Told that folding changes nothing, it scans with ASCII patterns alone, and finds the same.
          if (!mayFoldBeyondAscii(text)) expect(findMatchingWords(text, wanted, null, false)).toEqual(everyWordChecked(text, wanted))
        },
      ),
      { numRuns: 2000 },
    )
  })
})
