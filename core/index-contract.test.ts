// The index contract: piece names by content, the directory's checks, the options both sides build and load with.
import { describe, expect, it } from 'vitest'
import { IndexContractError, SCHEMA_VERSION, indexedChapterTitles, parseIndexDirectory } from './index-contract'

describe('parseIndexDirectory', () => {
  it.each([
    ['not JSON', '{oops'],
    ['no schema version', '{}'],
    ['another schema version', JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, contentHash: 'x', storyCount: 0 })],
    ['no term pages', JSON.stringify({ schemaVersion: SCHEMA_VERSION, contentHash: 'x', storyCount: 0, table: 't' })],
  ])('refuses a directory with %s and says to rebuild', (_name, text) => {
    expect(() => parseIndexDirectory(text)).toThrow(IndexContractError)
    expect(() => parseIndexDirectory(text)).toThrow(/rebuild the index/)
  })
})

describe('indexedChapterTitles', () => {
  it('keeps each chapter’s own title and leaves out its numbering', () => {
    const chapters = ['Chapter 1: The Station', 'Chapter 2', 'Ch. 3 - Low Water', 'Part IV. Home', 'Prologue'].map((title, i) => ({ title, start: i * 10 }))
    expect(indexedChapterTitles({ chapters })).toEqual(['The Station', 'Low Water', 'Home', 'Prologue'])
  })
})
