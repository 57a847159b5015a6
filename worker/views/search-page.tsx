// The search page: facets, active filters, sort, ranked results with snippets, paging, and the empty states.
// Every control is a link or a form field, so the page is complete without JavaScript; /app.js re-renders the
// same regions (ids below) from /api/search as the reader types.
import type { SearchResponse } from '../present/answer-search'
import { SORT_ORDERS } from '../search/order'
import { STALE_CHOICES, SHAPE_FILTERS, activeChips, pluralLabel, feedHref, filterState, quotedQuery, readFilters, searchHref, storyHref, withFilter, withoutFilter, withParam, withWords } from '../../static/search-url.js'
import type { FilterField } from '../../static/search-url.js'
import type { ArchiveExamples } from '../present/archive-examples'
import { MAX_FACET_LIMIT } from '../search/facets'
import { LOWEST } from '../query/search-params'
import { feedTitle } from '../site/feed'
import { Layout } from './layout'
import { MarkedText } from './marked-text'
import { NameLinks } from './name-links'

export const SORT_LABELS: Record<(typeof SORT_ORDERS)[number], string> = {
  relevance: 'Best match',
  newest: 'Newest',
  oldest: 'Oldest',
  updated: 'Recently updated',
  longest: 'Longest',
  shortest: 'Shortest',
  title: 'Title',
  author: 'Author',
}

/** A facet listing this many values or more gets a box to filter them by name. */
const FILTERABLE_FROM = 8

const FACET_SECTIONS: { field: FilterField & keyof SearchResponse['facets']; label: string }[] = [
  { field: 'rating', label: 'Rating' },
  { field: 'fandom', label: 'Fandom' },
  { field: 'relationship', label: 'Relationships' },
  { field: 'character', label: 'Characters' },
  { field: 'warning', label: 'Warnings' },
  { field: 'language', label: 'Language' },
]

export function ratingClass(rating: string): string {
  return `rating rating-${rating.toLowerCase().replace(/\s+/g, '-')}`
}

export function SearchPage({ result, params, tips }: { result: SearchResponse; params: URLSearchParams; tips: ArchiveExamples | null }) {
  const { query } = result
  const filtered = readFilters(params).length > 0 || activeChips(params).length > 0
  const browsing = !query && !filtered
  return (
    <Layout
      title={query ? `${query} – story-search` : 'story-search: search the stories'}
      description="Search the text of every story in the archive: titles, pairings, characters and the words themselves."
      query={query}
      formExtras={<HiddenState params={params} />}
      bodyClass="search-page"
      feeds={[{ title: feedTitle(params), href: feedHref(params) }]}
    >
      <div class="search-layout">
        <aside class="facets" id="facets" aria-label="Filters" tabindex={-1}>
          <Facets result={result} params={params} />
        </aside>
        <section class="results-area" aria-label="Results">
          <div class="results-toolbar">
            <p class="result-count" id="result-count" role="status">
              <ResultCount result={result} browsing={browsing} />
            </p>
            <a class="filters-link" href="#facets">
              Filters
            </a>
            <span class="search-actions">
              <a class="feed-link" href={feedHref(params)} title="An Atom feed of new and updated stories matching this search">
                Feed
              </a>
              {/* The page script keeps saved searches in the browser: without it there is nothing to save to. */}
              <button type="button" class="save-search" hidden>
                Save search
              </button>
            </span>
            <div class="sort">
              <label for="sort">Sort by</label>
              <select id="sort" name="sort" form="search-form">
                {SORT_ORDERS.map((order) => (
                  <option value={order} selected={order === result.sort}>
                    {SORT_LABELS[order]}
                  </option>
                ))}
              </select>
              <button type="submit" form="search-form" class="no-js-only">
                Apply
              </button>
            </div>
          </div>
          <div id="chips">
            <Chips params={params} />
          </div>
          <div id="notices">
            <Notices result={result} params={params} browsing={browsing} tips={tips} />
          </div>
          <ol class="results" id="results">
            {result.hits.map((hit, i) => (
              <ResultRow hit={hit} query={query} firstPartial={!hit.allWords && (i === 0 || result.hits[i - 1]!.allWords)} />
            ))}
          </ol>
          <div id="pager">
            <Pager result={result} params={params} />
          </div>
        </section>
      </div>
    </Layout>
  )
}

/** Filters and sort ride along as hidden fields, so a new query keeps them (the sort select joins via form=). */
function HiddenState({ params }: { params: URLSearchParams }) {
  const kept = [...params].filter(([name, value]) => !['q', 'page', 'sort'].includes(name) && value !== '')
  return (
    <span id="hidden-state">
      {kept.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </span>
  )
}

/** A page left short where a phrase check stopped (a search reads only so many stories for it): nothing follows it. */
function stoppedShort(result: SearchResponse): boolean {
  return result.truncated && result.hits.length < result.limit
}

/** "12 stories", "1 story", or "about 30 stories" when a long phrase's total is an estimate. */
function storiesLabel({ total, truncated }: SearchResponse): string {
  return `${truncated ? 'about ' : ''}${total.toLocaleString('en-US')} ${total === 1 && !truncated ? 'story' : 'stories'}`
}

function ResultCount({ result, browsing }: { result: SearchResponse; browsing: boolean }) {
  const { query } = result
  // A phrase whose candidates were not all read: the count is an estimate.
  const stories = storiesLabel(result)
  return (
    <>
      {browsing ? `${stories} in the archive, newest first` : query ? `${stories} for ${quotedQuery(query)}` : `${stories} ${result.total === 1 && !result.truncated ? 'matches' : 'match'} these filters`}
      <span class="took"> in {result.tookMs} ms</span>
    </>
  )
}

function Chips({ params }: { params: URLSearchParams }) {
  const chips = activeChips(params)
  if (chips.length === 0) return null
  return (
    <ul class="chips" aria-label="Active filters">
      {chips.map((chip) => (
        <li>
          <a class={chip.exclude ? 'chip chip-exclude' : 'chip'} href={searchHref(chip.params)} aria-label={`Remove filter ${chip.label}`} data-param={chip.name} data-value={chip.value}>
            {chip.label}
            <span aria-hidden="true"> ×</span>
          </a>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <a class="chip-clear" href={searchHref(new URLSearchParams(params.get('q') ? { q: params.get('q')! } : {}))}>
            Clear all
          </a>
        </li>
      ) : null}
    </ul>
  )
}

function Notices({ result, params, browsing, tips }: { result: SearchResponse; params: URLSearchParams; browsing: boolean; tips: ArchiveExamples | null }) {
  if (pastTheEnd(result)) {
    const last = pageCount(result)
    return (
      <section class="no-hits">
        <h2>No stories on page {result.page}</h2>
        <p>
          The stories found fill {last === 1 ? '1 page' : `${last} pages`}: <a href={searchHref(withParam(params, 'page', last))}>go to page {last}</a>.
        </p>
      </section>
    )
  }
  if (browsing) {
    const popular = (field: 'relationship' | 'character', label: string) =>
      result.facets[field].length > 0 ? (
        <div class="popular">
          <h2>{label}</h2>
          <ul class="chips">
            {result.facets[field].slice(0, 8).map((facet) => (
              <li>
                <a class="chip chip-link" href={searchHref(withFilter(params, field, facet.value))}>
                  {facet.value} <span class="count">{facet.count}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null
    return (
      <section class="browse" aria-label="Browse">
        {popular('relationship', 'Popular relationships')}
        {popular('character', 'Popular characters')}
        <h2 class="newest-heading">Newest stories</h2>
      </section>
    )
  }
  // A correction is offered above the stories found too: a misspelt word found only its neighbours, or few stories.
  const didYouMean = result.didYouMean ? (
    <p class="did-you-mean">
      Did you mean <a href={searchHref(withParam(params, 'q', result.didYouMean))}>{result.didYouMean}</a>?
    </p>
  ) : null
  // A phrase check that stopped (a search reads only so many stories for it) may leave the page short: say why.
  const stopped =
    stoppedShort(result) ? (
      <p class="stopped">
        This page may be missing stories: to check a phrase of common words, a search reads only so many of the stories that have its words, and
        leaves the rest out. Another word or a filter narrows it.
      </p>
    ) : null
  if (result.total > 0)
    return (
      <>
        {didYouMean}
        {stopped}
      </>
    )
  return (
    <section class="no-hits">
      <h2>No stories found</h2>
      {didYouMean}
      <Tips tips={tips} />
    </section>
  )
}

/** What to try when nothing was found, with examples from the archive's own stories. */
function Tips({ tips }: { tips: ArchiveExamples | null }) {
  const pairing = tips?.pairing
  const phrase = tips?.phrase
  return (
    <ul class="tips">
      <li>Check the spelling, or use fewer words: every word must appear in a story.</li>
      <li>
        Remove a filter above{pairing ? <>, or search for a pairing like <code>{pairing}</code></> : null}.
      </li>
      <li>
        Use quotes for a phrase{phrase ? <> (<code>{phrase}</code>)</> : null}, a minus to exclude (<code>-angst</code>), fields like{' '}
        <code>author:</code>: <a href="/help">see how to search</a>.
      </li>
    </ul>
  )
}

type Hit = SearchResponse['hits'][number]

/** `8 min`, `2 h 5 min`: how long the story takes to read. */
export function readingTime(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  const rest = minutes % 60
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`
}

/** A result row; the first of the stories with only some of the words says so, once, for all below it. */
export function ResultRow({ hit, query, firstPartial }: { hit: Hit; query: string; firstPartial: boolean }) {
  return (
    <li class={hit.allWords ? 'result' : 'result some-words'} data-story={hit.id} data-title={hit.title}>
      {firstPartial ? <p class="some-words-note">From here on, stories with some of your words, not all</p> : null}
      <h2 class="result-title">
        <a href={storyHref(hit.url, query)}>{hit.title}</a>
      </h2>
      <p class="byline">
        <span class={ratingClass(hit.rating)}>{hit.rating}</span>{' '}
        <span class="author">{hit.authors.length ? <>by <NameLinks field="author" values={hit.authors} separator=", " /></> : 'author unknown'}</span>
        {hit.fandoms.length ? (
          <span class="fandom">
            {' · '}
            <NameLinks field="fandom" values={hit.fandoms} separator=", " />
          </span>
        ) : null}
      </p>
      {hit.relationships.length ? (
        <p class="relationships">
          <NameLinks field="relationship" values={hit.relationships} separator=" · " />
        </p>
      ) : null}
      <p class="stats">
        {hit.words.toLocaleString('en-US')} words · {readingTime(hit.readingMinutes)}
        {hit.chapterCount > 1 ? ` · ${hit.chapterCount} chapters` : null}
        {hit.complete === false ? ' · in progress' : null}
        {hit.date ? (
          <>
            {' · '}
            <time datetime={hit.date}>{hit.date.slice(0, 10)}</time>
          </>
        ) : null}
        {hit.updated && hit.updated !== hit.date ? (
          <>
            {' · updated '}
            <time datetime={hit.updated}>{hit.updated.slice(0, 10)}</time>
          </>
        ) : null}
      </p>
      {hit.summary ? <p class="summary">{hit.summary}</p> : null}
      {hit.snippet ? (
        <p class="snippet">
          {hit.chapter ? (
            <>
              <a class="snippet-chapter" href={storyHref(hit.chapter.url, query)}>
                {hit.chapter.title}:
              </a>{' '}
            </>
          ) : null}
          <MarkedText text={hit.snippet.text} highlights={hit.snippet.highlights} />
        </p>
      ) : null}
    </li>
  )
}

/** The pages of results there are, as far as the answer tells. */
function pageCount(result: SearchResponse): number {
  const counted = Math.max(1, Math.ceil(result.total / result.limit))
  // With an estimated total there may be more pages than counted: the next one is offered after a full page. A short
  // one is where a phrase check stopped: there is nothing after it.
  return !result.truncated ? counted : stoppedShort(result) ? result.page : Math.max(counted, result.page + 1)
}

/** A page number past the last page (an old link, a typed URL): stories were found, none on this page. */
function pastTheEnd(result: SearchResponse): boolean {
  return result.total > 0 && result.hits.length === 0 && result.page > 1
}

function Pager({ result, params }: { result: SearchResponse; params: URLSearchParams }) {
  const pages = pageCount(result)
  if (pages <= 1 || pastTheEnd(result)) return null
  const link = (page: number) => searchHref(withParam(params, 'page', page))
  return (
    <nav class="pager" aria-label="Result pages">
      {result.page > 1 ? (
        <a href={link(result.page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      <span>
        Page {result.page} of {result.truncated ? `about ${pages}` : pages}
      </span>
      {result.page < pages ? (
        <a href={link(result.page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  )
}

function Facets({ result, params }: { result: SearchResponse; params: URLSearchParams }) {
  const min = params.get('words_min')
  const max = params.get('words_max')
  // The top values of each facet are listed; the rest are a link away.
  const limit = result.facetLimit
  const any = FACET_SECTIONS.some(({ field }) => withExcluded(result.facets[field], params, field).length > 0) || result.facets.words.some((bucket) => bucket.count > 0)
  return (
    <>
      <h2 class="facets-heading">Filter</h2>
      {any ? <FacetLists result={result} params={params} limit={limit} min={min} max={max} /> : null}
      <ShapeFilters params={params} />
      {/* On a phone the page script opens the filters as a sheet over the results; this closes it. */}
      <button type="button" class="sheet-done">
        Show {storiesLabel(result)}
      </button>
    </>
  )
}

function FacetLists({ result, params, limit, min, max }: { result: SearchResponse; params: URLSearchParams; limit: number; min: string | null; max: string | null }) {
  return (
    <>
      {FACET_SECTIONS.map(({ field, label }) => {
        const values = withExcluded(result.facets[field], params, field)
        return values.length === 0 ? null : (
          <section class="facet">
            <h3>{label}</h3>
            {values.length >= FILTERABLE_FROM ? <input type="search" class="facet-filter" aria-label={`Filter ${label.toLowerCase()}`} placeholder={`Filter ${label.toLowerCase()}…`} /> : null}
            <ul>
              {values.map((facet) => {
                const state = filterState(params, field, facet.value)
                return (
                  <li class={state ? `facet-value is-${state}` : 'facet-value'}>
                    <a class="facet-include" href={searchHref(state === 'include' ? withoutFilter(params, field, facet.value) : withFilter(params, field, facet.value))} aria-current={state === 'include' ? 'true' : undefined}>
                      <span class="facet-name">{facet.value}</span> <span class="count">{facet.count}</span>
                    </a>
                    <a
                      class="facet-exclude"
                      href={searchHref(state === 'exclude' ? withoutFilter(params, field, facet.value) : withFilter(params, field, facet.value, true))}
                      aria-label={state === 'exclude' ? `Stop excluding ${facet.value}` : `Exclude ${facet.value}`}
                      title={state === 'exclude' ? `Stop excluding ${facet.value}` : `Exclude ${facet.value}`}
                    >
                      {state === 'exclude' ? '↺' : '−'}
                    </a>
                  </li>
                )
              })}
            </ul>
            {result.facets[field].length >= limit && limit < MAX_FACET_LIMIT ? (
              <a class="facet-more" href={searchHref(withParam(params, 'facet_limit', MAX_FACET_LIMIT))}>
                Show more {pluralLabel(field)}
              </a>
            ) : null}
          </section>
        )
      })}
      {result.facets.words.some((bucket) => bucket.count > 0) ? (
        <section class="facet">
          <h3>Length</h3>
          <ul>
            {result.facets.words
              .filter((bucket) => bucket.count > 0)
              .map((bucket) => {
                const active = String(bucket.min) === (min ?? '') && String(bucket.max ?? '') === (max ?? '')
                return (
                  <li class={active ? 'facet-value is-include' : 'facet-value'}>
                    <a class="facet-include" href={searchHref(active ? withWords(params, null, null) : withWords(params, bucket.min, bucket.max))} aria-current={active ? 'true' : undefined}>
                      <span class="facet-name">{bucket.label} words</span> <span class="count">{bucket.count}</span>
                    </a>
                  </li>
                )
              })}
          </ul>
        </section>
      ) : null}
    </>
  )
}

/** Status, freshness and shape: a plain GET form, so it works without the page script (which runs it in place). */
function ShapeFilters({ params }: { params: URLSearchParams }) {
  const kept = [...params].filter(([name, value]) => !SHAPE_FILTERS.includes(name) && name !== 'page' && value !== '')
  const value = (name: string) => params.get(name) ?? ''
  const select = (name: string, label: string, listed: [string, string][]) => {
    // A value the list does not offer (from a link, or a reader's standing filter) is shown as chosen, not as "any".
    const current = value(name)
    const unlisted: [string, string][] = current && !listed.some(([choice]) => choice === current) ? [[current, activeChips(new URLSearchParams([[name, current]]))[0]?.label ?? current]] : []
    return (
      <p class="shape-field">
        <label for={`shape-${name}`}>{label}</label>
        <select id={`shape-${name}`} name={name}>
          {[...listed, ...unlisted].map(([choice, text]) => (
            <option value={choice} selected={current === choice}>
              {text}
            </option>
          ))}
        </select>
      </p>
    )
  }
  const range = (min: string, max: string, label: string, unit: keyof typeof LOWEST) => (
    <fieldset class="shape-range">
      <legend>{label}</legend>
      <label>
        from <input type="number" name={min} min={LOWEST[unit]} inputmode="numeric" value={value(min)} aria-label={`${label}: at least, in ${unit}`} />
      </label>{' '}
      <label>
        to <input type="number" name={max} min={LOWEST[unit]} inputmode="numeric" value={value(max)} aria-label={`${label}: at most, in ${unit}`} />
      </label>
    </fieldset>
  )
  return (
    <section class="facet">
      <h3>Status and length</h3>
      <form class="shape-filters" action="/search" method="get">
        {kept.map(([name, v]) => (
          <input type="hidden" name={name} value={v} />
        ))}
        {select('complete', 'Status', [['', 'Any'], ['true', 'Complete'], ['false', 'In progress']])}
        {select('updated_within', 'Updated in the last', [['', 'Any time'], ['1w', 'Week'], ['1m', 'Month'], ['6m', '6 months'], ['1y', 'Year'], ['5y', '5 years']])}
        {select('stale', 'Works in progress', [['', 'Show all'], ...STALE_CHOICES])}
        {range('chapters_min', 'chapters_max', 'Chapters', 'chapters')}
        {range('minutes_min', 'minutes_max', 'Reading time (minutes)', 'minutes')}
        <button type="submit">Apply</button>
      </form>
    </section>
  )
}

/** Excluded values match no story, so the counts omit them; they are listed (count 0) so the reader can undo them. */
function withExcluded(values: { value: string; count: number }[], params: URLSearchParams, field: FilterField) {
  // A wildcard (`*mimes`) names no one value: its chip shows it.
  const excluded = readFilters(params).filter((filter) => filter.field === field && filter.exclude && !filter.value.includes('*') && !values.some((facet) => facet.value === filter.value))
  return [...values, ...excluded.map((filter) => ({ value: filter.value, count: 0 }))]
}
