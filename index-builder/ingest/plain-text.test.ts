import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { fixtureBytes, utf8 } from '../../test/builder/ingest/_fixtures'

const aliases = { Clark: 'Clark Kent', Lana: 'Lana Lang', Chloe: 'Chloe Sullivan', Pete: 'Pete Ross', Martha: 'Martha Kent' }
const parseText = (text: string, path = 'story.txt') => parseStoryFile(utf8(text), path, { aliases })

describe('an eFiction-style Label: block', () => {
  const { record, problems } = parseStoryFile(fixtureBytes('efiction.txt'), 'efiction.txt', { aliases, defaultFandom: 'Smallville' })

  it('reads every field under its synonym', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'Under the Yellow Sun',
      authors: ['Tess M.'],
      rating: 'Explicit',
      relationships: ['Clark Kent/Lana Lang', 'Chloe Sullivan & Pete Ross'],
      characters: ['Lana Lang', 'Clark Kent', 'Chloe Sullivan', 'Pete Ross', 'Martha Kent'],
      warnings: ['Character death', 'Language'],
      tags: ['Het', 'Drama', 'Romance', 'Hurt/Comfort'],
      series: { title: 'Yellow Sun', part: 3 },
      date: '2003-02-14',
      complete: false,
      wordsDeclared: 312,
      fandoms: ['Smallville'],
    })
  })

  it('joins a summary that runs onto a second line, since a separator closes the header', () => {
    expect(record.summary).toBe('Lana finds the ship. Clark finds out that she has.')
  })

  it('keeps an unknown label as an extra field, not as story text', () => {
    expect(record.extra).toEqual({ 'Beta Reader': 'Quill' })
    expect(record.body).not.toContain('Quill')
  })

  it('keeps the raw values by canonical label', () => {
    expect(record.raw).toMatchObject({ rating: 'NC-17', relationships: 'Lana/Clark, Chloe & Pete', warnings: 'Character death (temporary), Language', part: '3 of 7' })
  })

  it('keeps the story, its scene break, and moves the end note and footers out', () => {
    expect(record.body).toBe(
      'She said: "Don\'t come any closer," and meant it.\n\nClark stopped at the edge of the storm cellar, rain running off his jacket.\n\n* * *\n\nThe ship glowed green and gold beneath her hands.',
    )
    expect(record.notes).toContain('A/N: Thanks for sticking with this one.')
    expect(record.notes).toContain('Disclaimer: They belong to Tollin/Robbins and the WB.')
  })
})

describe('an FFN-style Rated: line', () => {
  const { record } = parseStoryFile(fixtureBytes('ffn.txt'), 'ffn.txt', { aliases })

  it('reads rating, language, genres, characters, words and status', () => {
    expect(record).toMatchObject({
      title: 'Second Chances',
      authors: ['Emerald Quill'],
      rating: 'Teen',
      tags: ['Romance', 'Hurt/Comfort'],
      relationships: ['Clark Kent/Lana Lang'],
      characters: ['Clark Kent', 'Lana Lang', 'Chloe Sullivan'],
      wordsDeclared: 4512,
      complete: true,
      date: '2010-05-03',
    })
    expect(record.raw['rating']).toBe('Fiction T')
    expect(record.extra).toMatchObject({ Reviews: '27', id: '5894320' })
    expect(record.raw['language']).toBe('English')
  })

  it('leaves only the story in the body', () => {
    expect(record.body).toBe('Clark Kent had never been good at second chances.\n\nLana was waiting for him at the Talon anyway.')
  })

  it('reads a story page copied as text: title, byline, the summary, then the Rated: line', () => {
    const text = [
      'Second Chances', 'By: Emerald Quill', '',
      'Clark gets one more chance to tell Lana the truth.', 'Will he take it?', '',
      'Rated: Fiction T - English - Romance - [Clark, Lana] - Chapters: 2 - Words: 1,204 - Complete', '',
      'Chapter 1', '', 'Clark waited at the Talon.', '', 'Chapter 2', '', 'Lana came back.',
    ].join('\n')
    const { record: copied } = parseText(text)
    expect(copied).toMatchObject({
      title: 'Second Chances',
      authors: ['Emerald Quill'],
      rating: 'Teen',
      summary: 'Clark gets one more chance to tell Lana the truth. Will he take it?',
      relationships: ['Clark Kent/Lana Lang'],
      wordsDeclared: 1204,
      complete: true,
    })
    expect(copied.body).toBe('Clark waited at the Talon.\n\nLana came back.')
    expect(copied.chapters.map((chapter) => chapter.title)).toEqual(['Chapter 1', 'Chapter 2'])
  })

  it('takes no story text for a summary when no Rated: line follows it', () => {
    const { record: plain } = parseText('Second Chances\nBy: Emerald Quill\n\nClark waited at the Talon.\n\nRated: what the critics said.')
    expect(plain.summary).toBe('')
    expect(plain.body).toBe('Clark waited at the Talon.\n\nRated: what the critics said.')
  })
})

describe('plain-text headers', () => {
  it('ends the header at the first line of story text, even one with a colon', () => {
    const { record } = parseText('Title: Storm\nPairing: Clark/Lana\n\nShe said: "Run." And he ran.\n\nThe end came fast.')
    expect(record.title).toBe('Storm')
    expect(record.body).toBe('She said: "Run." And he ran.\n\nThe end came fast.')
    expect(record.extra).toEqual({})
  })

  it('reads a short first line followed by a blank line as the title', () => {
    const { record } = parseText('Rain on the Roof\n\nClark listened to the rain for an hour before he went down.')
    expect(record.title).toBe('Rain on the Roof')
    expect(record.body).toBe('Clark listened to the rain for an hour before he went down.')
  })

  it('reads a title followed by a byline and a date', () => {
    const { record } = parseText('Rain on the Roof\nby Someone Else\nMarch 3, 2005\n\nClark listened to the rain.')
    expect(record).toMatchObject({ title: 'Rain on the Roof', authors: ['Someone Else'], date: '2005-03-03' })
    expect(record.body).toBe('Clark listened to the rain.')
  })

  it('reads a folder named as a slug as the fandom it names', () => {
    expect(parseText('It was raining.', 'lantern-coast/rain.txt').record.fandoms).toEqual(['Lantern Coast'])
    expect(parseText('It was raining.', 'harry_potter/rain.txt').record.fandoms).toEqual(['Harry Potter'])
    expect(parseText('It was raining.', 'Harry_Potter/rain.txt').record.fandoms).toEqual(['Harry Potter'])
    // Written by a person: kept as written.
    expect(parseText('It was raining.', 'Spider-Man/rain.txt').record.fandoms).toEqual(['Spider-Man'])
    expect(parseText('It was raining.', 'btvs/rain.txt').record.fandoms).toEqual(['btvs'])
  })

  it('does not take a first sentence for a title', () => {
    const { record } = parseText('It was raining.\n\nClark listened.', 'Smallville/rain-on-the-roof.txt')
    expect(record.title).toBe('Rain on the Roof')
    expect(record.body).toBe('It was raining.\n\nClark listened.')
  })

  it('splits several authors', () => {
    expect(parseText('Author: Ann & Bea\n\nText here.').record.authors).toEqual(['Ann', 'Bea'])
  })

  it('keeps both values when a label appears twice', () => {
    const { record } = parseText('Notes: First.\nNotes: Second.\n---\nStory.')
    expect(record.notes).toBe('First.\n\nSecond.')
  })

  it('never reads a header far into an unlabelled story', () => {
    const story = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of a story with no header at all, long enough.`).join('\n\n')
    const { record } = parseText(`${story}\n\n***\n\nWarning: the sirens went off.`)
    expect(record.body.startsWith('Paragraph 0 of a story')).toBe(true)
    expect(record.body.endsWith('Warning: the sirens went off.')).toBe(true)
  })

  it('rejoins hard-wrapped paragraphs', () => {
    const wrapped = [
      'Clark walked down the long road toward the farm, thinking about the way',
      'the light fell across the fields in the late afternoon, and about Lana,',
      'who had said nothing at all when he left the Talon that morning.',
      '',
      'He did not look back, though he wanted to, more than anything he could',
      'remember wanting in a long while.',
    ].join('\n')
    const { record } = parseText(wrapped)
    expect(record.body.split('\n\n')).toHaveLength(2)
    expect(record.body).toContain('way the light fell')
  })

  describe('chapters', () => {
    it('splits a story at its chapter headings: each heading is its chapter’s title, not text', () => {
      const text = 'Title: Seasons\nChapters: 3/4\n\nChapter 1\n\nThe frost came.\n\nIt stayed.\n\nCHAPTER TWO: Thaw\n\nThe river rose.\n\nEpilogue\n\nSpring.\n'
      const { record } = parseStoryFile(utf8(text), 'seasons.txt')
      expect(record.body).toBe('The frost came.\n\nIt stayed.\n\nThe river rose.\n\nSpring.')
      expect(record.chapters).toEqual([
        { title: 'Chapter 1', start: 0 },
        { title: 'CHAPTER TWO: Thaw', start: record.body.indexOf('The river') },
        { title: 'Epilogue', start: record.body.indexOf('Spring') },
      ])
      expect(record.chaptersPlanned).toBe(4)
      expect(record.complete).toBe(false)
    })

    it('keeps one heading alone as text: a single chapter of a longer work, titled by it', () => {
      const { record } = parseStoryFile(utf8('CHAPTER 105. Does the Whale’s Magnitude Diminish?\n\nThe whale swam.\n'), '105.txt')
      expect(record.chapters).toEqual([])
      expect(record.title).toBe('CHAPTER 105. Does the Whale’s Magnitude Diminish?')
      expect(record.body.startsWith('CHAPTER 105.')).toBe(true)
    })

    it('takes a few lines above the first chapter heading for a note, not a chapter before the story\'s first', () => {
      const text = 'Title: Ashes\n\nUnbeta\'d, all mistakes are mine.\n\nSet after the season 5 finale.\n\nChapter 1\n\nThe fire was out.\n\nChapter 2\n\nThe ash blew away.\n'
      const { record } = parseStoryFile(utf8(text), 'ashes.txt')
      expect(record.chapters.map((chapter) => chapter.title)).toEqual(['Chapter 1', 'Chapter 2'])
      expect(record.body).toBe('The fire was out.\n\nThe ash blew away.')
      expect(record.notes).toContain('Unbeta\'d, all mistakes are mine.')
      expect(record.notes).toContain('Set after the season 5 finale.')
    })

    it('keeps more text above the first chapter heading as a chapter before it, named so', () => {
      const opening = 'The city had burned twice before anyone thought to write it down. '.repeat(12)
      const text = `Title: Ashes\n\n${opening}\n\nPrologue\n\nThe fire was out.\n\nChapter 1\n\nThe ash blew away.\n`
      const { record } = parseStoryFile(utf8(text), 'ashes.txt')
      expect(record.chapters.map((chapter) => chapter.title)).toEqual(['Before Prologue', 'Prologue', 'Chapter 1'])
      expect(record.body.startsWith(opening.trim())).toBe(true)
      expect(record.notes).not.toContain(opening.trim())
    })

    it('never takes a sentence that starts with "Part" for a heading', () => {
      const text = 'Title: T\n\nPart of him wanted to stay.\n\nPart of him did not, and he left before the chapter of his life closed.\n'
      expect(parseStoryFile(utf8(text), 't.txt').record.chapters).toEqual([])
    })
  })
})
