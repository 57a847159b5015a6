import { describe, expect, it } from 'vitest'
import { decodeStoryBytes } from '../../../index-builder/ingest/decode'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { fixtureBytes } from './_fixtures'

const STORY_BODY = '“It’s only coffee,” Chloé said — but it wasn’t.\n\nThe naïve barista smiled.'

describe('encodings', () => {
  it.each([
    ['utf8-bom.txt', 'utf-8', []],
    ['utf16le-bom.txt', 'utf-16le', []],
    ['utf16be-bom.txt', 'utf-16be', []],
    ['cp1252.txt', 'windows-1252', [{ problem: 'file is not valid UTF-8', action: 'read it as Windows-1252', severity: 'warning' }]],
  ])('reads %s (%s) with every character intact', (file, encoding, problems) => {
    expect(decodeStoryBytes(fixtureBytes(file)).encoding).toBe(encoding)
    const parsed = parseStoryFile(fixtureBytes(file), file)
    expect(parsed.record.title).toBe('Café Society')
    expect(parsed.record.authors).toEqual(['Renée'])
    expect(parsed.record.body).toBe(STORY_BODY)
    expect(parsed.record.body).not.toContain('\uFFFD')
    expect(parsed.problems).toEqual(problems.map((p) => ({ file, ...p })))
  })

  it('drops the BOM from the text', () => {
    expect(decodeStoryBytes(fixtureBytes('utf8-bom.txt')).text.startsWith('Title')).toBe(true)
  })

  it('reads UTF-16 without a BOM by its zero bytes', () => {
    const bytes = Buffer.from('Title: Plain\n\nJust some story text here.', 'utf16le')
    expect(decodeStoryBytes(bytes)).toMatchObject({ encoding: 'utf-16le', bom: false })
    expect(parseStoryFile(bytes, 'a.txt').record.title).toBe('Plain')
  })

  it('reads a mostly UTF-8 file with a stray Windows-1252 apostrophe, keeping both', () => {
    const bytes = Uint8Array.from([...Buffer.from('Chloé'), 0x92, ...Buffer.from('s café')])
    expect(decodeStoryBytes(bytes)).toMatchObject({ text: 'Chloé’s café', encoding: 'utf-8+windows-1252' })
  })

  it('maps every Windows-1252 punctuation byte to its character, not to a control', () => {
    const bytes = Uint8Array.from([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xe9])
    expect(decodeStoryBytes(bytes).text).toBe('€…‘’“”–—™é')
  })

  it('normalizes text to NFC', () => {
    const { record } = parseStoryFile(Buffer.from('Title: Cafe\u0301\n\nThe cafe\u0301 was closed.'), 'a.txt')
    expect(record.title).toBe('Café')
    expect(record.body).toBe('The café was closed.')
  })
})
