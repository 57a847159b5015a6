// The per-client API budget: test/worker/wrangler.toml gives each CF-Connecting-IP 30 requests a minute.
import { describe, expect, it } from 'vitest'
import { get } from './_api'

const LIMIT = 30

/** A client address of its own for each test, so tests never share a budget. */
function freshClient(): string {
  return `198.51.100.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID()}`
}

const asClient = (ip: string, path = '/api/health') => get(path, { headers: { 'CF-Connecting-IP': ip } })

/**
 * Requests as one client until it is refused. The binding counts in fixed windows, so a run that crosses a
 * window boundary may get up to two budgets; it is refused within 2 × LIMIT + 1 requests either way.
 */
async function spendBudget(ip: string): Promise<{ served: number; refused: Response }> {
  let served = 0
  for (let i = 0; i <= 2 * LIMIT; i++) {
    const response = await asClient(ip)
    if (response.status === 429) return { served, refused: response }
    expect(response.status).toBe(200)
    await response.arrayBuffer()
    served++
  }
  throw new Error(`client ${ip} was never limited after ${served} requests`)
}

describe('API rate limit', () => {
  it('answers 429 with Retry-After and the JSON error shape once a client spends its budget', async () => {
    const { served, refused } = await spendBudget(freshClient())
    expect(served).toBeGreaterThanOrEqual(LIMIT)
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    expect(refused.headers.get('content-type')).toContain('application/json')
    expect(refused.headers.get('cache-control')).toBe('no-store')
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('too many requests') } })
  })

  it('lets another site read the 429 (CORS headers are on it)', async () => {
    const ip = freshClient()
    await spendBudget(ip)
    const response = await get('/api/search?q=clark', { headers: { 'CF-Connecting-IP': ip, Origin: 'https://fan-site.example' } })
    expect(response.status).toBe(429)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('counts each client separately: a limited client does not block another', async () => {
    await spendBudget(freshClient())
    const other = await asClient(freshClient(), '/api/search?q=clark')
    expect(other.status).toBe(200)
  })

  it('limits only the API: pages stay readable for a limited client', async () => {
    const ip = freshClient()
    await spendBudget(ip)
    const page = await get('/search?q=clark', { headers: { 'CF-Connecting-IP': ip } })
    expect(page.status).toBe(200)
  })

  it('does not count requests that carry no client address (they did not come through the edge)', async () => {
    for (let i = 0; i < LIMIT + 5; i++) {
      const response = await get('/api/health')
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    }
  })
})
