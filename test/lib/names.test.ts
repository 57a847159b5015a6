import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { executeSearch, type SearchIndex } from '../../worker/search/search'
import { parseSearchParams } from '../../worker/query/search-params'
import type { StoryRecord } from '../../core/story-record'

const FILLER = 'The rain kept on over the fields and the road, and nobody came to the door that evening. '

interface Fixture { body: string; characters?: string[]; relationships?: string[] }
const fixtures: Record<string, Fixture> = {
  // The name in its possessive form, with the title, as Austen writes it.
  possessive: { body: `${FILLER}Mr. Knightley’s horse stood at the gate. ${FILLER}It was Mr. Knightley's letter she kept.` },
  // Both words more often, in a shorter text, but never together: the words alone score this one higher.
  scattered: { body: 'Mr Elton and Mr Weston spoke of Knightley, and of Knightley again, and Knightley once more.' },
  // Tagged with the character and the pairing; the body names him once.
  tagged: { body: `${FILLER.repeat(3)}Harriet looked up when Knightley came in. ${FILLER.repeat(3)}`, characters: ['George Knightley', 'Harriet Smith'], relationships: ['George Knightley/Harriet Smith'] },
  // A passing mention in a story of the same length, about someone else.
  passing: { body: `${FILLER.repeat(3)}Harriet looked up when Knightley came in. ${FILLER.repeat(3)}`, characters: ['Harriet Smith'] },
  // A short name that begins other words: Pip once in a long story, a pipe on every line of a short one.
  pip: { body: `${FILLER.repeat(4)}Pip sat by the fire. ${FILLER.repeat(4)}` },
  pipe: { body: 'He lit his pipe. The pipe went out. He filled the pipe again and the pipes of the organ played.' },
  // The name on every other line: a story about him, untagged.
  frequent: { body: `${FILLER}George Knightley walked home. ${FILLER}George Knightley wrote. ${FILLER}George Knightley laughed.` },
}
const stories = Object.entries(fixtures).map(([id, { body, characters = [], relationships = [] }]) => ({
  id, title: id, authors: ['A. Writer'], fandoms: [], relationships, characters, tags: [], warnings: [],
  summary: '', body, words: 10, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null,
})) as unknown as StoryRecord[]

let index: SearchIndex
beforeAll(async () => {
  index = (await indexInMemory(stories)).index
})
const ids = async (q: string) => {
  const outcome = await executeSearch(index, parseSearchParams(new URLSearchParams({ q })))
  return outcome.matches.map((match) => index.table.id(match.shortId))
}

describe('names typed in the query', () => {
  it('keep a title and a possessive: "Mr. Knightley" ranks the story with "Mr. Knightley’s" above the words scattered', async () => {
    for (const q of ['Mr. Knightley', 'mr knightley', 'Mr Knightley']) expect((await ids(q))[0]).toBe('possessive')
    expect(await ids('"Mr. Knightley"')).toEqual(['possessive'])
  })

  it('rank a story tagged with the character above a passing mention of the same length', async () => {
    const found = await ids('George Knightley')
    expect(found.indexOf('tagged')).toBeGreaterThanOrEqual(0)
    expect(found.indexOf('tagged')).toBeLessThan(found.indexOf('passing') === -1 ? Infinity : found.indexOf('passing'))
    const byPairing = await ids('Knightley/Harriet')
    expect(byPairing[0]).toBe('tagged')
  })

  it('rank the name typed whole above words it begins, which are still found', async () => {
    expect(await ids('Pip')).toEqual(['pip', 'pipe'])
    expect(await ids('Pi')).toEqual(['pipe', 'pip'])
  })

  it('rank a story where the name is frequent above a passing mention', async () => {
    const found = await ids('Knightley')
    expect(found.indexOf('frequent')).toBeLessThan(found.indexOf('passing'))
    expect((await ids('George Knightley'))[0]).toMatch(/^(frequent|tagged)$/)
  })
})
