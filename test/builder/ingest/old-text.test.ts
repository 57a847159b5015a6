// Usenet-era text files: post headers, multi-part posts, titles below a preamble, disclaimers, end markers, signatures.
import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { authorFromAddress, readSubject } from '../../../index-builder/ingest/news-headers'
import { disclaimerNames, proseRating } from '../../../index-builder/ingest/title-block'
import { fixtureBytes, utf8 } from './_fixtures'

describe('a multi-part Usenet post', () => {
  const { record, problems } = parseStoryFile(fixtureBytes('usenet-post.txt'), 'usenet-post.txt')

  it('reads the headers, the title set apart below the disclaimer, and the rating written in prose', () => {
    expect(problems).toEqual([])
    expect(record).toMatchObject({
      title: 'Harvest Moon',
      authors: ['Ruth Powers'],
      rating: 'Teen',
      fandoms: ['Smallville'],
      relationships: ['Clark Kent/Lana Lang'],
      characters: ['Clark Kent', 'Lana Lang'],
      date: '2002-10-14',
    })
    expect(record.extra).toMatchObject({ Newsgroups: 'alt.tv.smallville.creative', Signature: 'Ruth Powers     "Corn is a state of mind."' })
  })

  it('joins the parts without their repeated headers and stops at the end marker; what follows is a note', () => {
    expect(record.body).toBe('The moon came up orange over the Kent farm.\n\nClark had never noticed it before.\n\nLana noticed it every year.')
    expect(record.notes).toContain('Thanks for reading, all of you.')
    expect(record.body).not.toMatch(/FINI|Subject:|Ruth Powers|\u001a/)
  })
})

describe('post header values', () => {
  it.each([
    ['Re: Voices (A DS/Bashir story)', { title: 'Voices', description: 'A DS/Bashir story', part: null }],
    ['NEW: Tidings (2/5) [Clark/Lana] PG-13', { title: 'Tidings', part: '2', pairing: 'Clark/Lana', rating: 'PG-13' }],
    ['Tidings, part 3 of 4', { title: 'Tidings', part: '3' }],
    ['Catch-22 Redux', { title: 'Catch-22 Redux', part: null, pairing: null }],
  ])('reads the subject %j', (subject, expected) => {
    expect(readSubject(subject)).toMatchObject(expected)
  })

  it.each([
    ['cynth@netcom.com (Cynthia Bell)', 'Cynthia Bell'],
    ['"Ruth Powers" <rp@example.net>', 'Ruth Powers'],
    ['rp@example.net', null],
  ])('reads the author in From: %j', (from, name) => {
    expect(authorFromAddress(from)).toBe(name)
  })
})

describe('old text files', () => {
  it('reads a one-line introduction: title, author and fandom, and keeps the paragraph as a note', () => {
    const text = 'WINTER by Ann Example, a Star Trek :  Voyager story.\nCharacters belong to Paramount.\n\nThe snow fell on the holodeck.\n'
    const { record } = parseStoryFile(utf8(text), 'winter.txt')
    expect(record).toMatchObject({ title: 'WINTER', authors: ['Ann Example'], fandoms: ['Star Trek: Voyager'] })
    expect(record.body).toBe('The snow fell on the holodeck.')
    expect(record.notes).toContain('Characters belong to Paramount.')
  })

  it('never reads a story’s first sentence as an introduction', () => {
    const text = 'She was taken by a man, a stranger story than any.\n\nThe rest of it.\n'
    const { record } = parseStoryFile(utf8(text), 'taken.txt')
    expect(record.authors).toEqual([])
    expect(record.body.startsWith('She was taken by a man')).toBe(true)
  })

  it('reads the title block below a preamble, with its contact and date lines', () => {
    const text = 'This is a repost.\n\n\t\tTidings\n\t\tby Ruth Powers\n\t\taka rp@example.net\n\t\t12/10/94\n\n  The story starts here.\n'
    const { record } = parseStoryFile(utf8(text), 'tidings.txt')
    expect(record).toMatchObject({ title: 'Tidings', authors: ['Ruth Powers'], date: '1994-12-10', notes: 'This is a repost.' })
    expect(record.extra).toMatchObject({ Contact: 'rp@example.net' })
    expect(record.body).toBe('The story starts here.')
  })

  it.each([
    ['*    *    *The End*    *    *', true],
    ['~The End~', true],
    ['THE END?', true],
    ['FINI', true],
    ['-Fin-', true],
    ['Fine', true],
    ['Fine.', false],
    ['End.', false],
    ['the end of the road', false],
  ])('takes %j for an end marker: %s', (marker, isMarker) => {
    const { record } = parseStoryFile(utf8(`Story text.\n\nLast line.\n\n${marker}\n\nThanks for reading!\n`), 'a.txt')
    expect(record.body.endsWith(marker)).toBe(!isMarker)
  })

  it('reads whose characters a disclaimer names, and a rating in prose', () => {
    expect(disclaimerNames('As always: Fox Mulder, Dana Scully and "The X-Files" are property of Chris Carter.')).toEqual({
      fandoms: ['The X-Files'],
      characters: ['Fox Mulder', 'Dana Scully'],
    })
    expect(disclaimerNames('Buffy Summers and Rupert Giles belong to Joss Whedon.').characters).toEqual(['Buffy Summers', 'Rupert Giles'])
    expect(disclaimerNames('I own nothing.')).toEqual({ fandoms: [], characters: [] })
    expect(proseRating('This is approximately PG-13 for language.')).toBe('PG-13')
    expect(proseRating('Rated R for violence.')).toBe('R')
    expect(proseRating('I rated it highly.')).toBeNull()
  })
})

describe('letters inside a story', () => {
  it('keeps an e-mail the story quotes (From:, To:, Date:) as story text', () => {
    const text = 'Title: Mail\nAuthor: A\n\nMulder opened the message.\n\nFrom: Dana Scully\nTo: Fox Mulder\nDate: Monday\n\nCome to the office.\n\nHe went.\n'
    const { record } = parseStoryFile(utf8(text), 'mail.txt')
    expect(record.body).toContain('From: Dana Scully')
    expect(record.authors).toEqual(['A'])
  })
})
