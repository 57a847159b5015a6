import { describe, expect, it } from 'vitest'
import {
  HISTORY_LIMIT, emptyState, exportState, formFromStanding, hasMark, isStanding, lacksStanding, loadState, mergeStates, readState, saveState,
  standingFromForm, withMark, withSearch, withStanding, withVisit, withoutSearch, withoutStanding,
} from '../../static/reader-state.js'

const story = (id: string) => ({ id, title: `Title ${id}`, url: `/stories/${id}` })

/** A Storage stand-in: a Map behind getItem/setItem, as localStorage is. */
function memoryStorage() {
  const items = new Map<string, string>()
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items }
}

describe('standing filters', () => {
  it('reads the settings form: one name per line, hidden; languages kept; limits checked', () => {
    const standing = standingFromForm({ tag: '*mimes\n\n  Omegaverse  \n', warning: '* Death*', language: ['English', 'French'], fandoms_max: '1', primary_pairing: true, stale: '-12' })
    expect(standing).toEqual([
      ['tag', '-*mimes'], ['tag', '-Omegaverse'], ['warning', '-* Death*'], ['language', 'English'], ['language', 'French'],
      ['fandoms_max', '1'], ['primary_pairing', 'true'], ['stale', '-12'],
    ])
    expect(formFromStanding(standing)).toMatchObject({ tag: '*mimes\nOmegaverse', warning: '* Death*', language: ['English', 'French'], fandoms_max: '1', primary_pairing: true, stale: '-12' })
    expect(() => standingFromForm({ fandoms_max: 'lots' })).toThrow(/Crossovers/)
    expect(() => standingFromForm({ stale: '6' })).toThrow(/Works in progress/)
  })

  it('adds them to a search, without repeating what it has and without overriding its own limits', () => {
    const state = { ...emptyState(), standing: [['tag', '-*mimes'], ['fandoms_max', '1']] as [string, string][] }
    const params = new URLSearchParams('q=kiss&tag=-*mimes&fandoms_max=3')
    expect(withStanding(params, state).toString()).toBe(params.toString())
    expect(lacksStanding(params, state)).toBe(false)
    const bare = new URLSearchParams('q=kiss')
    expect(lacksStanding(bare, state)).toBe(true)
    expect(withStanding(bare, state).toString()).toBe('q=kiss&tag=-*mimes&fandoms_max=1')
    expect(isStanding(state, 'tag', '-*mimes')).toBe(true)
    expect(withoutStanding(state, 'tag', '-*mimes').standing).toEqual([['fandoms_max', '1']])
  })
})

describe('marks, history and saved searches', () => {
  it('marks a story for later, read (which takes it off later) and not interested, and unmarks it', () => {
    let state = withMark(emptyState(), 'later', story('a'), true, '2026-01-01')
    expect(hasMark(state, 'later', 'a')).toBe(true)
    state = withMark(state, 'read', story('a'), true, '2026-01-02')
    expect([hasMark(state, 'later', 'a'), hasMark(state, 'read', 'a')]).toEqual([false, true])
    state = withMark(state, 'unwanted', story('b'), true)
    state = withMark(state, 'read', story('a'), false)
    expect([state.read, state.unwanted.map((kept) => kept.id)]).toEqual([[], ['b']])
  })

  it('keeps the history newest first, each story once, at most HISTORY_LIMIT', () => {
    let state = emptyState()
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) state = withVisit(state, story(`s${i}`), `2026-01-01T00:00:${String(i).padStart(4, '0')}`)
    state = withVisit(state, story('s3'), '2027-01-01')
    expect(state.history.length).toBe(HISTORY_LIMIT)
    expect(state.history[0]!.id).toBe('s3')
    expect(state.history.filter((kept) => kept.id === 's3').length).toBe(1)
  })

  it('saves a search by name without its page, replaces one of the same name, and forgets it', () => {
    let state = withSearch(emptyState(), ' Smallville WIPs ', new URLSearchParams('fandom=Smallville&complete=false&page=3'), '2026-01-01')
    state = withSearch(state, 'Smallville WIPs', new URLSearchParams('fandom=Smallville'), '2026-01-02')
    expect(state.searches).toEqual([{ name: 'Smallville WIPs', query: 'fandom=Smallville', at: '2026-01-02' }])
    expect(() => withSearch(state, '  ', new URLSearchParams())).toThrow(/name/)
    // Saved without the standing filters it carried: they are added as they are when it runs.
    const standing = { ...state, standing: [['tag', '-*mimes']] as [string, string][] }
    expect(withSearch(standing, 'mine', new URLSearchParams('q=x&tag=-*mimes&tag=-Fluff')).searches[0]!.query).toBe('q=x&tag=-Fluff')
    expect(withoutSearch(state, 'Smallville WIPs').searches).toEqual([])
  })
})

describe('export and import', () => {
  it('round-trips through the exported file', () => {
    let state = withMark(emptyState(), 'later', story('a'), true, '2026-01-01')
    state = withSearch({ ...state, standing: [['tag', '-x']], hideRead: true }, 'mine', new URLSearchParams('q=x'), '2026-01-01')
    const { exportedAt, ...read } = readState(exportState(state, '2026-02-02')) as ReturnType<typeof readState> & { exportedAt?: string }
    expect(exportedAt).toBeUndefined()
    expect(read).toEqual(state)
  })

  it('refuses what is not its file, saying why, and drops malformed items of one that is', () => {
    expect(() => readState('not json')).toThrow(/not JSON/)
    expect(() => readState('{"format":"other"}')).toThrow(/story-search-reader/)
    expect(() => readState('{"format":"story-search-reader","version":9}')).toThrow(/version 9/)
    const read = readState(JSON.stringify({
      format: 'story-search-reader', version: 1,
      later: [
        { ...story('ok'), at: '2026' }, { id: 3 }, { ...story('evil'), url: 'javascript:alert(1)', at: '2026' },
        { ...story('elsewhere'), url: '//evil.example/x', at: '2026' }, { ...story('slash'), url: '/\\evil.example', at: '2026' },
      ],
      standing: [['tag', '-x'], ['q', 'injected'], ['tag']],
    }))
    expect(read.later.map((kept) => kept.id)).toEqual(['ok'])
    expect(read.standing).toEqual([['tag', '-x']])
  })

  it('merges an import into what is here: nothing lost, each item once, the newer kept', () => {
    const mine = withMark(withMark(emptyState(), 'later', story('a'), true, '2026-01-01'), 'read', story('b'), true, '2026-01-01')
    const theirs = withMark(withMark({ ...emptyState(), standing: [['tag', '-y']] }, 'later', story('a'), true, '2026-03-01'), 'later', story('c'), true, '2026-02-01')
    const merged = mergeStates({ ...mine, standing: [['tag', '-x']] }, theirs)
    expect(merged.later.map((kept) => [kept.id, kept.at])).toEqual([['a', '2026-03-01'], ['c', '2026-02-01']])
    expect(merged.read.map((kept) => kept.id)).toEqual(['b'])
    expect(merged.standing).toEqual([['tag', '-x'], ['tag', '-y']])
  })

  it('keeps this browser\'s value of a one-value filter, and a story read in either is no longer for later', () => {
    const mine = withMark({ ...emptyState(), standing: [['fandoms_max', '1']] as [string, string][] }, 'later', story('a'), true, '2026-01-01')
    const theirs = withMark({ ...emptyState(), standing: [['fandoms_max', '3'], ['stale', '-12']] as [string, string][] }, 'read', story('a'), true, '2026-01-02')
    const merged = mergeStates(mine, theirs)
    expect(merged.standing).toEqual([['fandoms_max', '1'], ['stale', '-12']])
    expect([merged.later, merged.read.map((kept) => kept.id)]).toEqual([[], ['a']])
  })

  it('stores and loads through Storage, and loads an empty state from nothing or a damaged entry', () => {
    const storage = memoryStorage()
    expect(loadState(storage)).toEqual(emptyState())
    const state = withMark(emptyState(), 'later', story('a'), true, '2026-01-01')
    expect(saveState(storage, state)).toBe(true)
    expect(loadState(storage)).toEqual(state)
    storage.items.set('story-search:reader', '{broken')
    expect(loadState(storage)).toEqual(emptyState())
    expect(saveState({ setItem: () => { throw new Error('QuotaExceededError') } }, state)).toBe(false)
  })
})
