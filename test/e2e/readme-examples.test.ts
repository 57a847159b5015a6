// README's API examples against the real service serving the demo archive: each `curl` answers, and each answer the
// README prints is the one the service gives (but for the time taken and the index's version and build time).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseUrl } from './_browser'

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
const API_SECTION = README.slice(README.indexOf('## API'), README.indexOf('## The web page'))

/** Every `curl 'URL'` in the API section, with the JSON block printed right after its code block, if any. */
function examples(): { url: string; printed: unknown | null }[] {
  const found: { url: string; printed: unknown | null }[] = []
  for (const match of API_SECTION.matchAll(/^curl '(http:\/\/127\.0\.0\.1:8787[^']+)'$/gm)) {
    const after = API_SECTION.slice(match.index! + match[0].length)
    // The answer is shown only for the last command of a block, as the next block.
    const shown = /^\n```\s*\n```json\n([\s\S]*?)\n```/.exec(after)
    found.push({ url: match[1]!, printed: shown ? JSON.parse(shown[1]!) : null })
  }
  return found
}

/** What differs between two runs of the same build and between builds of the same stories. */
function withoutVolatile(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body
  const copy = structuredClone(body) as Record<string, unknown> & { index?: Record<string, unknown> }
  delete copy.tookMs
  if (copy.index) copy.index = { ...copy.index, version: '(version)', builtAt: '(build time)' }
  return copy
}

describe("README's API examples", () => {
  const all = examples()

  it('are found in the README', () => {
    expect(all.length).toBeGreaterThanOrEqual(5)
    expect(all.filter((example) => example.printed !== null).length).toBeGreaterThanOrEqual(2)
  })

  it.each(all.map((example) => [example.url.slice('http://127.0.0.1:8787'.length), example]))('%s answers as the README shows', async (_path, example) => {
    const response = await fetch(example.url.replace('http://127.0.0.1:8787', baseUrl()))
    expect(response.status).toBe(200)
    const body = await response.json()
    if (example.printed !== null) expect(withoutVolatile(body)).toEqual(withoutVolatile(example.printed))
  })
})
