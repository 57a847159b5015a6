// The page shell shared by every HTML page: head (title, description, Open Graph), the search box, the scripts.
import type { Child } from 'hono/jsx'
import { SearchBox } from './search-box'

export interface LayoutProps {
  title: string
  description?: string
  query?: string
  /** Hidden form fields that keep the current filters when the reader searches again (search page). */
  formExtras?: Child
  /** Extra tags for <head>: canonical link, Open Graph. */
  head?: Child
  /** Page scripts besides /app.js (static files only: the Content-Security-Policy allows no inline script). */
  scripts?: string[]
  /** A class on <body>, for page-specific layout. */
  bodyClass?: string
  /** Atom feeds of what the page lists, for feed readers and the browser (`<link rel="alternate">`). */
  feeds?: { title: string; href: string }[]
  children: Child
}

export function Layout({ title, description, query = '', formExtras, head, scripts = [], bodyClass, feeds = [], children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {head}
        {feeds.map((feed) => (
          <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="story-search" />
        <link rel="stylesheet" href="/style.css" />
        <script type="module" src="/app.js"></script>
        <script type="module" src="/reader.js"></script>
        {scripts.map((src) => (
          <script type="module" src={src}></script>
        ))}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="site-name" href="/">
            story-search
          </a>
          <SearchBox query={query} extras={formExtras} />
          <nav class="site-links" aria-label="Site">
            <a href="/browse">Browse</a>
            <a href="/saved">Saved</a>
            <a href="/settings">Your filters</a>
            <a href="/help">Help</a>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <a href="/embed">Put this search on your site</a>
          <a href="/help">How to search</a>
          <a href="/api/openapi.json">API</a>
        </footer>
      </body>
    </html>
  )
}
