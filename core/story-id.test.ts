// Story ids: made from paths the same way every build, and checked before any storage is read.
import { describe, expect, it } from 'vitest'
import { isValidStoryId, storyIdFromPath } from './story-id'

describe('storyIdFromPath', () => {
  it.each([
    ['000_cabcaac395bc47b5.txt', '000-cabcaac395bc47b5'],
    ['Smallville/Healing (v2).txt', 'smallville--healing-v2'],
    ['Zürich Nights.md', 'zurich-nights'],
    ['a/b/c.html', 'a--b--c'],
    ['notes.v2.final.htm', 'notes-v2-final'],
    ['!!!.txt', 'story'],
  ])('turns %s into %s', (path, id) => {
    expect(storyIdFromPath(path)).toBe(id)
  })

  it('makes ids the Worker accepts', () => {
    for (const path of ['Smallville/Healing (v2).txt', 'x y z/ÅÄÖ.txt', '000_a.txt']) expect(isValidStoryId(storyIdFromPath(path))).toBe(true)
  })
})
