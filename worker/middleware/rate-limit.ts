// A per-client request budget on the API, counted by the Workers rate-limiting binding.
import type { Context, MiddlewareHandler } from 'hono'
import { errorBody } from '../errors'

/** The part of the Workers rate-limiting binding this middleware uses (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>
}

export interface RateLimitOptions {
  /** The binding from the environment, or undefined where it is not configured (then nothing is limited). */
  limiter: (c: Context) => RateLimiter | undefined
  /**
   * Seconds a limited client is told to wait (`Retry-After`). The binding does not say when its window ends,
   * so this is the window itself: the `period` of the binding. Default: 60.
   */
  retryAfterSeconds?: number
  /**
   * Who is asking. Default: the `CF-Connecting-IP` header, which Cloudflare sets on every request from the
   * internet (a client cannot forge it there). Requests without a key are not counted: they did not come
   * through Cloudflare's edge (tests, a service binding), so there is no client to tell apart.
   */
  key?: (c: Context) => string | null
}

export const DEFAULT_RETRY_AFTER_SECONDS = 60

const clientAddress = (c: Context): string | null => c.req.header('CF-Connecting-IP') ?? null

/**
 * Answers 429 with `Retry-After` and the JSON error shape once a client has spent its budget.
 * When the binding itself fails, the request is served: an outage of the counter must not take the API down.
 *
 * @example app.use('/api/*', rateLimit({ limiter: (c) => c.env.API_RATE_LIMIT }))
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const retryAfter = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS
  if (!Number.isInteger(retryAfter) || retryAfter < 1) throw new TypeError('rateLimit: retryAfterSeconds must be a whole number of seconds, 1 or more')
  const keyOf = options.key ?? clientAddress

  return async function rateLimit(c, next) {
    const limiter = options.limiter(c)
    const key = keyOf(c)
    if (!limiter || !key) return next()
    let allowed = true
    try {
      allowed = (await limiter.limit({ key })).success
    } catch (error) {
      console.warn(`story-search: rate limiter failed, request served unlimited: ${(error as Error).message}`)
    }
    if (allowed) return next()
    return c.json(errorBody('rate_limited', `too many requests from this client; try again in ${retryAfter} seconds`), 429, {
      'Retry-After': String(retryAfter),
      'Cache-Control': 'no-store',
    })
  }
}
