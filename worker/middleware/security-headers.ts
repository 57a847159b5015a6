// Security headers on every Worker response: a strict Content-Security-Policy on pages, no sniffing, no framing.
// Not hono's secureHeaders: it sends one policy for every response, where pages and data need different ones and a
// 304 must carry none (see below).
import type { MiddlewareHandler } from 'hono'

/**
 * The policy for HTML pages. Scripts and styles come only from this origin's files (no inline code, no eval),
 * so a story that smuggles markup into a page still cannot run anything. Nobody may frame the pages:
 * the embed widget works on other sites through its script and the JSON API, never through a frame.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** JSON and other non-HTML answers load nothing; if a browser ever renders one as a document, it runs nothing. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'"

/** Search queries sit in URLs (`/search?q=…`): links to other origins must not carry them away. */
export const REFERRER_POLICY = 'same-origin'

/**
 * Adds the security headers to every response the Worker makes, errors included: `Content-Security-Policy`
 * (PAGE_CSP on HTML, DATA_CSP otherwise), `X-Content-Type-Options: nosniff`, `Referrer-Policy`, and
 * `X-Frame-Options: DENY` for browsers that predate `frame-ancestors`. Headers a route set itself are kept.
 *
 * A 304 gets no Content-Security-Policy: it has no body and no Content-Type to choose a policy by, and the browser
 * merges a 304's headers into the response it kept (RFC 9111 §4.3.4), so any policy sent here would replace the
 * cached page's own. DATA_CSP on a revalidated page took away its stylesheet and script.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next()
    // A response passed through from fetch() or the cache may have immutable headers: copy it first.
    if (!isMutable(c.res.headers)) c.res = new Response(c.res.body, c.res)
    const headers = c.res.headers
    const html = (headers.get('Content-Type') ?? '').toLowerCase().startsWith('text/html')
    if (c.res.status !== 304) setIfMissing(headers, 'Content-Security-Policy', html ? PAGE_CSP : DATA_CSP)
    setIfMissing(headers, 'X-Content-Type-Options', 'nosniff')
    setIfMissing(headers, 'Referrer-Policy', REFERRER_POLICY)
    setIfMissing(headers, 'X-Frame-Options', 'DENY')
  }
}

function setIfMissing(headers: Headers, name: string, value: string): void {
  if (!headers.has(name)) headers.set(name, value)
}

function isMutable(headers: Headers): boolean {
  try {
    headers.set('X-Content-Type-Options', headers.get('X-Content-Type-Options') ?? 'nosniff')
    return true
  } catch {
    return false
  }
}
