// What a reader keeps in this browser, on every page: standing filters on every search form, marks on results and
// stories (for later, read, not interested), the history, saved searches, and the /settings and /saved pages.
// The state and its rules are in reader-state.js; this file only reads the page, changes the state and stores it.
import { feedHref, searchHref } from './search-url.js'
import {
  exportState, formFromStanding, hasMark, isStanding, loadState, mergeStates, readState, saveState, standingFromForm,
  withMark, withSearch, withStanding, withVisit, withoutSearch, withoutStanding,
} from './reader-state.js'

document.documentElement.classList.add('js')

let storage = null
try {
  storage = window.localStorage
} catch {
  // Storage off (some private modes): marks and filters work for this page only.
}
let state = storage ? loadState(storage) : loadState({ getItem: () => null })

function update(next) {
  state = next
  if (storage && !saveState(storage, state)) status(document.getElementById('move-status') || document.getElementById('standing-status'), 'This browser refused to store it (storage is off or full).')
  render()
}

function status(el, text) {
  if (el) el.textContent = text
}

function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value === true ? '' : value)
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child)
  return el
}

const LABELS = { later: 'For later', read: 'Read', hidden: 'Not interested' }

/** The three mark buttons for one story; each says whether it is on (aria-pressed). */
function markButtons(story) {
  return h('div', { class: 'reader-actions', role: 'group', 'aria-label': `Your marks on ${story.title}` },
    ...['later', 'read', 'hidden'].map((mark) => h('button', { type: 'button', class: `mark mark-${mark}`, 'data-mark': mark, 'aria-pressed': String(hasMark(state, mark, story.id)) }, LABELS[mark])))
}

// ---- Every search form carries the standing filters (the search page's own form has them in its URL already).
function decorateForms() {
  for (const form of document.querySelectorAll('form[action="/search"], form#search-form')) {
    form.querySelectorAll('input[data-standing]').forEach((input) => input.remove())
    const present = new URLSearchParams(new FormData(form))
    const missing = withStanding(present, state)
    for (const [name, value] of missing) {
      if (present.getAll(name).includes(value)) continue
      form.append(h('input', { type: 'hidden', name, value, 'data-standing': '' }))
    }
  }
}

// ---- Results: marks on each row; read stories dimmed or hidden; not-interested ones hidden, with a way to see them.
function decorateResults() {
  const results = document.getElementById('results')
  if (!results) return
  let hidden = 0
  for (const row of results.querySelectorAll('li.result[data-story]')) {
    const story = { id: row.dataset.story, title: row.dataset.title, url: row.querySelector('.result-title a')?.getAttribute('href')?.split('?')[0] }
    row.querySelector('.reader-actions')?.remove()
    row.append(markButtons(story))
    const read = hasMark(state, 'read', story.id)
    const unwanted = hasMark(state, 'hidden', story.id) || (read && state.hideRead)
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
  // Standing filters are marked as yours; removing one stops it for every search.
  for (const chip of document.querySelectorAll('#chips a.chip[data-param]')) {
    const standing = isStanding(state, chip.dataset.param, chip.dataset.value)
    chip.classList.toggle('chip-standing', standing)
    if (standing) chip.setAttribute('aria-label', `Remove your standing filter ${chip.textContent.replace(/\s*×\s*$/, '')} (from every search)`)
  }
  const save = document.querySelector('.save-search')
  if (save) save.hidden = false
}

// ---- Story page: the visit goes into the history once; the marks sit under the title.
const article = document.querySelector('article.story[data-story]')
const storyOnPage = article ? { id: article.dataset.story, title: article.dataset.title, url: location.pathname.replace(/\/chapters\/\d+$/, '') } : null
if (storyOnPage) {
  state = withVisit(state, storyOnPage)
  if (storage) saveState(storage, state)
}

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
    const story = holder.matches('li.result') ? { id: holder.dataset.story, title: holder.dataset.title, url: holder.querySelector('.result-title a')?.getAttribute('href')?.split('?')[0] } : storyOnPage
    const mark = button.dataset.mark
    update(withMark(state, mark, story, !hasMark(state, mark, story.id)))
    document.querySelector(`[data-story="${CSS.escape(story.id)}"] button[data-mark="${mark}"]`)?.focus()
    return
  }
  if (target?.closest('#toggle-unwanted')) {
    document.getElementById('results').classList.toggle('show-unwanted')
    decorateResults()
    document.getElementById('toggle-unwanted')?.focus()
    return
  }
  if (target?.closest('.save-search')) return openSaveForm()
}, true)

// A standing chip's × removes the filter from the stored ones before the page script runs the search without it.
document.addEventListener('click', (event) => {
  const chip = event.target instanceof Element ? event.target.closest('#chips a.chip[data-param]') : null
  if (chip && isStanding(state, chip.dataset.param, chip.dataset.value)) {
    state = withoutStanding(state, chip.dataset.param, chip.dataset.value)
    if (storage) saveState(storage, state)
  }
}, true)

// ---- Save search: a name, inline (no prompt dialog), kept with the search's parameters.
function openSaveForm() {
  if (document.getElementById('save-form')) return document.getElementById('save-name').focus()
  const params = new URLSearchParams(location.search)
  const suggested = params.get('q') || document.querySelector('#chips .chip')?.textContent.replace(/\s*×\s*$/, '') || 'My search'
  const form = h('form', { id: 'save-form', class: 'save-form' },
    h('label', { for: 'save-name' }, 'Name this search'), ' ',
    h('input', { id: 'save-name', type: 'text', maxlength: '100', required: true, value: suggested }), ' ',
    h('button', { type: 'submit', class: 'primary' }, 'Save'), ' ',
    h('button', { type: 'button', class: 'link-button', id: 'save-cancel' }, 'Cancel'))
  document.querySelector('.results-toolbar').after(form)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const name = form.querySelector('#save-name').value
    try {
      update(withSearch(state, name, new URLSearchParams(location.search)))
    } catch (error) {
      form.querySelector('#save-name').setCustomValidity(error.message)
      form.reportValidity()
      return
    }
    form.replaceChildren(h('span', { role: 'status' }, `Saved as “${name.trim()}”. `), h('a', { href: '/saved' }, 'Your saved searches'), ' · ', h('a', { href: feedHref(new URLSearchParams(location.search)) }, 'its feed'))
  })
  form.querySelector('#save-cancel').addEventListener('click', () => {
    form.remove()
    document.querySelector('.save-search').focus()
  })
  form.querySelector('#save-name').focus()
  form.querySelector('#save-name').select()
}

// ---- /settings: the standing filters as a form.
function settingsPage() {
  const form = document.getElementById('standing-form')
  if (!form) return
  const fields = formFromStanding(state.standing)
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'language') for (const box of form.querySelectorAll('input[name="language"]')) box.checked = value.includes(box.value)
    else if (name === 'primary_pairing') form.elements.primary_pairing.checked = value
    else if (form.elements[name]) form.elements[name].value = value
  }
  const tryLink = document.getElementById('standing-try')
  tryLink.href = searchHref(withStanding(new URLSearchParams(), state))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const values = Object.fromEntries([...data].filter(([name]) => name !== 'language'))
    try {
      const standing = standingFromForm({ ...values, language: data.getAll('language'), primary_pairing: data.has('primary_pairing') })
      update({ ...state, standing })
      tryLink.href = searchHref(withStanding(new URLSearchParams(), state))
      status(document.getElementById('standing-status'), standing.length === 0 ? 'Saved: no standing filters.' : `Saved: ${standing.length} standing ${standing.length === 1 ? 'filter' : 'filters'}, applied to every search in this browser.`)
    } catch (error) {
      status(document.getElementById('standing-status'), error.message)
    }
  })
}

// ---- /saved: the lists, drawn from the state.
function savedPage() {
  const searches = document.getElementById('list-searches')
  if (!searches) return
  const empty = (name, none) => {
    const note = document.querySelector(`[data-empty-for="${name}"]`)
    if (note) note.hidden = !none
  }
  searches.replaceChildren(...state.searches.map((search) => {
    const params = new URLSearchParams(search.query)
    return h('li', {},
      h('a', { href: searchHref(params) }, search.name), ' ',
      h('a', { class: 'feed-link', href: feedHref(params), 'aria-label': `Feed of ${search.name}` }, 'Feed'), ' ',
      h('button', { type: 'button', class: 'link-button', 'data-forget-search': search.name, 'aria-label': `Forget the search ${search.name}` }, 'Forget'))
  }))
  empty('searches', state.searches.length === 0)
  for (const list of ['later', 'history', 'read', 'hidden']) {
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

function savedPageEvents() {
  if (!document.getElementById('list-searches')) return
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null
    const forget = target?.closest('[data-forget-search]')
    if (forget) return update(withoutSearch(state, forget.dataset.forgetSearch))
    const unmark = target?.closest('[data-unmark]')
    if (unmark) return update(withMark(state, unmark.dataset.unmark, { id: unmark.dataset.id }, false))
  })
  document.getElementById('hide-read').addEventListener('change', (event) => update({ ...state, hideRead: event.target.checked }))
  document.getElementById('export-state').addEventListener('click', () => {
    const blob = new Blob([exportState(state)], { type: 'application/json' })
    const link = h('a', { href: URL.createObjectURL(blob), download: `story-search-${new Date().toISOString().slice(0, 10)}.json` })
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
    status(document.getElementById('move-status'), 'Exported.')
  })
  document.getElementById('import-state').addEventListener('change', async (event) => {
    const file = event.target.files?.[0]
    if (!file) return
    try {
      const theirs = readState(await file.text())
      const before = state.later.length + state.read.length + state.hidden.length + state.history.length + state.searches.length
      update(mergeStates(state, theirs))
      const added = state.later.length + state.read.length + state.hidden.length + state.history.length + state.searches.length - before
      status(document.getElementById('move-status'), `Imported ${file.name}: ${added} new ${added === 1 ? 'item' : 'items'}, nothing here was lost.`)
    } catch (error) {
      status(document.getElementById('move-status'), `Could not import ${file.name}: ${error.message}. Nothing was changed.`)
    }
    event.target.value = ''
  })
}

function render() {
  decorateForms()
  decorateResults()
  decorateStory()
  savedPage()
}

// The search page swaps in new results; they get their marks when they arrive.
document.addEventListener('story-search:results', () => {
  decorateResults()
  decorateForms()
})

settingsPage()
savedPageEvents()
render()
