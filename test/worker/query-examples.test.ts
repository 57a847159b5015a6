import { describe, expect, it } from 'vitest'
import { get, q, search } from './_api'

/** The example queries the help page links, in order. */
async function helpExamples(): Promise<string[]> {
  const response = await get('/help')
  expect(response.status).toBe(200)
  const html = await response.text()
  const table = html.slice(html.indexOf('<table class="examples">'), html.indexOf('</table>'))
  return [...table.matchAll(/href="\/search\?q=([^"]+)"/g)].map((match) => decodeURIComponent(match[1]!.replace(/&amp;/g, '&')))
}

describe('the query examples on /help', () => {
  it('are made from the archive and cover the query language', async () => {
    const examples = await helpExamples()
    expect(examples.length).toBeGreaterThanOrEqual(15)
    for (const syntax of [/^"/, / -/, / OR /, /^\(/, /^title:/, /^author:/, /^pairing:/, /^character:"/, /^rating:/, /^warning:/, /^series:/, /^words>/, /^date>/]) {
      expect(examples.some((example) => syntax.test(example))).toBe(true)
    }
  })

  it('each find stories in this archive', async () => {
    for (const example of await helpExamples()) {
      const body = await search(`${q(example)}&limit=100`)
      expect(body.hits.length, example).toBeGreaterThan(0)
    }
  })
})
