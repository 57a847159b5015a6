import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './ingest/index'
import { DEFAULT_PIECE_SIZES, TEXT_PACK_FILES, packBytesFor, toRow } from './write-index'
import { DEFAULT_CACHE_BYTES } from '../worker/index/paged-index'
import { PHRASE_PACKS } from '../worker/search/phrase-check'

const row = (text: string) => toRow(parseStoryFile(new TextEncoder().encode(text), 'a.txt').record, [])

describe("a story's row in the story table", () => {
  it('counts the chapters found in the text', () => {
    expect(row('Title: A\nAuthor: Ann\n\nChapter 1\n\nOne.\n\nChapter 2\n\nTwo.\n\nChapter 3\n\nThree.').chapters).toBe(3)
  })

  it('counts the chapters the file says are posted when their headings are not found (AO3 4/10, FanFiction.net 4)', () => {
    expect(row('Title: A\nAuthor: Ann\nChapters: 4/10\n\nAll of it in one piece.').chapters).toBe(4)
    expect(row('Title: A\nAuthor: Ann\nChapters: 4\n\nAll of it in one piece.').chapters).toBe(4)
  })

  it('is one chapter for a story in one piece that says nothing', () => {
    expect(row('Title: A\nAuthor: Ann\n\nAll of it.').chapters).toBe(1)
  })

  it('is plain when no text searches read has a letter folding may change: curly quotes and dashes do not count', () => {
    expect(row('Title: A\nAuthor: Ann\n\n“Quoted” — he’d gone…').plain).toBe(true)
    expect(row('Title: A\nAuthor: Ann\n\nShe lived in Zürich.').plain).toBe(false)
    expect(row('Title: Café\nAuthor: Ann\n\nPlain words.').plain).toBe(false)
    expect(row('Title: A\nAuthor: Ann\nCharacters: Zoë\n\nPlain words.').plain).toBe(false)
  })

  it('keeps the posting and last update dates', () => {
    expect(row('Title: A\nAuthor: Ann\nDate: 2010-05-17\nUpdated: 2011-02-03\n\nStory.')).toMatchObject({ date: '2010-05-17', updated: '2011-02-03' })
  })
})

describe('text pack size', () => {
  it('is small for a small archive, and grows so that a large one stays within its files', () => {
    const small = packBytesFor(30 * 1024 * 1024)
    expect(small).toBe(DEFAULT_PIECE_SIZES.packBytes)
    // 20,000 generated stories are about 640 MB of story files; their packs hold about 1.7 bytes per byte of text.
    for (const textBytes of [640e6, 2.5e9]) {
      const packBytes = packBytesFor(textBytes)
      expect(packBytes).toBeGreaterThan(small)
      expect(Math.ceil((textBytes * 1.7) / packBytes)).toBeLessThanOrEqual(TEXT_PACK_FILES)
    }
    // Past that, the packs a search's phrase checks may read must still fit in an isolate's cache.
    expect(packBytesFor(3.2e9)).toBe(packBytesFor(1e12))
    expect(PHRASE_PACKS.packs * packBytesFor(1e12)).toBeLessThanOrEqual(DEFAULT_CACHE_BYTES)
    expect(PHRASE_PACKS.bytes).toBeLessThanOrEqual(DEFAULT_CACHE_BYTES)
  })
})
