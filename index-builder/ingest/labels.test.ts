import { describe, expect, it } from 'vitest'
import { canonicalLabels, parseLabelLine } from './labels'

describe('canonicalLabels', () => {
  it.each([
    ['Pairing', ['relationships']], ['Pairings', ['relationships']], ['Relationship', ['relationships']], ['Ship', ['relationships']],
    ['Characters', ['characters']], ['Category', ['category']], ['Categories', ['category']], ['Genre', ['genre']],
    ['Warnings', ['warnings']], ['Archive Warning', ['warnings']], ['Rating', ['rating']], ['Rated', ['rating']],
    ['Fandom', ['fandoms']], ['Series', ['series']], ['Part', ['part']], ['Chapter', ['part']], ['Status', ['status']],
    ['Complete', ['status']], ['Date', ['date']], ['Posted', ['date']], ['Published', ['date']], ['Word Count', ['words']],
    ['Words', ['words']], ['Notes', ['notes']], ['A/N', ['notes']], ["Author's Notes", ['notes']], ['Author’s Note', ['notes']],
    ['Summary', ['summary']], ['Spoilers', ['spoilers']], ['Disclaimer', ['disclaimer']], ['Dedication', ['dedication']],
    ['Prompt', ['prompt']], ['Feedback', ['feedback']], ['Archive', ['archive']], ['AUTHOR', ['authors']], ['title', ['title']],
    ['Updated', ['updated']], ['Last Updated', ['updated']], ['Date Updated', ['updated']], ['Updated On', ['updated']],
    ['Last Update', ['updated']], ['Last Modified', ['updated']], ['Update', []], ['Completed', ['status']],
    ['Rating/Warnings', ['rating', 'warnings']], ['Part/Chapter', ['part']], ['Beta Reader', []], ['She said', []],
  ])('maps %j to %j', (label, canonical) => {
    expect(canonicalLabels(label)).toEqual(canonical)
  })
})

describe('parseLabelLine', () => {
  it('reads a known label with its value', () => {
    expect(parseLabelLine('Rating/Warnings: PG-13, angst')).toEqual({ label: 'Rating/Warnings', value: 'PG-13, angst', canonical: ['rating', 'warnings'] })
  })

  it('keeps an unknown label that is capitalized like a heading, with no canonical label', () => {
    expect(parseLabelLine('Beta Reader: Quill')).toEqual({ label: 'Beta Reader', value: 'Quill', canonical: [] })
  })

  it.each([
    'She said: "Run."',
    'He had one rule: never look back.',
    'The time was 10:30 when Clark arrived.',
    'It was simple: she was gone.',
    'Chapter 1: The Beginning',
  ])('does not take the story line %j for a label', (line) => {
    expect(parseLabelLine(line)).toBeNull()
  })
})
