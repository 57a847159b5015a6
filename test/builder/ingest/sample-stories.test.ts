import { beforeAll, describe, expect, it } from 'vitest'
import { parseStoryFile, type IngestOptions } from '../../../index-builder/ingest/index'
import { loadIngestOptions } from '../../../index-builder/ingest/options'
import type { StoryRecord } from '../../../core/story-record'
import { STORIES_DIR, storyBytes } from './_fixtures'

interface Expected {
  file: string
  title: string
  authors: string[]
  rating: StoryRecord['rating']
  rawRating: string | undefined
  relationships: string[]
  characters: string[]
  warnings: string[]
  summary: string
  date: string | null
  fandoms: string[]
  words: number
  wordsDeclared: number | null
  series: StoryRecord['series']
  /** Header, note, comment and footer text that must not be in the body. */
  notInBody: string[]
  /** Text that must be in the notes. */
  inNotes: string[]
  firstSentence: string
  lastSentence: string
}

// What a careful reader writes down for each of the five demo stories.
const STORIES: Expected[] = [
  {
    file: '000_cabcaac395bc47b5.txt',
    title: 'Healing',
    authors: ['Lala'],
    rating: 'General',
    rawRating: 'G',
    relationships: ['Clark Kent/Lana Lang'],
    characters: ['Clark Kent', 'Lana Lang'],
    warnings: [],
    summary: '"Good bye, my sweet Kal-El." And he\'s left screaming for the only person who can\'t come.',
    date: null,
    fandoms: ['Smallville'],
    words: 725,
    wordsDeclared: null,
    series: null,
    notInBody: ['Title:', 'Author: Lala', 'Pairing:', 'Spoilers: Memoria', 'I blame the Clana CD', 'Disclaimer', 'For my mom'],
    inNotes: ['I blame the Clana CD', 'Spoilers: Memoria.', 'Dedication: For my mom.'],
    firstSentence: "He'd thought it would get better.",
    lastSentence: 'Or try to.',
  },
  {
    file: '001_971dd5012805474c.txt',
    // The file is named by a hash: the story's first sentence is its title.
    title: 'He knew he kept the serum for a reason.',
    authors: [],
    rating: 'Not Rated',
    rawRating: undefined,
    relationships: [],
    characters: [],
    warnings: [],
    summary: '',
    date: null,
    fandoms: ['Smallville'],
    words: 503,
    wordsDeclared: null,
    series: null,
    notInBody: ['Just a brief little thing', 'Spoilers for Smallville'],
    inNotes: ['Just a brief little thing, now the pain is easing.', 'Spoilers for Smallville - "Void" and Infinite Crisis #6.'],
    firstSentence: 'He knew he kept the serum for a reason.',
    lastSentence: 'And maybe this time, it’ll be enough.',
  },
  {
    file: '002_a393d892c3336419.txt',
    title: 'Symphony, Part V',
    authors: [],
    rating: 'Teen',
    rawRating: 'PG-13, future AU (takes into account series up to Lexmas), soul-crushing angst',
    relationships: ['Lana Lang/Lex Luthor'],
    characters: ['Lana Lang', 'Lex Luthor'],
    warnings: ['future AU', 'soul-crushing angst'],
    summary: 'Peace.',
    date: '2006-01-21T19:20',
    fandoms: ['Smallville'],
    words: 594,
    wordsDeclared: 595,
    series: { title: 'Symphony', part: 5 },
    notInBody: ['most donest', 'Jan 21, 2006', 'Word Count', 'Rating/Warnings', 'buggered with DTS', 'symphony, fic', 'Previous post', 'Next post'],
    inNotes: ["What? I'm done?", '::cough::'],
    firstSentence: 'Lex opens the door of the apartment over the Talon without knocking.',
    lastSentence: 'She nods, and Lex knows that she understands.',
  },
  {
    file: '003_b56f4766e957859c.txt',
    title: 'Lex hugs her when he enters, gently, almost fearfully.',
    authors: ['Aelita'],
    rating: 'Not Rated',
    rawRating: undefined,
    relationships: [],
    characters: [],
    warnings: [],
    summary: '',
    date: null,
    fandoms: ['Smallville'],
    words: 1000,
    wordsDeclared: null,
    series: null,
    notInBody: ['by Aelita', 'Tower of Drabble', 'send feedback', 'why not join', 'Level Three', 'Records Room'],
    inNotes: ["This was written for Ian's Tower of Drabble challenge."],
    firstSentence: 'Lex hugs her when he enters, gently, almost fearfully.',
    lastSentence: 'It feels like goodbye.',
  },
  {
    file: '004_0000a776e102d203.txt',
    title: 'Let Her Go',
    authors: [],
    rating: 'Not Rated',
    rawRating: undefined,
    relationships: [],
    characters: [],
    warnings: [],
    summary: '',
    date: '2010-05-17',
    fandoms: ['Smallville'],
    words: 1036,
    wordsDeclared: null,
    series: null,
    notInBody: ['May 17, 2010', 'Let Her Go', 'Prompt:', 'Wow, that was a brilliant', 'OMG!', 'great story', 'leaveing', 'hiatus'],
    inNotes: ['Prompt: Missing Scene from ‘Salvation’'],
    firstSentence: 'Clark watched as Chloe spun on her heel and walked away from him.',
    lastSentence: 'Their team needed him…she needed him.',
  },
]

describe('the five demo stories', () => {
  let options: IngestOptions

  beforeAll(async () => {
    const loaded = await loadIngestOptions(STORIES_DIR)
    expect(loaded.problems).toEqual([])
    options = loaded.options
  })

  describe.each(STORIES)('$file', (expected) => {
    const parse = () => parseStoryFile(storyBytes(expected.file), expected.file, options)

    it('reads without problems, but says what it could not find', () => {
      const missing = [
        ...(expected.title.endsWith('.') ? [{ problem: 'no title in the file', action: `titled it "${expected.title}" from the first sentence of the story` }] : []),
        ...(expected.authors.length === 0 ? [{ problem: 'no author in the file', action: 'listed without an author' }] : []),
      ]
      expect(parse().problems).toEqual(missing.map((p) => ({ file: expected.file, ...p, severity: 'warning' })))
    })

    it('finds the title, authors, fandom, date and series a reader would write down', () => {
      const { record } = parse()
      expect(record.title).toBe(expected.title)
      expect(record.authors).toEqual(expected.authors)
      expect(record.fandoms).toEqual(expected.fandoms)
      expect(record.date).toBe(expected.date)
      expect(record.series).toEqual(expected.series)
      expect(record.summary).toBe(expected.summary)
    })

    it('normalizes the rating and keeps the raw value beside it', () => {
      const { record } = parse()
      expect(record.rating).toBe(expected.rating)
      expect(record.raw['rating']).toBe(expected.rawRating)
      expect(record.warnings).toEqual(expected.warnings)
    })

    it('reads relationships and characters through the aliases', () => {
      const { record } = parse()
      expect(record.relationships).toEqual(expected.relationships)
      expect(record.characters).toEqual(expected.characters)
    })

    it('counts words in the cleaned story and keeps the declared count apart', () => {
      const { record } = parse()
      expect(record.words).toBe(expected.words)
      expect(record.wordsDeclared).toBe(expected.wordsDeclared)
      expect(record.readingMinutes).toBe(Math.max(1, Math.round(expected.words / 250)))
    })

    it('keeps header, notes, comments and footers out of the body', () => {
      const { record } = parse()
      for (const text of expected.notInBody) expect(record.body).not.toContain(text)
      for (const text of expected.inNotes) expect(record.notes).toContain(text)
    })

    it('keeps the first and last sentences of the story in the body', () => {
      const { record } = parse()
      expect(record.body.startsWith(expected.firstSentence)).toBe(true)
      expect(record.body.endsWith(expected.lastSentence)).toBe(true)
    })

    it('separates paragraphs with exactly one blank line', () => {
      const { record } = parse()
      expect(record.body).not.toMatch(/\n{3,}/)
      expect(record.body.split('\n\n').every((paragraph) => paragraph.trim() === paragraph && paragraph !== '')).toBe(true)
    })
  })

  it('keeps the raw pairing of "Clark/Lana. Kinda." while dropping the aside from the relationship', () => {
    const { record } = parseStoryFile(storyBytes('000_cabcaac395bc47b5.txt'), '000_cabcaac395bc47b5.txt', options)
    expect(record.raw['relationships']).toBe('Clark/Lana. Kinda.')
  })

  it("keeps 002's journal heading and tag line as extra fields, not story text", () => {
    const { record } = parseStoryFile(storyBytes('002_a393d892c3336419.txt'), '002_a393d892c3336419.txt', options)
    expect(record.extra).toEqual({ Preamble: "You might say I'm the most donest of all.", 'Journal tags': 'symphony, fic' })
  })

  it('keeps curly quotes and ellipses as written in display text', () => {
    const { record } = parseStoryFile(storyBytes('000_cabcaac395bc47b5.txt'), '000_cabcaac395bc47b5.txt', options)
    expect(record.body).toContain('"I thought… I\'m sorry… I…"')
  })

  it('takes the fandom from the folder when the story sits in one', () => {
    const { record } = parseStoryFile(storyBytes('003_b56f4766e957859c.txt'), 'Supernatural/003.txt', options)
    expect(record.fandoms).toEqual(['Supernatural'])
  })
})
