import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { utf8 } from '../../test/builder/ingest/_fixtures'

const parseText = (text: string) => parseStoryFile(utf8(text), 'story.txt').record

describe('body cleaning', () => {
  it.each([
    ['a feedback request', 'If you enjoyed this story, please send feedback to Aelita'],
    ['a mailing-list invitation', 'Also, why not join Level Three, the Smallville all-fic list?'],
    ['an archive link', 'Level Three Records Room'],
    ['a return link', 'Return to the Archive'],
    ['a review plea', 'Please review!'],
    ['an e-mail address', 'author@example.com'],
  ])('drops %s after the story', (_, footer) => {
    const record = parseText(`The story begins.\n\nThe story ends.\n\n${footer}`)
    expect(record.body).toBe('The story begins.\n\nThe story ends.')
  })

  it('drops blog chrome and keeps the tag line as an extra field', () => {
    const record = parseText('The story begins.\n\nThe story ends.\n\nsymphony, fic\n\nPrevious post Next post')
    expect(record.body).toBe('The story begins.\n\nThe story ends.')
    expect(record.extra['Journal tags']).toBe('symphony, fic')
  })

  it('keeps a last line that looks like a tag line when there is no blog chrome', () => {
    const record = parseText('The story begins.\n\nhome, at last')
    expect(record.body).toBe('The story begins.\n\nhome, at last')
  })

  it('drops indented numbered reader comments at the end', () => {
    const record = parseText('The story begins.\n\nThe story ends.\n\n\n  1. Loved it!\n\n    //The story ends.//\n\n  2. more please')
    expect(record.body).toBe('The story begins.\n\nThe story ends.')
  })

  it('keeps a numbered list that is part of the story', () => {
    const record = parseText('Chloe made a list.\n\n1. Find Clark.\n2. Yell at Clark.\n\nShe crossed off the first.')
    expect(record.body).toBe('Chloe made a list.\n\n1. Find Clark.\n\n2. Yell at Clark.\n\nShe crossed off the first.')
  })

  it('drops everything under a Comments heading in the second half', () => {
    const record = parseText('One.\n\nTwo.\n\nThree.\n\n3 comments\n\nGreat!\n\nMore!')
    expect(record.body).toBe('One.\n\nTwo.\n\nThree.')
  })

  it("moves the author's end notes to the notes", () => {
    const record = parseText('The story begins.\n\nThe story ends.\n\nA/N: Thanks to my beta.\n\nFeedback welcome, please!')
    expect(record.body).toBe('The story begins.\n\nThe story ends.')
    expect(record.notes).toBe('A/N: Thanks to my beta.')
  })

  it('moves a preface that ends in a spoiler line to the notes', () => {
    const record = parseText('Just a brief little thing.\nSpoilers for Void.\nHe knew he kept the serum for a reason.')
    expect(record.notes).toBe('Just a brief little thing.\n\nSpoilers for Void.')
    expect(record.body).toBe('He knew he kept the serum for a reason.')
  })

  it('keeps a story that merely mentions feedback in its last line when the line is a sentence of the story', () => {
    const record = parseText('Lois read the draft.\n\n"Your feedback was brutal," Clark said.')
    expect(record.body).toBe('Lois read the draft.\n\n"Your feedback was brutal," Clark said.')
  })

  it('keeps scene breaks inside the story', () => {
    const record = parseText('Title: X\n---\nOne.\n\n--\n\nTwo.')
    expect(record.body).toBe('One.\n\n--\n\nTwo.')
  })
})
