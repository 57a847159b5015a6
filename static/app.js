// The search page in the browser: live results as you type, the URL as the state, suggestions, keyboard moves.
// Progressive enhancement over the server-rendered page: a search swaps in the parts of the page the server renders
// for it (parsed by DOMParser, which runs no script); what the script draws itself reaches the DOM through textContent.
import { h } from './dom.js'
import { searchHref, withFilter, withParam } from './search-url.js'
import { browserStorage, lacksStanding, loadState, withStanding } from './reader-state.js'

const DEBOUNCE_MS = 180
const SUGGEST_DEBOUNCE_MS = 120

document.documentElement.classList.add('js')

const $ = (id) => document.getElementById(id)
const input = $('q')
const form = $('search-form')
const listbox = $('suggestions')
const results = $('results')

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

// ---- A long facet list, filtered by name as the reader types in its box.
document.addEventListener('input', (event) => {
  const box = event.target
  if (!(box instanceof HTMLInputElement) || !box.classList.contains('facet-filter')) return
  const wanted = box.value.trim().toLowerCase()
  for (const item of box.closest('.facet').querySelectorAll('li')) item.hidden = wanted !== '' && !item.textContent.toLowerCase().includes(wanted)
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

// The parts of the search page a search changes. The server renders them (worker/views/search-page.tsx): the page
// script fetches the page and swaps them in, so results, facets, chips, notices and the pager have one renderer.
const PARTS = ['result-count', 'chips', 'notices', 'results', 'pager', 'facets', 'hidden-state']

/** The reader's standing filters (kept by reader.js), read afresh: another tab may have changed them. */
const standingState = () => loadState(browserStorage())

async function search(next, { push = true, replace = false } = {}) {
  params = withStanding(next, standingState())
  const id = ++searchCounter
  const href = searchHref(params)
  if (push && location.pathname + location.search !== href) {
    if (replace) history.replaceState(null, '', href)
    else history.pushState(null, '', href)
  }
  results.setAttribute('aria-busy', 'true')
  let page
  try {
    const response = await fetch(searchHref(params), { headers: { Accept: 'text/html' } })
    page = new DOMParser().parseFromString(await response.text(), 'text/html')
    if (!response.ok) throw new Error(page.querySelector('.error p')?.textContent || `search answered ${response.status}`)
  } catch (error) {
    if (id !== searchCounter) return
    results.removeAttribute('aria-busy')
    results.classList.remove('standing-pending')
    $('result-count').textContent = `Search failed: ${error.message}`
    return
  }
  // A slower, older request must not paint over a newer one.
  if (id !== searchCounter) return
  results.removeAttribute('aria-busy')
  results.classList.remove('standing-pending')
  document.title = page.title
  for (const part of PARTS) {
    const rendered = page.getElementById(part)
    if (rendered) $(part).replaceChildren(...rendered.childNodes)
  }
  $('sort').value = page.getElementById('sort')?.value ?? 'relevance'
  // The search's feed, in the toolbar and for the browser's feed detection, follows the search.
  for (const selector of ['.results-toolbar .feed-link', 'link[rel="alternate"][type="application/atom+xml"]']) {
    const href = page.querySelector(selector)?.getAttribute('href')
    if (href) document.querySelector(selector)?.setAttribute('href', href)
  }
  document.dispatchEvent(new CustomEvent('story-search:results'))
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
  // Status, freshness and shape: a GET form, run in place.
  document.querySelector('.search-layout').addEventListener('submit', (event) => {
    const shape = event.target instanceof HTMLFormElement && event.target.classList.contains('shape-filters') ? event.target : null
    if (!shape) return
    event.preventDefault()
    typingEntry = false
    const next = new URLSearchParams([...new FormData(shape)].filter(([, value]) => String(value).trim() !== ''))
    search(next)
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
  // On a phone, "Filters" opens them as a sheet over the results, which stays open while values are chosen; its
  // button (or Escape) shows the stories. Without the script, or on a wide screen, the link jumps to the list.
  const phone = matchMedia('(max-width: 50rem)')
  const closeSheet = () => {
    if (!document.body.classList.contains('filters-open')) return
    document.body.classList.remove('filters-open')
    document.querySelector('.filters-link').focus()
  }
  document.querySelector('.filters-link').addEventListener('click', (event) => {
    if (!phone.matches) return
    event.preventDefault()
    document.body.classList.add('filters-open')
    $('facets').focus()
  })
  $('facets').addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('.sheet-done')) closeSheet()
  })
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeSheet()
  })
  window.addEventListener('popstate', () => {
    typingEntry = false
    const next = new URLSearchParams(location.search)
    input.value = next.get('q') ?? ''
    search(next, { push: false })
  })
  if (location.pathname === '/') history.replaceState(null, '', searchHref(params, '/'))
  // A link from elsewhere (a shared search, another site) lacks the reader's standing filters: searched again with
  // them, its results kept out of sight meanwhile, so nothing the reader hides flashes past.
  if (lacksStanding(params, standingState())) {
    results.classList.add('standing-pending')
    search(params, { replace: true })
  }
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
  const before = withoutLastWord(text)
  const filter = (field) => (named) => ({ label: named.value, count: named.count, run: () => go(before, { field, value: named.value }) })
  const groups = [
    ['Search for', body.completions.filter((completion) => completion !== text.trim().toLowerCase()).slice(0, 3).map((completion) => ({ label: completion, run: () => go(completion) }))],
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

/** The text before the word being typed, found by a scan back to the last space (a pattern like /\S*$/ backtracks). */
function withoutLastWord(text) {
  let end = text.length
  while (end > 0 && !/\s/.test(text[end - 1])) end--
  return text.slice(0, end).trim()
}

/**
 * Runs a chosen suggestion: a search for `text`, with a suggested name as a filter in place of the word being typed.
 * Off the search page the page's own parameters (a story's ?q=, view_adult) are not the search's.
 */
function go(text, filter = null) {
  input.value = text
  closeSuggestions()
  const base = withParam(results ? params : new URLSearchParams(), 'q', text)
  const next = filter ? withFilter(base, filter.field, filter.value) : base
  if (!results) {
    location.href = searchHref(next)
    return
  }
  clearTimeout(searchTimer)
  typingEntry = false
  search(next)
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
