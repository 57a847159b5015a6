// Stamps every response the Worker makes with the version of the index it serves.
import type { MiddlewareHandler } from 'hono'
import { getIndexRelease } from '../index/index-release'

export const INDEX_VERSION_HEADER = 'X-Index-Version'

/**
 * Adds `X-Index-Version` to every response, errors included, so a client or a support thread can tell which
 * build answered. Static assets get the same header from the `_headers` file the builder writes.
 */
export function indexVersionHeader(): MiddlewareHandler {
  return async function indexVersionHeader(c, next) {
    await next()
    const release = getIndexRelease()
    if (release) c.res.headers.set(INDEX_VERSION_HEADER, release.version)
  }
}
