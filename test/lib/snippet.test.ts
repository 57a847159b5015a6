import { describe, expect, it } from 'vitest'
import { makeSnippet } from '../../worker/lib/snippet'

const marked = (snippet: ReturnType<typeof makeSnippet>) => snippet!.highlights.map(([a, b]) => snippet!.text.slice(a, b))

describe('makeSnippet', () => {
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
