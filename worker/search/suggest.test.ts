import { describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import type { StoryRecord } from '../../core/story-record'
import { suggest } from './suggest'

const story = (id: string, title: string, characters: string[], body: string) =>
  ({
    id, title, authors: ['A. Writer'], fandoms: ['Hospital Drama'], relationships: [], characters, tags: [], warnings: [], summary: '', body, words: 10,
    date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null,
  }) as unknown as StoryRecord

describe('suggestions for the word being typed', () => {
  const records = [
    story('a', 'Dr. Marcus Returns', ['Dr. Marcus Vell'], 'The drama began with a drink.'),
    story('b', 'Drake in the Rain', ['Drake Holloway'], 'A dreary drive home.'),
  ]

  it('complete a word still being typed, in names and titles too', async () => {
    const { index } = await indexInMemory(records)
    const typed = await suggest(index, 'dr')
    expect(typed.completions).toEqual(expect.arrayContaining(['drama', 'drink', 'drake']))
    expect(typed.characters.map((c) => c.value).sort()).toEqual(['Dr. Marcus Vell', 'Drake Holloway'])
    expect(typed.stories.map((s) => s.id).sort()).toEqual(['a', 'b'])
  })

  it('take a word ended by punctuation as finished: no completions, names and titles with the word whole', async () => {
    const { index } = await indexInMemory(records)
    const finished = await suggest(index, 'Dr.')
    expect(finished.completions).toEqual([])
    expect(finished.characters.map((c) => c.value)).toEqual(['Dr. Marcus Vell'])
    expect(finished.stories.map((s) => s.id)).toEqual(['a'])
  })

  it('suggest a pairing typed with a slash, its names in either order', async () => {
    const paired = [{ ...records[0]!, relationships: ['Drake Holloway/Marcus Vell'] }, records[1]!]
    const { index } = await indexInMemory(paired)
    for (const typed of ['marcus/dr', 'drake/marc', 'Marcus Vell/Drake']) {
      expect((await suggest(index, typed)).relationships.map((r) => r.value), typed).toEqual(['Drake Holloway/Marcus Vell'])
    }
    expect((await suggest(index, 'marcus/x')).relationships).toEqual([])
  })
})
