import iconv from 'iconv-lite'
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

  describe('legacy files without UTF-8, detected', () => {
    const PROSE = 'Title: Café Society\nAuthor: Renée\n\n“It’s only coffee,” Chloé said — but it wasn’t.\u00a0The naïve barista smiled; voilà, a façade.'
    // DOS had no curly quotes, dashes or no-break space: a DOS file is written with straight ones.
    const DOS_PROSE = PROSE.replace(/[“”]/g, '"').replace(/’/g, "'").replace(/—/g, '-').replace(/\u00a0/g, ' ')

    it.each([
      ['windows-1252', PROSE, 'Windows-1252'],
      ['macintosh', PROSE, 'Mac Roman'],
      ['cp437', DOS_PROSE, 'DOS code page 437'],
    ])('reads a %s file with every character intact and reports the encoding', (encoding, text, name) => {
      const bytes = iconv.encode(text, encoding)
      expect(decodeStoryBytes(bytes)).toMatchObject({ text, encoding })
      const parsed = parseStoryFile(bytes, 'cafe.txt')
      expect(parsed.record.title).toBe('Café Society')
      expect(parsed.record.authors).toEqual(['Renée'])
      expect(parsed.problems).toContainEqual({ file: 'cafe.txt', problem: 'file is not valid UTF-8', action: `read it as ${name}`, severity: 'warning' })
    })

    it.each([
      ['windows-1251', 'Она тихо открыла дверь и сказала: «Я дома». Потом долго смотрела в окно, где шёл снег.'],
      ['Shift_JIS', '彼女は静かに扉を開けた。「ただいま」と言った。窓の外では雪が降っていた。'],
    ])('reads a %s file by the detector’s answer when no Western reading is prose', (encoding, sentence) => {
      const text = `${sentence}\n\n`.repeat(4)
      expect(decodeStoryBytes(iconv.encode(text, encoding))).toMatchObject({ text, encoding })
    })

    it('drops a DOS end-of-file byte at the end, and only there', () => {
      const bytes = Uint8Array.from([...Buffer.from('The end of it.\r\n'), 0x1a, 0x1a])
      expect(decodeStoryBytes(bytes).text).toBe('The end of it.\r\n')
      expect(decodeStoryBytes(Uint8Array.from([...Buffer.from('a'), 0x1a, ...Buffer.from('b')])).text).toBe('a\u001ab')
    })
  })
})
