// The search page in the browser: live results as you type, the URL as the state, suggestions, keyboard moves.
// Progressive enhancement over the server-rendered page; every piece of data reaches the DOM through textContent.
import { splitHighlights } from './highlight.js'
import { activeChips, filterState, quotedQuery, readFilters, searchHref, storyHref, withFilter, withoutFilter, withParam, withWords } from './search-url.js'

const DEBOUNCE_MS = 180
const SUGGEST_DEBOUNCE_MS = 120
const FACETS = [['rating', 'Rating'], ['fandom', 'Fandom'], ['relationship', 'Relationships'], ['character', 'Characters'], ['warning', 'Warnings'], ['language', 'Language']]

document.documentElement.classList.add('js')

const $ = (id) => document.getElementById(id)
const input = $('q')
const form = $('search-form')
const listbox = $('suggestions')
const results = $('results')

/** Builds an element: `h('a', { href, class: 'x' }, 'text', child)`. Strings become text nodes, never HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value === true ? '' : value)
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child)
  return el
}

const plural = (n, one, many) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

// ---- Copy buttons (the embed code): the text of the element a button names.
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null
  const source = button && document.getElementById(button.dataset.copy)
  if (!source) return
  try {
    await navigator.clipboard.writeText(source.textContent)
    button.textContent = 'Copied'
  } catch {
    // No clipboard (an insecure page, a refused permission): select the text for the reader to copy.
    getSelection()?.selectAllChildren(source)
    button.textContent = 'Press Ctrl+C'
  }
  setTimeout(() => { button.textContent = 'Copy' }, 2000)
})

// ---- "/" focuses the box from anywhere but a field.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
  const target = event.target
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
  event.preventDefault()
  input.focus()
  input.select()
})

// ---- Live search (search page only).
let params = new URLSearchParams(location.search)
let searchCounter = 0
let searchTimer = 0
let typingEntry = false

async function search(next, { push = true, replace = false } = {}) {
  params = next
  const id = ++searchCounter
  const href = searchHref(params)
  if (push && location.pathname + location.search !== href) {
    if (replace) history.replaceState(null, '', href)
    else history.pushState(null, '', href)
  }
  results.setAttribute('aria-busy', 'true')
  let body
  try {
    const response = await fetch(`/api/search?${params}`, { headers: { Accept: 'application/json' } })
    body = await response.json()
    if (!response.ok) throw new Error(body?.error?.message || `search answered ${response.status}`)
  } catch (error) {
    if (id !== searchCounter) return
    results.removeAttribute('aria-busy')
    $('result-count').textContent = `Search failed: ${error.message}`
    return
  }
  // A slower, older request must not paint over a newer one.
  if (id !== searchCounter) return
  results.removeAttribute('aria-busy')
  render(body)
}

function render(body) {
  const query = body.query
  const browsing = !query && activeChips(params).length === 0
  document.title = query ? `${query} – story-search` : 'story-search: search the stories'
  // A phrase whose candidates were not all read: the count is an estimate.
  const stories = body.truncated ? `about ${plural(body.total, 'story', 'stories')}` : plural(body.total, 'story', 'stories')
  $('result-count').replaceChildren(
    browsing ? `${stories} in the archive, newest first` : query ? `${stories} for ${quotedQuery(query)}` : `${stories} match these filters`,
    h('span', { class: 'took' }, ` in ${body.tookMs} ms`),
  )
  $('sort').value = body.sort
  renderHiddenState()
  $('chips').replaceChildren(...chipList())
  $('notices').replaceChildren(...notices(body, browsing))
  results.replaceChildren(...body.hits.map((hit, i) => resultRow(hit, query, !hit.allWords && (i === 0 || body.hits[i - 1].allWords))))
  $('pager').replaceChildren(...pager(body))
  $('facets').replaceChildren(...facets(body))
}

function renderHiddenState() {
  const kept = [...params].filter(([name, value]) => !['q', 'page', 'sort'].includes(name) && value !== '')
  $('hidden-state').replaceChildren(...kept.map(([name, value]) => h('input', { type: 'hidden', name, value })))
}

function chipList() {
  const chips = activeChips(params)
  if (chips.length === 0) return []
  const items = chips.map((chip) =>
    h('li', null, h('a', { class: chip.exclude ? 'chip chip-exclude' : 'chip', href: searchHref(chip.params), 'aria-label': `Remove filter ${chip.label}` }, chip.label, h('span', { 'aria-hidden': 'true' }, ' ×'))),
  )
  if (chips.length > 1) items.push(h('li', null, h('a', { class: 'chip-clear', href: searchHref(new URLSearchParams(params.get('q') ? { q: params.get('q') } : {})) }, 'Clear all')))
  return [h('ul', { class: 'chips', 'aria-label': 'Active filters' }, items)]
}

function notices(body, browsing) {
  if (browsing) {
    const popular = (field, label) =>
      body.facets[field].length === 0
        ? null
        : h('div', { class: 'popular' }, h('h2', null, label), h('ul', { class: 'chips' }, body.facets[field].slice(0, 8).map((facet) =>
            h('li', null, h('a', { class: 'chip chip-link', href: searchHref(withFilter(params, field, facet.value)) }, `${facet.value} `, h('span', { class: 'count' }, String(facet.count)))))))
    return [h('section', { class: 'browse', 'aria-label': 'Browse' }, popular('relationship', 'Popular relationships'), popular('character', 'Popular characters'), h('h2', { class: 'newest-heading' }, 'Newest stories'))]
  }
  // A correction is offered above the stories found too: a misspelt word found only its neighbours, or few stories.
  const didYouMean = body.didYouMean ? h('p', { class: 'did-you-mean' }, 'Did you mean ', h('a', { href: searchHref(withParam(params, 'q', body.didYouMean)) }, body.didYouMean), '?') : null
  if (body.total > 0) return didYouMean ? [didYouMean] : []
  // The tips, with the archive's own examples, are rendered by the server into a template on the page.
  const tips = $('no-hits-tips')
  return [h('section', { class: 'no-hits' }, h('h2', null, 'No stories found'), didYouMean, tips ? tips.content.cloneNode(true) : null)]
}

// Names as links to the search that filters by each (the same links the server draws).
function nameLinks(field, values, separator) {
  return values.flatMap((value, i) => [i > 0 ? separator : null, h('a', { class: 'name-link', href: searchHref(new URLSearchParams({ [field]: value })) }, value)])
}

function resultRow(hit, query, firstPartial) {
  const marked = (snippet) => splitHighlights(snippet.text, snippet.highlights).map((piece) => (piece.marked ? h('mark', null, piece.text) : piece.text))
  return h('li', { class: hit.allWords ? 'result' : 'result some-words' },
    firstPartial ? h('p', { class: 'some-words-note' }, 'From here on, stories with some of your words, not all') : null,
    h('h2', { class: 'result-title' }, h('a', { href: storyHref(hit.url, query) }, hit.title)),
    h('p', { class: 'byline' },
      h('span', { class: `rating rating-${hit.rating.toLowerCase().replace(/\s+/g, '-')}` }, hit.rating), ' ',
      h('span', { class: 'author' }, hit.authors.length ? ['by ', nameLinks('author', hit.authors, ', ')] : 'author unknown'),
      hit.fandoms.length ? h('span', { class: 'fandom' }, ' · ', nameLinks('fandom', hit.fandoms, ', ')) : null),
    hit.relationships.length ? h('p', { class: 'relationships' }, nameLinks('relationship', hit.relationships, ' · ')) : null,
    h('p', { class: 'stats' }, `${hit.words.toLocaleString('en-US')} words`, hit.date ? [' · ', h('time', { datetime: hit.date }, hit.date.slice(0, 10))] : null),
    hit.summary ? h('p', { class: 'summary' }, hit.summary) : null,
    hit.snippet
      ? h('p', { class: 'snippet' }, hit.chapter ? [h('a', { class: 'snippet-chapter', href: storyHref(hit.chapter.url, query) }, `${hit.chapter.title}:`), ' '] : null, marked(hit.snippet))
      : null)
}

function pager(body) {
  const counted = Math.max(1, Math.ceil(body.total / body.limit))
  // With an estimated total there may be more pages than counted: offer the next one.
  const pages = body.truncated ? Math.max(counted, body.page + 1) : counted
  if (pages <= 1) return []
  const link = (page) => searchHref(withParam(params, 'page', page))
  return [h('nav', { class: 'pager', 'aria-label': 'Result pages' },
    body.page > 1 ? h('a', { href: link(body.page - 1), rel: 'prev' }, '← Previous') : null,
    h('span', null, `Page ${body.page} of ${body.truncated ? 'about ' : ''}${pages}`),
    body.page < pages ? h('a', { href: link(body.page + 1), rel: 'next' }, 'Next →') : null)]
}

function facets(body) {
  const out = [h('h2', { class: 'facets-heading' }, 'Filter')]
  for (const [field, label] of FACETS) {
    // Excluded values match no story, so the counts omit them; listed (count 0) so the reader can undo them.
    const excluded = readFilters(params).filter((f) => f.field === field && f.exclude && !body.facets[field].some((facet) => facet.value === f.value))
    const values = [...body.facets[field], ...excluded.map((f) => ({ value: f.value, count: 0 }))]
    if (values.length === 0) continue
    out.push(h('section', { class: 'facet' }, h('h3', null, label), h('ul', null, values.map((facet) => {
      const state = filterState(params, field, facet.value)
      const stop = state === 'exclude' ? `Stop excluding ${facet.value}` : `Exclude ${facet.value}`
      return h('li', { class: state ? `facet-value is-${state}` : 'facet-value' },
        h('a', { class: 'facet-include', href: searchHref(state === 'include' ? withoutFilter(params, field, facet.value) : withFilter(params, field, facet.value)), 'aria-current': state === 'include' ? 'true' : null },
          h('span', { class: 'facet-name' }, facet.value), ' ', h('span', { class: 'count' }, String(facet.count))),
        h('a', { class: 'facet-exclude', href: searchHref(state === 'exclude' ? withoutFilter(params, field, facet.value) : withFilter(params, field, facet.value, true)), 'aria-label': stop, title: stop }, state === 'exclude' ? '↺' : '−'))
    }))))
  }
  const min = params.get('words_min') ?? ''
  const max = params.get('words_max') ?? ''
  const buckets = body.facets.words.filter((bucket) => bucket.count > 0)
  if (buckets.length) {
    out.push(h('section', { class: 'facet' }, h('h3', null, 'Length'), h('ul', null, buckets.map((bucket) => {
      const active = String(bucket.min) === min && String(bucket.max ?? '') === max
      return h('li', { class: active ? 'facet-value is-include' : 'facet-value' },
        h('a', { class: 'facet-include', href: searchHref(active ? withWords(params, null, null) : withWords(params, bucket.min, bucket.max)), 'aria-current': active ? 'true' : null },
          h('span', { class: 'facet-name' }, `${bucket.label} words`), ' ', h('span', { class: 'count' }, String(bucket.count))))
    }))))
  }
  // Nothing to filter by (no results): no lone heading.
  return out.length > 1 ? out : []
}

if (results) {
  input.addEventListener('input', () => {
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => {
      // One history entry per burst of typing: the first search pushes, the rest replace it.
      search(withParam(params, 'q', input.value.trim()), { replace: typingEntry })
      typingEntry = true
    }, DEBOUNCE_MS)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    clearTimeout(searchTimer)
    closeSuggestions()
    typingEntry = false
    search(withParam(params, 'q', input.value.trim()), { replace: searchHref(withParam(params, 'q', input.value.trim())) === location.pathname + location.search })
  })
  $('sort').addEventListener('change', (event) => {
    typingEntry = false
    search(withParam(params, 'sort', event.target.value))
  })
  // Facet, chip, pager and did-you-mean links: same-page searches, no reload.
  document.querySelector('.search-layout').addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="/search"]') : null
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    typingEntry = false
    const next = new URL(link.href).searchParams
    input.value = next.get('q') ?? ''
    const paging = link.closest('.pager') !== null
    search(next).then(() => {
      if (paging) $('main').focus()
    })
  })
  window.addEventListener('popstate', () => {
    typingEntry = false
    const next = new URLSearchParams(location.search)
    input.value = next.get('q') ?? ''
    search(next, { push: false })
  })
  if (location.pathname === '/') history.replaceState(null, '', searchHref(params, '/'))
}

// ---- Suggestions: the ARIA combobox pattern (input owns a listbox; aria-activedescendant marks the option).
let suggestCounter = 0
let suggestTimer = 0
let options = []
let active = -1

function closeSuggestions() {
  listbox.hidden = true
  listbox.replaceChildren()
  options = []
  active = -1
  input.setAttribute('aria-expanded', 'false')
  input.removeAttribute('aria-activedescendant')
}

function setActive(index) {
  options.forEach((option, i) => option.el.setAttribute('aria-selected', String(i === index)))
  active = index
  if (index >= 0) {
    input.setAttribute('aria-activedescendant', options[index].el.id)
    options[index].el.scrollIntoView({ block: 'nearest' })
  } else input.removeAttribute('aria-activedescendant')
}

async function suggest(text) {
  const id = ++suggestCounter
  if (text.trim().length < 2) return closeSuggestions()
  let body
  try {
    const response = await fetch(`/api/suggest?q=${encodeURIComponent(text)}`)
    if (!response.ok) return
    body = await response.json()
  } catch {
    return
  }
  if (id !== suggestCounter || document.activeElement !== input) return
  // Grouped as fans look: words to search for, then ships, characters, fandoms and authors (each applied as a filter,
  // in place of the word being typed), then stories to open.
  const before = text.replace(/\S*$/, '').trim()
  const filter = (field) => (named) => ({ label: named.value, count: named.count, run: () => applyFilter(field, named.value, before) })
  const groups = [
    ['Search for', body.completions.filter((completion) => completion !== text.trim().toLowerCase()).slice(0, 3).map((completion) => ({ label: completion, run: () => choose(completion) }))],
    ['Ships', body.relationships.slice(0, 3).map(filter('relationship'))],
    ['Characters', body.characters.slice(0, 3).map(filter('character'))],
    ['Fandoms', body.fandoms.slice(0, 2).map(filter('fandom'))],
    ['Authors', body.authors.slice(0, 2).map(filter('author'))],
    ['Stories', body.stories.slice(0, 3).map((story) => ({ label: story.title, run: () => { location.href = story.url } }))],
  ].filter(([, items]) => items.length > 0)
  if (groups.length === 0) return closeSuggestions()
  options = []
  const grouped = groups.map(([name, items], g) => {
    const label = h('div', { id: `suggestion-group-${g}`, class: 'suggestion-group', role: 'presentation' }, name)
    const els = items.map((item) => {
      const el = h('div', { id: `suggestion-${options.length}`, role: 'option', class: 'suggestion', 'aria-selected': 'false' }, item.label, item.count ? h('span', { class: 'suggestion-count' }, String(item.count)) : null)
      options.push({ ...item, el })
      return el
    })
    return h('li', { role: 'group', 'aria-labelledby': `suggestion-group-${g}` }, label, els)
  })
  options.forEach((option, i) => {
    // mousedown, so the input keeps focus and the option runs before blur closes the list.
    option.el.addEventListener('mousedown', (event) => {
      event.preventDefault()
      options[i].run()
    })
  })
  listbox.replaceChildren(...grouped)
  listbox.hidden = false
  active = -1
  input.setAttribute('aria-expanded', 'true')
}

/** A suggested name applied as a filter, in place of the word being typed. */
function applyFilter(field, value, rest) {
  input.value = rest
  closeSuggestions()
  const next = withFilter(withParam(params, 'q', rest), field, value)
  if (results) {
    clearTimeout(searchTimer)
    typingEntry = false
    search(next)
  } else location.href = searchHref(next)
}

function choose(completion) {
  input.value = completion
  closeSuggestions()
  if (results) {
    clearTimeout(searchTimer)
    typingEntry = false
    search(withParam(params, 'q', completion))
  } else form.requestSubmit()
}

input.addEventListener('input', () => {
  clearTimeout(suggestTimer)
  suggestTimer = setTimeout(() => suggest(input.value), SUGGEST_DEBOUNCE_MS)
})
input.addEventListener('blur', () => setTimeout(closeSuggestions, 0))

const resultLinks = () => [...document.querySelectorAll('#results .result-title a')]

input.addEventListener('keydown', (event) => {
  const open = !listbox.hidden && options.length > 0
  if (event.key === 'ArrowDown') {
    event.preventDefault()
    if (open) setActive((active + 1) % options.length)
    else resultLinks()[0]?.focus()
  } else if (event.key === 'ArrowUp' && open) {
    event.preventDefault()
    setActive(active <= 0 ? options.length - 1 : active - 1)
  } else if (event.key === 'Enter' && open && active >= 0) {
    event.preventDefault()
    options[active].run()
  } else if (event.key === 'Escape') {
    // Escape closes the suggestions; it never empties the box (a search field's default), which would throw the
    // reader's query and results away.
    event.preventDefault()
    if (open) closeSuggestions()
  }
})

// Arrow keys walk the result titles; up from the first goes back to the box.
results?.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const links = resultLinks()
  const at = links.indexOf(document.activeElement)
  if (at === -1) return
  event.preventDefault()
  if (event.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)].focus()
  else if (at === 0) input.focus()
  else links[at - 1].focus()
})
