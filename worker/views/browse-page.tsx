// Browsing pages: the kinds of names, and one kind's names with their story counts.
import { BROWSE_KINDS, type BrowsedName, type BrowseKind, type BrowseSort } from '../search/browse'
import { feedHref, searchHref } from '../../static/search-url.js'
import { Layout } from './layout'
import { seriesPath } from './series-page'

export function BrowseIndexPage() {
  return (
    <Layout title="Browse – story-search" description="Browse the archive by fandom, relationship, character, author, tag, language or series." query="">
      <section class="browse-page">
        <h1>Browse</h1>
        <ul class="browse-kinds">
          {Object.entries(BROWSE_KINDS).map(([kind, { label }]) => (
            <li>
              <a href={`/browse/${kind}`}>{label}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  )
}

export interface BrowsePageProps {
  kind: BrowseKind
  sort: BrowseSort
  page: number
  pages: number
  total: number
  names: BrowsedName[]
  contains: string
}

export function BrowsePage({ kind, sort, page, pages, total, names, contains }: BrowsePageProps) {
  const { label, one, filter } = BROWSE_KINDS[kind]
  const href = (changes: { sort?: BrowseSort; page?: number }) => {
    const params = new URLSearchParams()
    const s = changes.sort ?? sort
    if (s !== 'count') params.set('sort', s)
    if (contains) params.set('filter', contains)
    const p = changes.page ?? 1
    if (p > 1) params.set('page', String(p))
    const query = params.toString()
    return `/browse/${kind}${query ? `?${query}` : ''}`
  }
  const nameHref = (name: string) => (kind === 'series' ? seriesPath(name) : searchHref(new URLSearchParams({ [filter]: name })))
  return (
    <Layout title={`${label} – story-search`} description={`Every ${one} in the archive, with how many stories have it.`} query="">
      <section class="browse-page">
        <p class="back-link">
          <a href="/browse">← Browse</a>
        </p>
        <h1>{label}</h1>
        <form class="browse-filter" action={`/browse/${kind}`} method="get" role="search">
          <label for="browse-filter">
            Find {/^[aeiou]/i.test(one) ? 'an' : 'a'} {one}
          </label>
          <input id="browse-filter" name="filter" type="search" value={contains} maxlength={100} />
          {sort !== 'count' ? <input type="hidden" name="sort" value={sort} /> : null}
          <button type="submit">Find</button>
        </form>
        <p class="browse-count">
          {total.toLocaleString('en-US')} {total === 1 ? one : label.toLowerCase()}
          {contains ? ` containing “${contains}”` : ''} · sort by{' '}
          {sort === 'count' ? <strong>most stories</strong> : <a href={href({ sort: 'count' })}>most stories</a>} ·{' '}
          {sort === 'name' ? <strong>name</strong> : <a href={href({ sort: 'name' })}>name</a>}
        </p>
        <ol class="browse-names">
          {names.map((entry) => (
            <li>
              <a href={nameHref(entry.name)}>{entry.name}</a> <span class="count">{entry.count.toLocaleString('en-US')}</span>{' '}
              <a class="feed-link" href={feedHref(new URLSearchParams({ [filter]: entry.name }))} aria-label={`Feed of ${entry.name}`}>
                Feed
              </a>
            </li>
          ))}
        </ol>
        {pages > 1 ? (
          <nav class="pager" aria-label={`${label} pages`}>
            {page > 1 ? (
              <a href={href({ page: page - 1 })} rel="prev">
                ← Previous
              </a>
            ) : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <a href={href({ page: page + 1 })} rel="next">
                Next →
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  )
}
