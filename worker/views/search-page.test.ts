import { beforeAll, describe, expect, it } from 'vitest'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { answerSearch, type SearchResponse } from '../present/answer-search'
import { parseSearchParams } from '../query/search-params'
import type { StoryRecord } from '../../core/story-record'
import { SearchPage } from './search-page'

describe('SearchPage, an answer whose phrase check stopped', () => {
  const stories = Array.from({ length: 3 }, (_, i) => ({
    id: `p${i}`, title: `Story ${i}`, authors: ['A. Writer'], fandoms: [], relationships: [], characters: [], tags: [], warnings: [], summary: '',
    body: `He was the sort of man who waited, ${i}.`, words: 10 + i, date: null, updated: null, chapters: [], raw: {}, rating: 'General', complete: null, series: null, notes: '', language: null,
  })) as unknown as StoryRecord[]
  let answer: (params: Record<string, string>) => Promise<SearchResponse>
  beforeAll(async () => {
    const { index } = await indexInMemory(stories)
    answer = (params) => answerSearch(index, parseSearchParams(new URLSearchParams(params)), { version: 'test', builtAt: '2026-12-02T00:00:00Z', stories: 3 })
  })
  const render = async (result: SearchResponse, params: Record<string, string>) => String(await SearchPage({ result, params: new URLSearchParams(params), tips: null }).toString())

  it('says why a page holds fewer stories than asked, and offers no page after it', async () => {
    const params = { q: '"sort of man"', limit: '10' }
    const exact = await answer(params)
    expect(exact.hits).toHaveLength(3)
    expect(await render(exact, params)).not.toContain('class="stopped"')
    // The same three stories where a check stopped early: the total an estimate beyond them.
    const html = await render({ ...exact, truncated: true, total: 40 }, params)
    expect(html).toContain('class="stopped"')
    expect(html).toContain('about 40 stories')
    expect(html).not.toContain('rel="next"')
  })

  it('offers the next page after a full one whose total is an estimate', async () => {
    const params = { q: '"sort of man"', limit: '3' }
    const html = await render({ ...(await answer(params)), truncated: true, total: 40 }, params)
    expect(html).not.toContain('class="stopped"')
    expect(html).toContain('rel="next"')
    expect(html).toContain('Page 1 of about 14')
  })
})
