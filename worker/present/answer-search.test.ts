import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import type { StoryRecord } from '../../core/story-record'
import type { StoryText } from '../../core/text-packs'
import type { SearchIndex } from '../search/search'
import { parseSearchParams } from '../query/search-params'
import { HIT_PACKS, answerSearch } from './answer-search'

function record(id: string, fields: Partial<StoryRecord>): StoryRecord {
  return {
    id, sourcePath: `${id}.txt`, format: 'text', title: id, authors: ['A. Writer'], rating: 'General', fandoms: [], relationships: [], characters: [], warnings: [], tags: [],
    summary: '', notes: '', series: null, body: '', words: 100, date: null, updated: null, chapters: [], complete: null, language: null, raw: {}, ...fields,
  } as unknown as StoryRecord
}

const filler = 'The river ran past the mill and the town slept. '.repeat(40)
const stories = [
  // The phrase is in the summary; its words stand apart in the text.
  record('summary-only', { summary: 'She gave her word to the miller.', body: `${filler}He gave nothing. ${filler}To her it was late.` }),
  record('in-text', { body: `${filler}At the gate she gave her answer, and went in. ${filler}` }),
  record('shipped', { relationships: ['Mira Vell/Oren Task'], characters: ['Mira Vell', 'Oren Task'], body: `${filler}Mira looked at Oren across the mill. ${filler}` }),
]

let index: SearchIndex
const chunksRead = new Map<string, number>()

beforeAll(async () => {
  const paged = (await indexInMemory(stories)).index
  // The index, noting each chunk of story text a response reads.
  const counted = (text: StoryText): StoryText => ({
    ...text,
    chunk: (i) => {
      chunksRead.set(text.meta.id, (chunksRead.get(text.meta.id) ?? 0) + 1)
      return text.chunk(i)
    },
    mayFold: (i) => text.mayFold(i),
    utf8: () => text.utf8(),
  })
  index = Object.assign(Object.create(paged) as SearchIndex, { storyText: async (shortId: number) => paged.storyText(shortId).then((text) => text && counted(text)) })
})

const search = (q: string) => answerSearch(index, parseSearchParams(new URLSearchParams({ q })), { version: 'v', builtAt: '', stories: stories.length })

describe('snippets look in the text only where the index found the words', () => {
  it('shows no snippet, and reads no text, for a phrase found only in a summary; the story with it in its text gets one', async () => {
    chunksRead.clear()
    const { hits } = await search('"gave her"')
    const byId = new Map(hits.map((hit) => [hit.id, hit]))
    expect([...byId.keys()].sort()).toEqual(['in-text', 'summary-only'])
    expect(byId.get('summary-only')!.summary).toContain('gave her word')
    // Not "gave" and "her" picked out of the text apart, which is no snippet of the phrase.
    expect(byId.get('summary-only')!.snippet).toBeNull()
    expect(chunksRead.get('summary-only') ?? 0).toBe(0)
    const shown = byId.get('in-text')!.snippet!
    expect(shown.highlights.map(([start, end]) => shown.text.slice(start, end))).toEqual(['gave', 'her'])
  })

  it('shows no snippet for a phrase a query limited to summaries finds, whose words stand apart in the text', async () => {
    chunksRead.clear()
    const { hits } = await search('summary:"gave her"')
    expect(hits.map((hit) => [hit.id, hit.snippet])).toEqual([['summary-only', null]])
    expect(chunksRead.get('summary-only') ?? 0).toBe(0)
  })

  it('still looks in the text for a pairing or character asked for, which the text names', async () => {
    const { hits } = await search('pairing:"mira vell/oren task"')
    expect(hits.map((hit) => hit.id)).toEqual(['shipped'])
    const shown = hits[0]!.snippet!
    expect(shown.highlights.map(([start, end]) => shown.text.slice(start, end))).toEqual(['Mira', 'Oren'])
  })
})

describe('text read for the hits of one response', () => {
  it('stops at HIT_PACKS: the hits past it, in the order shown, come from the story table alone', async () => {
    const paged = (await indexInMemory(stories, { packBytes: 1 })).index
    // The same index, its packs said to be 7 MiB each: two fit in HIT_PACKS' 16 MiB, the third does not.
    const storiesRead: string[] = []
    const large = Object.assign(Object.create(paged) as SearchIndex, {
      textPiece: (shortId: number) => {
        const pack = paged.textPiece(shortId)
        return pack && { name: pack.name, bytes: 7 * 1024 * 1024 }
      },
      storyText: async (shortId: number) => (storiesRead.push(paged.table.id(shortId)), paged.storyText(shortId)),
    })
    expect(HIT_PACKS.bytes).toBeLessThan(3 * 7 * 1024 * 1024)
    const answer = await answerSearch(large, parseSearchParams(new URLSearchParams({ q: 'mill', sort: 'title' })), { version: 'v', builtAt: '', stories: stories.length })
    expect(answer.hits.map((hit) => hit.id)).toEqual(['in-text', 'shipped', 'summary-only'])
    expect(storiesRead.sort()).toEqual(['in-text', 'shipped'])
    expect(answer.hits.slice(0, 2).every((hit) => hit.snippet !== null)).toBe(true)
    const last = answer.hits[2]!
    expect(last).toMatchObject({ id: 'summary-only', title: 'summary-only', authors: ['A. Writer'], summary: '', snippet: null })
    expect(answer.partial).toBe(false)
  })
})
