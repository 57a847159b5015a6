// The search page's state lives in its URL: pure helpers shared by the Worker's views and the browser script.
// Plain JavaScript (no build step) so the browser can load it as is; types in search-url.d.ts.

/** Filter parameters a reader can include (`fandom=X`) or exclude (`fandom=-X`); each may repeat. */
export const FILTER_FIELDS = ['rating', 'fandom', 'relationship', 'character', 'warning', 'tag', 'author', 'series', 'language']

/** The filters of the sidebar's "Status and length" form, one value each. */
export const SHAPE_FILTERS = ['complete', 'updated_within', 'stale', 'chapters_min', 'chapters_max', 'minutes_min', 'minutes_max']

/** Filters with one value each: length and dates, status and shape, and the limits a reader keeps (see /settings). */
const SINGLE_FILTERS = ['words_min', 'words_max', 'date_from', 'date_to', ...SHAPE_FILTERS, 'fandoms_max', 'primary_pairing']

/** Works in progress left idle (`stale`): a minus hides those idle that many months or more, a plain number keeps only them. */
export const STALE_CHOICES = [
  ['-6', 'Hide those idle 6 months or more'],
  ['-12', 'Hide those idle a year or more'],
  ['-24', 'Hide those idle two years or more'],
  ['12', 'Only those idle a year or more'],
]

/** Parameters that change what is found: changing one sends the reader back to page 1. */
const PAGE_RESETTING = new Set([...FILTER_FIELDS, ...SINGLE_FILTERS, 'q', 'sort', 'limit'])

/** Canonical order of parameters in a link, so one state has one URL. */
const ORDER = ['q', ...FILTER_FIELDS, ...SINGLE_FILTERS, 'sort', 'limit', 'page']

/** `6m` as words: `6 months`. */
function periodLabel(period) {
  const match = /^(\d+)\s*([dwmy])$/i.exec(String(period).trim())
  if (!match) return String(period)
  const unit = { d: 'day', w: 'week', m: 'month', y: 'year' }[match[2].toLowerCase()]
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`
}

/**
 * The include/exclude filters in the parameters, in order.
 *
 * @example readFilters(new URLSearchParams('fandom=Smallville&rating=-Explicit'))
 * // [{ field: 'fandom', value: 'Smallville', exclude: false }, { field: 'rating', value: 'Explicit', exclude: true }]
 */
export function readFilters(params) {
  const filters = []
  for (const field of FILTER_FIELDS) {
    for (const raw of params.getAll(field)) {
      const trimmed = raw.trim()
      const exclude = trimmed.startsWith('-')
      const value = (exclude ? trimmed.slice(1) : trimmed).trim()
      if (value) filters.push({ field, value, exclude })
    }
  }
  return filters
}

/** A copy of `params` with `name` set to `value` (removed when empty); back to page 1 unless `name` is `page`. */
export function withParam(params, name, value) {
  const next = new URLSearchParams(params)
  if (value === null || value === undefined || String(value).trim() === '') next.delete(name)
  else next.set(name, String(value))
  if (PAGE_RESETTING.has(name)) next.delete('page')
  return next
}

/** A copy with the filter `field=value` removed, whether it was included or excluded. */
export function withoutFilter(params, field, value) {
  const next = new URLSearchParams(params)
  const kept = readFilters(next).filter((filter) => filter.field === field && filter.value !== value)
  next.delete(field)
  for (const filter of kept) next.append(field, (filter.exclude ? '-' : '') + filter.value)
  next.delete('page')
  return next
}

/** A copy that includes (or, with `exclude`, excludes) `field=value`, replacing the opposite choice for that value. */
export function withFilter(params, field, value, exclude = false) {
  const next = withoutFilter(params, field, value)
  next.append(field, (exclude ? '-' : '') + value)
  return next
}

/** Whether `field=value` is currently included (`include`), excluded (`exclude`) or neither (null). */
export function filterState(params, field, value) {
  const found = readFilters(params).find((filter) => filter.field === field && filter.value === value)
  return found ? (found.exclude ? 'exclude' : 'include') : null
}

/** A copy limited to stories of `min` to `max` words (either may be null for no bound). */
export function withWords(params, min, max) {
  return withParam(withParam(params, 'words_min', min), 'words_max', max)
}

/** The label of a word-count range: `1,000–5,000 words`, `over 50,000 words`, `under 1,000 words`. */
export function wordsLabel(min, max) {
  const n = (value) => Number(value).toLocaleString('en-US')
  if (min !== null && max !== null) return Number(min) === 0 ? `under ${n(Number(max) + 1)} words` : `${n(min)}–${n(max)} words`
  if (min !== null) return `over ${n(Number(min) - 1)} words`
  if (max !== null) return `at most ${n(max)} words`
  return 'any length'
}

/** A work's state as its file says: 'complete', 'in progress', or null when the file does not say. */
export function workStatus(complete) {
  return complete === true ? 'complete' : complete === false ? 'in progress' : null
}

const FIELD_LABELS = { rating: 'Rating', fandom: 'Fandom', relationship: 'Relationship', character: 'Character', warning: 'Warning', tag: 'Tag', author: 'Author', series: 'Series', language: 'Language' }

/** A filter field's values, named in the plural: "Show more fandoms". */
export function pluralLabel(field) {
  return field === 'series' ? 'series' : `${FIELD_LABELS[field].toLowerCase()}s`
}

/**
 * The active filters as removable chips: a label and the parameters without that filter.
 *
 * @example activeChips(new URLSearchParams('q=kiss&rating=-Explicit'))
 * // [{ label: 'not Rating: Explicit', exclude: true, params: URLSearchParams('q=kiss') }]
 */
export function activeChips(params) {
  const chips = readFilters(params).map((filter) => ({
    label: `${filter.exclude ? 'not ' : ''}${FIELD_LABELS[filter.field]}: ${filter.value}`,
    exclude: filter.exclude,
    params: withoutFilter(params, filter.field, filter.value),
    name: filter.field,
    value: (filter.exclude ? '-' : '') + filter.value,
  }))
  const min = params.get('words_min') || null
  const max = params.get('words_max') || null
  if (min !== null || max !== null) chips.push({ label: wordsLabel(min, max), exclude: false, params: withWords(params, null, null) })
  for (const [name, label] of [['date_from', 'from'], ['date_to', 'until']]) {
    const value = params.get(name)
    if (value) chips.push({ label: `${label} ${value}`, exclude: false, params: withParam(params, name, null) })
  }
  const complete = params.get('complete')
  if (complete) chips.push({ label: /^(true|yes|1)$/i.test(complete) ? 'complete' : 'in progress', exclude: false, params: withParam(params, 'complete', null) })
  const single = (name, label) => {
    const value = params.get(name)?.trim()
    if (value) chips.push({ label: label(value), exclude: false, params: withParam(params, name, null), name, value })
  }
  const range = (min, max, unit) => {
    const from = params.get(min)?.trim()
    const to = params.get(max)?.trim()
    if (!from && !to) return
    const label = from && to ? `${from}–${to} ${unit}` : from ? `at least ${from} ${unit}` : `at most ${to} ${unit}`
    chips.push({ label, exclude: false, params: withParam(withParam(params, min, null), max, null) })
  }
  range('chapters_min', 'chapters_max', 'chapters')
  range('minutes_min', 'minutes_max', 'minutes to read')
  single('updated_within', (value) => `updated in the last ${periodLabel(value)}`)
  single('stale', (value) => (value.startsWith('-') ? `no works in progress idle ${value.slice(1)}+ months` : `only works in progress idle ${value}+ months`))
  single('fandoms_max', (value) => (value === '1' ? 'no crossovers' : `at most ${value} fandoms`))
  single('primary_pairing', (value) => (/^(true|yes|1)$/i.test(value) ? 'main pairing only' : 'any pairing'))
  return chips
}

/**
 * The shareable link for a state: empty values and page 1 dropped, parameters in one canonical order.
 *
 * @example searchHref(new URLSearchParams('page=1&q=clark')) // '/search?q=clark'
 */
export function searchHref(params, path = '/search') {
  const entries = [...params].filter(([name, value]) => value.trim() !== '' && !(name === 'page' && value === '1') && !(name === 'sort' && value === 'relevance'))
  const rank = (name) => (ORDER.indexOf(name) === -1 ? ORDER.length : ORDER.indexOf(name))
  entries.sort((a, b) => rank(a[0]) - rank(b[0]))
  const query = new URLSearchParams(entries).toString()
  return query ? `${path}?${query}` : path
}

/** Parameters of a search that its feed ignores: a feed always lists the first stories, most recently updated first. */
/** Parameters a feed ignores: it always lists its first stories, most recently updated first. */
export const NOT_IN_FEEDS = ['sort', 'page', 'limit', 'facet_limit']

/** The search a feed follows: its parameters without paging and sort. */
export function feedParams(params) {
  const kept = new URLSearchParams(params)
  for (const name of NOT_IN_FEEDS) kept.delete(name)
  return kept
}

/** Where a search's Atom feed is: `/feed.atom` with the search's parameters. */
export function feedHref(params) {
  return searchHref(feedParams(params), '/feed.atom')
}

/** The page of a whole story (no chapter) or of one of its chapters (numbered from 1). */
export function storyPath(id, chapter = null) {
  return `/stories/${encodeURIComponent(id)}${chapter == null ? '' : `/chapters/${chapter}`}`
}

/** The link to a story from a result: carries the query so the story page can mark the matched words. */
export function storyHref(url, query) {
  return query && query.trim() ? `${url}?q=${encodeURIComponent(query.trim())}` : url
}

/**
 * The query as the count line quotes it: in curly quotes, unless the reader typed it as one quoted phrase, which
 * already has its quotes.
 *
 * @example quotedQuery('lana') // '“lana”'
 * @example quotedQuery('"call me Ishmael"') // '"call me Ishmael"'
 */
export function quotedQuery(query) {
  return /^["“][^"“”]*["”]$/.test(query) ? query : `“${query}”`
}
