// The readers against real story files written outside the team (../shared/real-stories), field by field,
// compared with what a careful human reader wrote down (real-stories.expected.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../../index-builder/ingest/index'
import { decodeStoryBytes } from '../../../index-builder/ingest/decode'
import { readLanguage } from '../../../index-builder/ingest/language'
import type { StoryRecord } from '../../../core/story-record'
import { hasShared, SHARED_DIR } from '../../_helpers'
import { EXPECTED, type ExpectedStory } from './real-stories.expected'

const FIELDS = ['title', 'authors', 'rating', 'fandoms', 'relationships', 'characters', 'warnings', 'summary', 'series', 'date',
  'bodyStart', 'bodyEnd', 'noChrome', 'encoding', 'complete', 'chapters', 'language'] as const
type Field = (typeof FIELDS)[number]

/**
 * Fields the readers still get wrong, each with the reason. Listed cases run as `it.fails`, so the list
 * cannot go stale: a fix makes the case pass and the suite says to take it off the list.
 */
const KNOWN_MISSES: Partial<Record<string, Partial<Record<Field, string>>>> = {
  'txt_voices.txt': { characters: 'the one character is named only in the subject’s aside, "(A DS/Bashir story)", which no rule reads' },
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
// A relationship is the same whichever name comes first; the index keeps one canonical order.
const relationshipKey = (relationship: string) => relationship.split(/\s*(\/|&)\s*/).filter((part) => part !== '/' && part !== '&').sort().join('|')
const sorted = (items: string[]) => [...items].sort()

function actual(field: Field, record: StoryRecord, bytes: Uint8Array): unknown {
  const body = collapse(record.body)
  switch (field) {
    case 'authors': case 'fandoms': case 'characters': case 'warnings': return sorted(record[field])
    case 'relationships': return sorted(record.relationships.map(relationshipKey))
    case 'summary': return record.summary === '' ? null : collapse(record.summary)
    case 'date': return record.date?.slice(0, 10) ?? null
    case 'bodyStart': return body
    case 'bodyEnd': return body
    case 'noChrome': return body
    case 'encoding': return decodeStoryBytes(bytes).encoding
    case 'chapters': return Math.max(1, record.chapters.length)
    default: return record[field]
  }
}

function check(field: Field, expected: ExpectedStory, value: unknown): void {
  switch (field) {
    case 'authors': case 'fandoms': case 'characters': case 'warnings': return expect(value).toEqual(sorted(expected[field]))
    case 'relationships': return expect(value).toEqual(sorted(expected.relationships.map(relationshipKey)))
    case 'summary':
      if (expected.summary === null) return expect(value).toBeNull()
      return expect(String(value).startsWith(collapse(expected.summary)), `summary: ${String(value).slice(0, 120)}`).toBe(true)
    case 'bodyStart': return expect(String(value).slice(0, 200)).toContain(collapse(expected.bodyStart))
    case 'bodyEnd': return expect(String(value).slice(-200)).toContain(collapse(expected.bodyEnd))
    case 'noChrome': {
      const found = expected.notInBody.filter((text) => String(value).includes(collapse(text)))
      return expect(found).toEqual([])
    }
    case 'language': return expect(value).toBe(readLanguage(expected.language))
    default: return expect(value).toEqual(expected[field as 'title'])
  }
}

const SHARED = hasShared('real-stories', 'metadata of the real story files')

describe.runIf(SHARED)('real story files, read as a careful reader would', () => {
  const results: Record<Field, { right: number; total: number }> = Object.fromEntries(FIELDS.map((f) => [f, { right: 0, total: 0 }])) as never

  describe.each(EXPECTED)('$file', (expected) => {
    // A skipped suite is still collected: without ../shared there is nothing to read.
    if (!SHARED) return
    const bytes = readFileSync(join(SHARED_DIR, 'real-stories', expected.file))
    const { record } = parseStoryFile(bytes, expected.file)
    for (const field of FIELDS) {
      const miss = KNOWN_MISSES[expected.file]?.[field]
      const value = actual(field, record, bytes)
      let right = true
      try {
        check(field, expected, value)
      } catch {
        right = false
      }
      results[field].total++
      if (right) results[field].right++
      ;(miss ? it.fails : it)(miss ? `${field} (known miss: ${miss})` : field, () => check(field, expected, value))
    }
  })

  afterAll(() => {
    if (!SHARED) return
    const right = FIELDS.reduce((sum, f) => sum + results[f].right, 0)
    const total = FIELDS.reduce((sum, f) => sum + results[f].total, 0)
    const perField = FIELDS.map((f) => `${f} ${results[f].right}/${results[f].total}`).join(', ')
    console.log(`real-stories field accuracy: ${right}/${total} (${((100 * right) / total).toFixed(1)}%): ${perField}`)
  })
})
