// Text of the small machine-readable files a site offers browsers and crawlers: OpenSearch, sitemap, robots.txt.

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)
}

/** The OpenSearch description: lets a browser add the site as a search engine from its address bar. */
export function openSearchXml(origin: string): string {
  const o = escapeXml(origin)
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>story-search</ShortName>
  <Description>Search the text of every story in the archive</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image width="16" height="16" type="image/svg+xml">${o}/favicon.svg</Image>
  <Url type="text/html" method="get" template="${o}/search?q={searchTerms}"/>
  <Url type="application/json" method="get" template="${o}/api/search?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${o}/opensearch.xml"/>
</OpenSearchDescription>
`
}

export interface SitemapEntry {
  path: string
  /** ISO date or date-time; only the date is written. */
  lastModified?: string | null
}

/** A sitemap (sitemaps.org 0.9) of `entries`, each an absolute URL under `origin`. */
export function sitemapXml(origin: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map(({ path, lastModified }) => {
    const lastmod = lastModified && /^\d{4}-\d{2}-\d{2}/.test(lastModified) ? `<lastmod>${lastModified.slice(0, 10)}</lastmod>` : ''
    return `  <url><loc>${escapeXml(origin + path)}</loc>${lastmod}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`
}

/** robots.txt: stories and the home page are for crawlers; endless result pages and the API are not. */
export function robotsTxt(origin: string): string {
  return `User-agent: *
Disallow: /api/
Disallow: /search
Allow: /

Sitemap: ${origin}/sitemap.xml
`
}
