// What a reader keeps in this browser, with no account: standing filters, saved searches, the reading list (for
// later, read, not interested) and history. Pure functions over one plain object, so the Worker's tests check them
// and the page scripts only load, change and store it. Plain JavaScript (no build step); types in reader-state.d.ts.
import { storyPath } from './search-url.js'

export const STORAGE_KEY = 'story-search:reader'
export const FORMAT = 'story-search-reader'
export const VERSION = 1
/** Stories kept in the history: enough to find last month's reading, small enough for storage. */
export const HISTORY_LIMIT = 500
/** The marks a reader puts on a story, each a list of its own: for later, read, and not interested (`unwanted`). */
export const MARKS = ['later', 'read', 'unwanted']

/** Parameters a standing filter may set: exclusions and includes by name, and the single-valued limits. */
const STANDING_LISTS = ['tag', 'character', 'relationship', 'fandom', 'author', 'warning', 'language']
const STANDING_SINGLE = ['fandoms_max', 'primary_pairing', 'stale']

export function emptyState() {
  return { format: FORMAT, version: VERSION, standing: [], searches: [], later: [], read: [], unwanted: [], history: [], hideRead: false }
}

/**
 * `params` with the standing filters added: a list value the search lacks is appended, a single value the search
 * does not set is set (a value the reader chose for this search wins).
 */
export function withStanding(params, state) {
  const next = new URLSearchParams(params)
  for (const [name, value] of state.standing) {
    if (STANDING_SINGLE.includes(name)) {
      if (!next.get(name)) next.set(name, value)
    } else if (!next.getAll(name).includes(value)) next.append(name, value)
  }
  return next
}

/** Whether the search lacks a standing filter (so the page should search again with them). */
export function lacksStanding(params, state) {
  return withStanding(params, state).toString() !== new URLSearchParams(params).toString()
}

/** Whether `name=value` in a search is one of the reader's standing filters. */
export function isStanding(state, name, value) {
  return state.standing.some(([n, v]) => n === name && v === value)
}

/** A copy without the standing filter `name=value`. */
export function withoutStanding(state, name, value) {
  return { ...state, standing: state.standing.filter(([n, v]) => !(n === name && v === value)) }
}

/**
 * Standing filters from the settings form's fields: lists of names to hide (one per line, `*` a wildcard), languages
 * to keep, and the limits. Throws an Error naming the first field that cannot be read.
 */
export function standingFromForm(fields) {
  const standing = []
  for (const name of ['tag', 'character', 'relationship', 'fandom', 'author', 'warning']) {
    for (const line of String(fields[name] ?? '').split(/\r?\n/)) {
      const value = line.trim().replace(/^-\s*/, '')
      if (value) standing.push([name, `-${value.slice(0, 200)}`])
    }
  }
  for (const language of fields.language ?? []) if (language) standing.push(['language', language])
  const max = String(fields.fandoms_max ?? '').trim()
  if (max) {
    if (!/^[1-9]\d{0,2}$/.test(max)) throw new Error('Crossovers: give the most fandoms a story may have, a whole number from 1')
    standing.push(['fandoms_max', max])
  }
  if (fields.primary_pairing) standing.push(['primary_pairing', 'true'])
  const stale = String(fields.stale ?? '').trim()
  if (stale) {
    if (!/^-[1-9]\d{0,3}$/.test(stale)) throw new Error('Works in progress: choose how long a work may be idle')
    standing.push(['stale', stale])
  }
  return standing
}

/** The settings form's fields from the standing filters: the other way round. */
export function formFromStanding(standing) {
  const fields = { tag: '', character: '', relationship: '', fandom: '', author: '', warning: '', language: [], fandoms_max: '', primary_pairing: false, stale: '' }
  for (const [name, value] of standing) {
    if (name === 'language') fields.language.push(value)
    else if (name === 'primary_pairing') fields.primary_pairing = /^(true|yes|1)$/i.test(value)
    else if (STANDING_SINGLE.includes(name)) fields[name] = value
    else if (STANDING_LISTS.includes(name)) fields[name] += `${fields[name] ? '\n' : ''}${value.replace(/^-/, '')}`
  }
  return fields
}

/** A story as the lists keep it: enough to list it without asking the server. */
function entry(story, at) {
  return { id: String(story.id), title: String(story.title || story.id), url: String(story.url || storyPath(story.id)), at }
}

/** Whether a story carries a mark (`later`, `read`, `unwanted`). */
export function hasMark(state, mark, id) {
  return state[mark].some((story) => story.id === id)
}

/** A copy with the mark on the story set to `on`; marking read takes the story off the for-later list. */
export function withMark(state, mark, story, on, at = new Date().toISOString()) {
  if (!MARKS.includes(mark)) throw new Error(`unknown mark ${mark}`)
  const next = { ...state, [mark]: state[mark].filter((kept) => kept.id !== story.id) }
  if (on) next[mark] = [entry(story, at), ...next[mark]]
  if (on && mark === 'read') next.later = next.later.filter((kept) => kept.id !== story.id)
  return next
}

/** A copy with the story opened now at the top of the history (once), the oldest dropped past HISTORY_LIMIT. */
export function withVisit(state, story, at = new Date().toISOString()) {
  return { ...state, history: [entry(story, at), ...state.history.filter((kept) => kept.id !== story.id)].slice(0, HISTORY_LIMIT) }
}

/**
 * A copy with the search saved under `name` (a search of the same name is replaced). Saved without the standing
 * filters it carries: those are added when it is run, as they are then, so a filter removed later stays removed.
 */
export function withSearch(state, name, params, at = new Date().toISOString()) {
  const label = String(name).trim().slice(0, 100)
  if (!label) throw new Error('Give the search a name')
  const query = new URLSearchParams([...new URLSearchParams(params)].filter(([n, v]) => n !== 'page' && !isStanding(state, n, v)))
  return { ...state, searches: [{ name: label, query: query.toString(), at }, ...state.searches.filter((search) => search.name !== label)] }
}

export function withoutSearch(state, name) {
  return { ...state, searches: state.searches.filter((search) => search.name !== name) }
}

/** The state as the file a reader downloads. */
export function exportState(state, at = new Date().toISOString()) {
  return JSON.stringify({ ...state, exportedAt: at }, null, 2)
}

/**
 * Reads a state from storage or an imported file, keeping every well-formed item and dropping what is not.
 * Throws an Error saying what is wrong when the text is not such a file at all.
 */
export function readState(text) {
  let data
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('This is not a story-search file: it is not JSON')
  }
  if (!data || typeof data !== 'object' || data.format !== FORMAT) throw new Error('This is not a story-search file: it has no "format": "story-search-reader"')
  if (data.version !== VERSION) throw new Error(`This file is version ${data.version}; this site reads version ${VERSION}`)
  const strings = (value) => typeof value === 'string'
  // A story's address is a path on this site: never another site's (`//evil.example`, `/\evil.example`) or a script.
  const local = (url) => /^\/(?![/\\])/.test(url)
  const stories = (list) => (Array.isArray(list) ? list.filter((story) => story && strings(story.id) && strings(story.title) && strings(story.url) && strings(story.at) && local(story.url)) : [])
  return {
    ...emptyState(),
    standing: Array.isArray(data.standing) ? data.standing.filter((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(strings) && [...STANDING_LISTS, ...STANDING_SINGLE].includes(pair[0])) : [],
    searches: Array.isArray(data.searches) ? data.searches.filter((search) => search && strings(search.name) && strings(search.query) && strings(search.at)) : [],
    later: stories(data.later),
    read: stories(data.read),
    unwanted: stories(data.unwanted),
    history: stories(data.history).slice(0, HISTORY_LIMIT),
    hideRead: data.hideRead === true,
  }
}

/**
 * An imported state merged into this one: nothing here is lost. Lists are joined (a story or search in both is kept
 * once, the newer), standing filters joined (a one-value filter set here keeps this browser's value), a story read in
 * either is no longer for later, and read stories hidden if either says so.
 */
export function mergeStates(mine, theirs) {
  const join = (a, b, key) => {
    const byKey = new Map()
    for (const item of [...a, ...b]) {
      const kept = byKey.get(key(item))
      if (!kept || item.at > kept.at) byKey.set(key(item), item)
    }
    return [...byKey.values()].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0))
  }
  const standing = [...mine.standing]
  for (const pair of theirs.standing) {
    const taken = STANDING_SINGLE.includes(pair[0]) ? standing.some(([n]) => n === pair[0]) : standing.some(([n, v]) => n === pair[0] && v === pair[1])
    if (!taken) standing.push(pair)
  }
  const byId = (story) => story.id
  const read = join(mine.read, theirs.read, byId)
  return {
    ...emptyState(),
    standing,
    searches: join(mine.searches, theirs.searches, (search) => search.name),
    later: join(mine.later, theirs.later, byId).filter((story) => !read.some((done) => done.id === story.id)),
    read,
    unwanted: join(mine.unwanted, theirs.unwanted, byId),
    history: join(mine.history, theirs.history, byId).slice(0, HISTORY_LIMIT),
    hideRead: mine.hideRead || theirs.hideRead,
  }
}

/** The browser's localStorage, or null where the page may not use it (storage off, some private modes). */
export function browserStorage() {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

/** The state kept in `storage` (localStorage), or an empty one when there is none, no storage, or it cannot be read. */
export function loadState(storage) {
  try {
    const text = storage?.getItem(STORAGE_KEY)
    return text ? readState(text) : emptyState()
  } catch {
    return emptyState()
  }
}

/** Stores the state; false when the browser refuses (storage off or full). */
export function saveState(storage, state) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state))
    return true
  } catch {
    return false
  }
}
