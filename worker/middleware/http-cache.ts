// HTTP caching for responses that depend only on the URL and the index: ETag, 304, Cache-Control, and the edge cache.
// Not hono's etag and cache middleware: etag hashes each body after the route has run, and cache keys entries by URL.
// Here the ETag is the release, known before the route runs, so a 304 costs no search, and entries are keyed by the
// release, so a deploy never serves an older index's answers.
import type { Context, MiddlewareHandler } from 'hono'
import { getIndexRelease } from '../index/index-release'

export interface HttpCacheOptions {
  /** Seconds a browser may reuse a response before revalidating it with If-None-Match. Default: 60. */
  browserMaxAge?: number
  /**
   * Seconds a response stays in the edge cache (`caches.default`). Entries are keyed by the release, so a
   * redeploy starts from an empty cache and this can be long. Default: 86400 (a day). 0 turns the edge cache off.
   */
  edgeMaxAge?: number
  /**
   * Whether an answer to these parameters also depends on the date (a filter counted back from today): it is then
   * cached under the UTC day as well as the release. Default: never.
   */
  dependsOnDay?: (params: URLSearchParams) => boolean
}

/** Defaults for HttpCacheOptions. */
export const DEFAULT_BROWSER_MAX_AGE = 60
export const DEFAULT_EDGE_MAX_AGE = 86_400

/** Says whether a response came from the edge cache (`hit`) or was computed (`miss`). */
export const EDGE_CACHE_HEADER = 'X-Edge-Cache'

/** The ETag of every cacheable response under a release: weak, because `tookMs` differs between two identical answers. */
export function releaseEtag(release: string): string {
  return `W/"${release}"`
}

/**
 * The edge-cache key for a URL under a release: the release is part of the path, so entries written by an
 * earlier deploy (another index or other code) are never found by this one.
 *
 * @example edgeCacheKey('https://a.example/api/search?q=x', 'v1-c1') // 'https://a.example/__edge/v1-c1/api/search?q=x'
 */
export function edgeCacheKey(url: string, release: string): string {
  const { origin, pathname, search } = new URL(url)
  return `${origin}/__edge/${encodeURIComponent(release)}${pathname}${search}`
}

/** Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag.replace(/^W\//, '') === bare
  })
}

/**
 * Makes GET responses cacheable: a 200 gets `Cache-Control`, an ETag built from the release, and a copy in the
 * edge cache; a request whose If-None-Match matches gets a 304 without running the route; anything else is `no-store`.
 */
export function httpCache(options: HttpCacheOptions = {}): MiddlewareHandler {
  const browserMaxAge = options.browserMaxAge ?? DEFAULT_BROWSER_MAX_AGE
  const edgeMaxAge = options.edgeMaxAge ?? DEFAULT_EDGE_MAX_AGE
  if (!Number.isInteger(browserMaxAge) || browserMaxAge < 0 || !Number.isInteger(edgeMaxAge) || edgeMaxAge < 0) {
    throw new TypeError('httpCache: browserMaxAge and edgeMaxAge must be whole numbers of seconds, 0 or more')
  }
  const browserControl = `public, max-age=${browserMaxAge}`

  return async function httpCache(c, next) {
    const release = getIndexRelease()
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !release) return next()
    const version = options.dependsOnDay?.(new URL(c.req.url).searchParams) ? `${release.release}-${new Date().toISOString().slice(0, 10)}` : release.release
    const etag = releaseEtag(version)
    if (matchesEtag(c.req.header('If-None-Match'), etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': browserControl })
    }

    const edge = c.req.method === 'GET' && edgeMaxAge > 0 ? edgeCache() : null
    const key = edgeCacheKey(c.req.url, version)
    const hit = await edge?.match(key)
    if (hit) {
      const response = new Response(hit.body, hit)
      response.headers.set('Cache-Control', browserControl)
      response.headers.set(EDGE_CACHE_HEADER, 'hit')
      return response
    }

    await next()
    // A route marks an answer it must not be kept (a partial result while part of the index is unreadable) with no-store.
    if (c.res.status !== 200 || c.res.headers.get('Cache-Control') === 'no-store') {
      c.res.headers.set('Cache-Control', 'no-store')
      return
    }
    c.res.headers.set('ETag', etag)
    c.res.headers.set('Cache-Control', browserControl)
    if (!edge) return
    c.res.headers.set(EDGE_CACHE_HEADER, 'miss')
    const stored = new Response(c.res.clone().body, c.res)
    stored.headers.set('Cache-Control', `public, max-age=${edgeMaxAge}`)
    afterResponse(c, edge.put(key, stored))
  }
}

/** The Workers edge cache, or null where there is none (plain Node, app.request tests). */
function edgeCache(): Cache | null {
  return typeof caches === 'undefined' ? null : (caches as unknown as { default: Cache }).default
}

function afterResponse(c: Context, work: Promise<unknown>): void {
  const logged = work.catch((error: unknown) => console.warn(`story-search: edge cache write failed: ${(error as Error).message}`))
  try {
    c.executionCtx.waitUntil(logged)
  } catch {
    // No execution context outside Workers: the write simply finishes on its own.
  }
}
