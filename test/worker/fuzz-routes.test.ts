// Property tests of the routes besides /api/search inside workerd: /api/suggest, the HTML search page and story ids
// answer a 200, 400 or 404, never a 500, and the service answers the next request normally.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { get } from './_api'
import { anyText, encodeLoose, expectHandled, expectHealthy, query, queryString, RUNS } from './_fuzz'

describe('fuzzing the other routes', () => {
  it('answers 200 or 400 on /api/suggest for any text', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(query.map(encodeLoose), anyText), async (q) => expectHandled(`/api/suggest?q=${q}`)), { numRuns: RUNS })
    await expectHealthy()
  })

  it('answers 200 or 400 on the HTML search page for any parameters', async () => {
    await fc.assert(fc.asyncProperty(queryString, async (qs) => expectHandled(`/search?${qs}`)), { numRuns: RUNS })
    await expectHealthy()
  })

  it('answers 404 (or 200 for a real story) for any story id, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (id) => {
        for (const prefix of ['/api/stories/', '/stories/']) {
          const response = await get(`${prefix}${id}`)
          await response.arrayBuffer()
          expect([200, 400, 404], `${prefix}${id} → ${response.status}`).toContain(response.status)
        }
      }),
      { numRuns: RUNS },
    )
    await expectHealthy()
  })
})
