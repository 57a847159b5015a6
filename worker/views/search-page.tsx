// The search page: a form, and when there is a query, the ranked results with snippets and paging.
import type { SearchResponse } from '../lib/run-search'
import { Layout } from './layout'
import { MarkedText } from './marked-text'

export function SearchPage({ result }: { result: SearchResponse }) {
  const { query, total, page, limit, hits } = result
  const pages = Math.max(1, Math.ceil(total / limit))
  const pageLink = (n: number) => `/search?${new URLSearchParams({ q: query, page: String(n), limit: String(limit) })}`
  return (
    <Layout title={query ? `${query} – story-search` : 'story-search'} query={query}>
      <p class="result-count" role="status">
        {query ? `${total} ${total === 1 ? 'story' : 'stories'} for “${query}”` : `${total} stories in the archive, newest first`}
        <span class="took"> ({result.tookMs} ms)</span>
      </p>
      <ol class="results">
        {hits.map((hit) => (
          <li class="result">
            <h2>
              <a href={query ? `${hit.url}?q=${encodeURIComponent(query)}` : hit.url}>{hit.title}</a>
            </h2>
            <p class="byline">
              {hit.author ? `by ${hit.author}` : 'author unknown'} · <span class={`rating rating-${hit.rating.toLowerCase().replace(' ', '-')}`}>{hit.rating}</span> ·{' '}
              {hit.words.toLocaleString('en-US')} words{hit.date ? ` · ${hit.date.slice(0, 10)}` : ''}
            </p>
            {hit.fandoms.length || hit.relationships.length ? (
              <p class="tags">{[...hit.fandoms, ...hit.relationships].join(' · ')}</p>
            ) : null}
            {hit.summary ? <p class="summary">{hit.summary}</p> : null}
            {hit.snippet ? (
              <p class="snippet">
                <MarkedText text={hit.snippet.text} highlights={hit.snippet.highlights} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav class="pager" aria-label="Result pages">
          {page > 1 ? <a href={pageLink(page - 1)} rel="prev">Previous</a> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <a href={pageLink(page + 1)} rel="next">Next</a> : null}
        </nav>
      ) : null}
    </Layout>
  )
}
