// Chinese and Japanese text, which has no spaces between words (test/fixtures/archive/languages/lighthouse-zh.txt):
// found by any word of it, marked in snippets and on the story page, counted by characters.
import { describe, expect, it } from 'vitest'
import { get, search } from './_api'

const ID = 'fixtures--languages--lighthouse-zh'
const marked = (snippet: { text: string; highlights: [number, number][] }) => snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))

describe('Chinese text', () => {
  it.each([['灯塔'], ['黑猫'], ['猫'], ['海边'], ['黑暗的塔']])('finds the story by %s and marks it in the snippet', async (word) => {
    const body = await search(`q=${encodeURIComponent(word)}`)
    const hit = body.hits.find((h) => h.id === ID)
    expect(hit, word).toBeDefined()
    expect(marked(hit!.snippet!).join('')).toContain(word)
  })

  it('needs every pair of a word: a word the text does not have finds nothing', async () => {
    expect((await search(`q=${encodeURIComponent('白猫')}`)).hits.find((h) => h.id === ID)).toBeUndefined()
  })

  it('finds a quoted phrase only in that order', async () => {
    expect((await search(`q=${encodeURIComponent('"黑暗的塔"')}`)).hits.map((h) => h.id)).toEqual([ID])
    expect((await search(`q=${encodeURIComponent('"塔的黑暗"')}`)).hits.map((h) => h.id)).toEqual([])
  })

  it('counts words by characters, and detects the language', async () => {
    const story = (await (await get(`/api/stories/${ID}`)).json()) as { words: number; language: string }
    expect(story.words).toBe(Array.from('灯塔已经黑了一年岛上没有人能说出它为什么停了下来老人每天晚上都走到海边看着那座黑暗的塔有一天晚上一只黑猫跟着他走上了台阶').length)
    expect(story.language).toBe('Chinese')
  })

  it('marks the searched word on the story page', async () => {
    const html = await (await get(`/stories/${ID}?q=${encodeURIComponent('黑猫')}`)).text()
    expect(html).toContain('<mark id="match-1" class="match">黑猫</mark>')
  })
})
