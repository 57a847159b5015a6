// Keeps the benchmark harness (bench/run) from rotting: its pure parts case by case (the real run: tiny-run.slow.test.ts).
import { describe, expect, it } from 'vitest'
import { parseCliOptions, QUICK_SIZES } from './options'
import { makeQueries, QUERY_MIX } from '../../tools/query-mix'
import { END_MARKER, replaceSection, START_MARKER } from './report'
import { fitLine, percentile, solveFor } from './stats'
import type { StoryRecord } from '../../core/story-record'

describe('replaceSection', () => {
  it('replaces only the text between the bench markers', () => {
    const document = `# Benchmarks\n\n<!-- relevance:start -->\nkept\n<!-- relevance:end -->\n\n${START_MARKER}\nold\n${END_MARKER}\n\ntail kept\n`
    const updated = replaceSection(document, 'new')
    expect(updated).toBe(`# Benchmarks\n\n<!-- relevance:start -->\nkept\n<!-- relevance:end -->\n\n${START_MARKER}\nnew\n${END_MARKER}\n\ntail kept\n`)
  })

  it('appends a marked section when the file has none, leaving the rest as it was', () => {
    const updated = replaceSection('# Benchmarks\n\nother section\n', 'new')
    expect(updated).toBe(`# Benchmarks\n\nother section\n\n${START_MARKER}\nnew\n${END_MARKER}\n`)
  })

  it('creates the file content when there is none', () => {
    expect(replaceSection('', 'new')).toBe(`# Benchmarks\n\n${START_MARKER}\nnew\n${END_MARKER}\n`)
  })
})

describe('makeQueries', () => {
  const VOCABULARY = ['lantern', 'orchard', 'harbour', 'meadow', 'carriage', 'letters', 'thunder', 'candles', 'garden', 'cottage']
  const story = (i: number): StoryRecord =>
    ({
      id: `s${i}`,
      title: `Story ${i}`,
      body: `Marianne walked along the ${VOCABULARY[i % 10]} with Edward. The ${VOCABULARY[(i * 3) % 10]} looked splendid, and the ${VOCABULARY[(i * 7 + 1) % 10]} remained quiet. Later Edward waited beside Marianne near the ${VOCABULARY[(i + 4) % 10]}.`,
      characters: ['Marianne Dashwood', 'Edward Ferrars', 'Elinor Dashwood', 'John Willoughby', 'Colonel Brandon'],
      relationships: ['Edward Ferrars/Elinor Dashwood'],
      authors: [],
      words: 40,
    }) as unknown as StoryRecord

  it('draws the same 200 queries, of every kind, from the same stories', () => {
    const stories = Array.from({ length: 30 }, (_, i) => story(i))
    const first = makeQueries(stories)
    expect(first).toHaveLength(200)
    expect(makeQueries(stories)).toEqual(first)
    for (const [kind, count] of Object.entries(QUERY_MIX)) expect(first.filter((q) => q.kind === kind)).toHaveLength(count)
  })

  it('draws a whole mix from an archive of one story, or of none (a deploy measures those too)', () => {
    for (const stories of [[story(0)], []]) {
      const queries = makeQueries(stories)
      expect(queries).toHaveLength(200)
      for (const { q } of queries) expect(q).toMatch(/[a-z]{2}/)
    }
  })
})

describe('stats', () => {
  it('fits a line and solves it for a limit', () => {
    const line = fitLine([
      [1, 3],
      [2, 5],
      [3, 7],
    ])!
    expect(line.slope).toBeCloseTo(2)
    expect(line.intercept).toBeCloseTo(1)
    expect(solveFor(line, 21)).toBeCloseTo(10)
  })

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10)
  })
})

describe('parseCliOptions', () => {
  it('gives --quick the quick corpora and shorter load runs', () => {
    const options = parseCliOptions(['--quick'], () => {})
    expect(options.sizes).toEqual(QUICK_SIZES)
    expect(options.seconds).toBeLessThan(parseCliOptions([], () => {}).seconds)
  })

  it('rejects an unknown engine', () => {
    expect(() => parseCliOptions(['--engines', 'ours,elastic'], () => {})).toThrow(/unknown engine "elastic"/)
  })
})
