// What a reader keeps in this browser, on every page: standing filters on every search form and link, marks on
// results and stories (for later, read, not interested), the history, saved searches, and the /settings and /saved
// pages. The state and its rules are in reader-state.js; this file reads the page, changes the state and stores it.
import { h } from './dom.js'
import { feedHref, searchHref } from './search-url.js'
import {
  MARKS, STORAGE_KEY, browserStorage, exportState, formFromStanding, hasMark, isStanding, loadState, mergeStates, readState,
  saveState, standingFromForm, withMark, withSearch, withStanding, withVisit, withoutSearch, withoutStanding,
} from './reader-state.js'

document.documentElement.classList.add('js')

const storage = browserStorage()
let state = loadState(storage)

/**
 * Changes the state: read afresh from storage first, so what another tab stored meanwhile (a story opened there, a
 * mark) is kept, then stored and drawn. Returns false when the browser refuses to store it, and, unless `quietly`,
 * says so on the page.
 */
function update(change, quietly = false) {
  state = change(loadState(storage))
  const stored = storage !== null && saveState(storage, state)
  if (!stored && !quietly) showAlert('This browser did not keep that (its storage is off or full): it lasts until the page is left.')
  render()
  return stored
}

/** A message every page can show, read out by screen readers. */
function showAlert(text) {
  let box = document.getElementById('reader-alert')
  if (!box) {
    box = h('p', { id: 'reader-alert', class: 'reader-alert', role: 'alert' })
    document.getElementById('main')?.prepend(box)
  }
  box.textContent = text
}

function status(id, text) {
  const el = document.getElementById(id)
  if (el) el.textContent = text
}

const LABELS = { later: 'For later', read: 'Read', unwanted: 'Not interested' }

/** The mark buttons for one story; each says whether it is on (aria-pressed). */
function markButtons(story) {
  return h('div', { class: 'reader-actions', role: 'group', 'aria-label': `Your marks on ${story.title}` },
    ...MARKS.map((mark) => h('button', { type: 'button', class: `mark mark-${mark}`, 'data-mark': mark, 'aria-pressed': String(hasMark(state, mark, story.id)) }, LABELS[mark])))
}

/** A chip's words without its × (the server draws it as its last child). */
const chipLabel = (chip) => (chip ? chip.firstChild?.textContent.trim() || null : null)

const resultStory = (row) => ({ id: row.dataset.story, title: row.dataset.title, url: row.querySelector('.result-title a')?.getAttribute('href')?.split('?')[0] })

// ---- Standing filters ride on every search form, and on links to searches from pages other than the search page
// (whose own links run through the page script, which adds them).
function decorateSearches() {
  for (const form of document.querySelectorAll('form[action="/search"]')) {
    form.querySelectorAll('input[data-standing]').forEach((input) => input.remove())
    const present = new URLSearchParams(new FormData(form))
    for (const [name, value] of withStanding(present, state)) {
      if (!present.getAll(name).includes(value)) form.append(h('input', { type: 'hidden', name, value, 'data-standing': '' }))
    }
  }
  if (document.getElementById('results')) return
  for (const link of document.querySelectorAll('a[href^="/search"]')) {
    const original = link.dataset.href ?? link.getAttribute('href')
    link.dataset.href = original
    const url = new URL(original, location.origin)
    link.setAttribute('href', searchHref(withStanding(url.searchParams, state), url.pathname))
  }
}

// ---- Results: marks on each row; read stories marked or hidden; not-interested ones hidden, with a way to see them.
function decorateResults() {
  const results = document.getElementById('results')
  if (!results) return
  let hidden = 0
  for (const row of results.querySelectorAll('li.result[data-story]')) {
    const story = resultStory(row)
    row.querySelector('.reader-actions')?.remove()
    row.append(markButtons(story))
    const read = hasMark(state, 'read', story.id)
    const unwanted = hasMark(state, 'unwanted', story.id) || (read && state.hideRead)
    row.classList.toggle('is-read', read)
    row.classList.toggle('is-unwanted', unwanted)
    if (unwanted) hidden++
  }
  let note = document.getElementById('reader-note')
  if (!note) {
    note = h('p', { id: 'reader-note', class: 'reader-note', role: 'status' })
    results.before(note)
  }
  const showing = results.classList.contains('show-unwanted')
  note.replaceChildren()
  if (hidden > 0) {
    const stories = `${hidden} ${hidden === 1 ? 'story' : 'stories'}`
    const why = state.hideRead ? 'read, or not interested' : 'not interested'
    note.append(showing ? `Showing ${stories} you hid (${why}). ` : `${stories} hidden on this page (${why}). `,
      h('button', { type: 'button', class: 'link-button', id: 'toggle-unwanted' }, showing ? 'Hide again' : 'Show'))
  }
  // Standing filters are marked as the reader's; removing one stops it for every search.
  for (const chip of document.querySelectorAll('#chips a.chip[data-param]')) {
    const standing = isStanding(state, chip.dataset.param, chip.dataset.value)
    chip.classList.toggle('chip-standing', standing)
    if (standing) chip.setAttribute('aria-label', `Remove your standing filter ${chipLabel(chip)} (from every search)`)
  }
  const save = document.querySelector('.save-search')
  if (save) save.hidden = false
}

// ---- Story page: the visit goes into the history once; the marks sit under the title.
const article = document.querySelector('article.story[data-story]')
const storyOnPage = article ? { id: article.dataset.story, title: article.dataset.title, url: location.pathname.replace(/\/chapters\/\d+$/, '') } : null
// A history this browser cannot keep is not worth a warning on every story.
if (storyOnPage) update((current) => withVisit(current, storyOnPage), true)

function decorateStory() {
  if (!storyOnPage) return
  article.querySelector('.reader-actions')?.remove()
  article.querySelector('h1')?.after(markButtons(storyOnPage))
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null
  const button = target?.closest('button[data-mark]')
  if (button) {
    const holder = button.closest('[data-story]')
    const story = holder.matches('li.result') ? resultStory(holder) : storyOnPage
    const mark = button.dataset.mark
    update((current) => withMark(current, mark, story, !hasMark(current, mark, story.id)))
    // The row may now be hidden: focus moves on to the next row shown, or to the line that can show it again.
    const row = document.querySelector(`[data-story="${CSS.escape(story.id)}"]`)
    if (row && row.offsetParent !== null) return row.querySelector(`button[data-mark="${mark}"]`)?.focus()
    let next = row?.nextElementSibling
    while (next && next.offsetParent === null) next = next.nextElementSibling
    ;(next?.querySelector(`button[data-mark="${mark}"]`) ?? document.getElementById('toggle-unwanted'))?.focus()
    return
  }
  if (target?.closest('#toggle-unwanted')) {
    document.getElementById('results').classList.toggle('show-unwanted')
    decorateResults()
    document.getElementById('toggle-unwanted')?.focus()
    return
  }
  if (target?.closest('.save-search')) openSaveForm()
}, true)

// A standing chip's × removes the filter from the stored ones before the page script runs the search without it
// (a click that opens a new tab leaves it alone, as the page script does).
document.addEventListener('click', (event) => {
  const chip = event.target instanceof Element ? event.target.closest('#chips a.chip[data-param]') : null
  if (!chip || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
  if (isStanding(state, chip.dataset.param, chip.dataset.value)) update((current) => withoutStanding(current, chip.dataset.param, chip.dataset.value))
}, true)

// ---- Save search: a name, inline (no prompt dialog), kept with the search's parameters.
function openSaveForm() {
  if (document.getElementById('save-form')) return document.getElementById('save-name').focus()
  const params = new URLSearchParams(location.search)
  const suggested = params.get('q') || chipLabel(document.querySelector('#chips .chip:not(.chip-standing)')) || 'My search'
  const form = h('form', { id: 'save-form', class: 'save-form' },
    h('label', { for: 'save-name' }, 'Name this search'), ' ',
    h('input', { id: 'save-name', type: 'text', maxlength: '100', required: true, value: suggested }), ' ',
    h('button', { type: 'submit', class: 'primary' }, 'Save'), ' ',
    h('button', { type: 'button', class: 'link-button', id: 'save-cancel' }, 'Cancel'))
  document.querySelector('.results-toolbar').after(form)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const name = form.querySelector('#save-name').value
    let saved
    try {
      saved = update((current) => withSearch(current, name, new URLSearchParams(location.search)))
    } catch (error) {
      form.querySelector('#save-name').setCustomValidity(error.message)
      form.reportValidity()
      return
    }
    if (!saved) return
    form.replaceChildren(h('span', { role: 'status' }, `Saved as “${name.trim()}”. `), h('a', { href: '/saved' }, 'Your saved searches'), ' · ', h('a', { href: feedHref(new URLSearchParams(location.search)) }, 'its feed'))
  })
  form.querySelector('#save-name').addEventListener('input', (event) => event.target.setCustomValidity(''))
  form.querySelector('#save-cancel').addEventListener('click', () => {
    form.remove()
    document.querySelector('.save-search').focus()
  })
  form.querySelector('#save-name').focus()
  form.querySelector('#save-name').select()
}

// ---- /settings: the standing filters as a form.
function fillSettings() {
  const form = document.getElementById('standing-form')
  if (!form) return
  for (const [name, value] of Object.entries(formFromStanding(state.standing))) {
    if (name === 'language') for (const box of form.querySelectorAll('input[name="language"]')) box.checked = value.includes(box.value)
    else if (name === 'primary_pairing') form.elements.primary_pairing.checked = value
    else if (form.elements[name]) form.elements[name].value = value
  }
  document.getElementById('standing-try').href = searchHref(withStanding(new URLSearchParams(), state))
}

function settingsEvents() {
  const form = document.getElementById('standing-form')
  if (!form) return
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const values = Object.fromEntries([...data].filter(([name]) => name !== 'language'))
    let standing
    try {
      standing = standingFromForm({ ...values, language: data.getAll('language'), primary_pairing: data.has('primary_pairing') })
    } catch (error) {
      return status('standing-status', error.message)
    }
    if (!update((current) => ({ ...current, standing }))) return status('standing-status', 'Not saved: this browser refused to store them.')
    fillSettings()
    status('standing-status', standing.length === 0 ? 'Saved: no standing filters.' : `Saved: ${standing.length} standing ${standing.length === 1 ? 'filter' : 'filters'}, applied to every search in this browser.`)
  })
}

// ---- /saved: the lists, drawn from the state.
function drawSaved() {
  const searches = document.getElementById('list-searches')
  if (!searches) return
  const empty = (name, none) => {
    const note = document.querySelector(`[data-empty-for="${name}"]`)
    if (note) note.hidden = !none
  }
  searches.replaceChildren(...state.searches.map((search) => {
    // Run with the standing filters as they are now; a feed reader has none of its own, so its link carries them.
    const params = withStanding(new URLSearchParams(search.query), state)
    return h('li', {},
      h('a', { href: searchHref(params) }, search.name), ' ',
      h('a', { class: 'feed-link', href: feedHref(params), 'aria-label': `Feed of ${search.name}` }, 'Feed'), ' ',
      h('button', { type: 'button', class: 'link-button', 'data-forget-search': search.name, 'aria-label': `Forget the search ${search.name}` }, 'Forget'))
  }))
  empty('searches', state.searches.length === 0)
  for (const list of ['later', 'history', 'read', 'unwanted']) {
    const el = document.getElementById(`list-${list}`)
    el.replaceChildren(...state[list].map((story) => h('li', {},
      h('a', { href: story.url }, story.title), ' ',
      h('time', { datetime: story.at }, story.at.slice(0, 10)),
      list === 'history' ? null : h('button', { type: 'button', class: 'link-button', 'data-unmark': list, 'data-id': story.id, 'aria-label': `Remove ${story.title} from ${LABELS[list]}` }, 'Remove'))))
    document.getElementById(`count-${list}`).textContent = state[list].length ? `(${state[list].length})` : ''
    empty(list, state[list].length === 0)
  }
  document.getElementById('hide-read').checked = state.hideRead
}

function savedEvents() {
  if (!document.getElementById('list-searches')) return
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null
    const forget = target?.closest('[data-forget-search]')
    if (forget) return update((current) => withoutSearch(current, forget.dataset.forgetSearch))
    const unmark = target?.closest('[data-unmark]')
    if (unmark) return update((current) => withMark(current, unmark.dataset.unmark, { id: unmark.dataset.id }, false))
  })
  document.getElementById('hide-read').addEventListener('change', (event) => update((current) => ({ ...current, hideRead: event.target.checked })))
  document.getElementById('export-state').addEventListener('click', () => {
    const blob = new Blob([exportState(loadState(storage))], { type: 'application/json' })
    const link = h('a', { href: URL.createObjectURL(blob), download: `story-search-${new Date().toISOString().slice(0, 10)}.json` })
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
    status('move-status', 'Exported.')
  })
  document.getElementById('import-state').addEventListener('change', async (event) => {
    const file = event.target.files?.[0]
    if (!file) return
    const count = (kept) => kept.later.length + kept.read.length + kept.unwanted.length + kept.history.length + kept.searches.length
    try {
      const theirs = readState(await file.text())
      const before = count(loadState(storage))
      if (update((current) => mergeStates(current, theirs))) {
        const added = count(state) - before
        status('move-status', `Imported ${file.name}: ${added} new ${added === 1 ? 'item' : 'items'}, nothing here was lost.`)
      }
    } catch (error) {
      status('move-status', `Could not import ${file.name}: ${error.message}. Nothing was changed.`)
    }
    event.target.value = ''
  })
}

function render() {
  decorateSearches()
  decorateResults()
  decorateStory()
  drawSaved()
}

// The search page swaps in new results; they get their marks when they arrive.
document.addEventListener('story-search:results', () => {
  decorateResults()
  decorateSearches()
})

// Another tab changed what is kept: draw it here too.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return
  state = loadState(storage)
  render()
  fillSettings()
})

fillSettings()
settingsEvents()
savedEvents()
render()
