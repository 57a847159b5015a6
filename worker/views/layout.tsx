// The page shell shared by every HTML page.
import type { Child } from 'hono/jsx'

export interface LayoutProps {
  title: string
  description?: string
  query?: string
  children: Child
}

export function Layout({ title, description, query = '', children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/style.css" />
      </head>
      <body>
        <header class="site-header">
          <a class="site-name" href="/">
            story-search
          </a>
          <form class="search-form" action="/search" method="get" role="search">
            <label for="q" class="visually-hidden">
              Search stories
            </label>
            <input id="q" name="q" type="search" value={query} placeholder="Search titles, pairings, and the text itself" maxlength={500} />
            <button type="submit">Search</button>
          </form>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  )
}
