import { describe, expect, it } from 'vitest'
import { validate } from '../_json-schema'
import { get } from './_api'

async function documentAndSchema(name: string) {
  const document = (await (await get('/api/openapi.json')).json()) as any
  return { document, schema: document.components.schemas[name] }
}

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document naming every public route', async () => {
    const response = await get('/api/openapi.json')
    expect(response.status).toBe(200)
    const document = (await response.json()) as any
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths).sort()).toEqual(['/api/health', '/api/openapi.json', '/api/search', '/api/stories/{id}', '/api/suggest', '/feed.atom'])
  })

  it('documents every parameter the search reads, and the feed takes them all but paging and sort', async () => {
    const document = (await (await get('/api/openapi.json')).json()) as any
    const names = (path: string) => document.paths[path].get.parameters.map((parameter: { name: string }) => parameter.name).sort()
    for (const name of ['fandoms_max', 'primary_pairing', 'updated_within', 'stale', 'chapters_min', 'chapters_max', 'minutes_min', 'minutes_max', 'tag', 'language']) expect(names('/api/search')).toContain(name)
    expect(names('/feed.atom')).toEqual(names('/api/search').filter((name: string) => !['page', 'limit', 'sort', 'facet_limit'].includes(name)))
    // Each documented parameter is one the API reads: a bad value of it is refused, not ignored.
    for (const name of names('/api/search').filter((name: string) => !['q', 'rating', 'fandom', 'relationship', 'character', 'warning', 'tag', 'author', 'language', 'series'].includes(name))) {
      expect((await get(`/api/search?${name}=not-a-value`)).status, name).toBe(400)
    }
  })

  it.each([
    ['/api/search?q=clark', 'SearchResponse'],
    ['/api/search?q=&limit=100&sort=newest', 'SearchResponse'],
    ['/api/search?q=qwxzv', 'SearchResponse'],
    ['/api/search?q=%22let+her+go%22&rating=-Explicit', 'SearchResponse'],
    ['/api/suggest?q=lan', 'Suggestions'],
    ['/api/stories/002-a393d892c3336419', 'Story'],
    ['/api/stories/fixtures--supernatural--road-trip', 'Story'],
    ['/api/health', 'Health'],
    ['/api/search?limit=0', 'Error'],
    ['/api/stories/nope', 'Error'],
  ])('describes the real response of %s (%s)', async (path, schemaName) => {
    const { document, schema } = await documentAndSchema(schemaName)
    const body = await (await get(path)).json()
    expect(validate(body, schema, document)).toEqual([])
  })

  it('catches a response that breaks the schema (the checker is not a no-op)', async () => {
    const { document, schema } = await documentAndSchema('SearchResponse')
    const body = (await (await get('/api/search?q=clark')).json()) as any
    body.hits[0].rating = 'PG-13'
    delete body.facets
    expect(validate(body, schema, document)).toEqual(['$.facets: missing facets'.replace('$.facets', '$'), '$.hits[0].rating: "PG-13" not in enum'])
  })
})
