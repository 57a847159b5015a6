// Front matter at the top of any story file: YAML between `---` lines or TOML between `+++` lines (Hugo, Jekyll, 11ty).
import { parse as parseHtml } from 'node-html-parser'
import { parse as parseToml } from 'smol-toml'
import { CORE_SCHEMA, load } from 'js-yaml'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { htmlToText } from './html-to-text'
import { canonicalLabels, type CanonicalLabel } from './labels'

const FRONT_MATTER_LIMIT = 200

export interface FrontMatter {
  /** Null when the block could not be parsed. */
  header: Header | null
  /** Notes the front matter puts after the story (`end_note`). */
  endNotes: string[]
  /** The file without its front matter; when it could not be parsed, its lines stay, closed by a `---` line, to be read as `Label: value` headers. */
  rest: string
  /** The language and the parser's first line, when the block could not be parsed. */
  error: string | null
}

// Keys site generators and archive templates use that the header labels do not.
const KEY_LABELS: Record<string, CanonicalLabel> = {
  'content rating': 'rating', 'age rating': 'rating',
  'content warning': 'warnings', 'content warnings': 'warnings', 'archive warnings': 'warnings',
  'date published': 'date', 'published date': 'date', 'publish date': 'date', 'pubdate': 'date',
  'modified': 'updated', 'lastmod': 'updated', 'last modified at': 'updated', 'updated at': 'updated',
  'start note': 'notes', 'start notes': 'notes', 'beginning notes': 'notes',
  'ships': 'relationships',
}
const END_NOTE_KEYS = new Set(['end note', 'end notes', 'endnote', 'endnotes'])
// Fields whose values are HTML in templates ("use html for formatting").
const PROSE_LABELS = new Set<CanonicalLabel>(['summary', 'notes', 'disclaimer', 'dedication'])

// Tags that carry a field in a prefix: `c:giles`, `f:btvs`, `p:gen`, `s:displaced_watcher`, `genre:crossover`.
const TAG_PREFIXES: Record<string, CanonicalLabel> = {
  c: 'characters', char: 'characters', f: 'fandoms', p: 'relationships', s: 'series', r: 'rating', w: 'warnings', g: 'genre',
}

/** Reads the front matter at the top of a file; null when the file has none. */
export function readFrontMatter(text: string): FrontMatter | null {
  const lines = text.split('\n')
  const fence = lines[0]?.trim()
  if (fence !== '---' && fence !== '+++') return null
  const closing = fence === '---' ? /^(?:---|\.\.\.)\s*$/ : /^\+\+\+\s*$/
  const close = lines.findIndex((line, i) => i > 0 && i < FRONT_MATTER_LIMIT && closing.test(line))
  if (close < 0) return null
  const block = lines.slice(1, close).join('\n')
  const language = fence === '---' ? 'YAML' : 'TOML'
  try {
    const data = fence === '---' ? load(block, { schema: CORE_SCHEMA }) : parseToml(block)
    const { header, endNotes } = headerFromData(data, `front matter (${language})`)
    return { header, endNotes, rest: lines.slice(close + 1).join('\n'), error: null }
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'invalid'
    return { header: null, endNotes: [], rest: [...lines.slice(1, close), '---', ...lines.slice(close + 1)].join('\n'), error: `${language}: ${message}` }
  }
}

function headerFromData(data: unknown, source: string): { header: Header; endNotes: string[] } {
  const header = emptyHeader(source)
  const endNotes: string[] = []
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { header, endNotes }
  const dates: DateKey[] = []
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const values = toStrings(value)
    if (values === null) continue
    const name = key.toLowerCase().replace(/[_-]+/g, ' ').trim()
    if (END_NOTE_KEYS.has(name)) {
      endNotes.push(...values.map(fromHtml).filter(Boolean))
      continue
    }
    const labels = KEY_LABELS[name] ? [KEY_LABELS[name]] : canonicalLabels(name)
    if (labels.length === 0) {
      addExtra(header, key, values.join(', '))
      continue
    }
    for (const label of labels) {
      if (label === 'date' || label === 'updated') {
        if (values[0] !== undefined) dates.push({ key, name, label, value: values[0] })
      } else if (label === 'tags') addTags(header, values)
      else if (PROSE_LABELS.has(label)) addField(header, label, values.map(fromHtml).join('\n\n'))
      else addField(header, label, Array.isArray(value) ? values : values[0]!)
    }
  }
  addDates(header, dates)
  return { header, endNotes }
}

interface DateKey {
  key: string
  /** The key lowercased, words apart (`date_published` → `date published`). */
  name: string
  label: 'date' | 'updated'
  value: string
}

/**
 * One posting date and one update date from the date keys; the rest are kept as extra fields. A key that says
 * "published" names the date the story is filed under, and a `date` beside it is then the last update (as archive
 * templates write them) unless a key says "updated" itself.
 */
function addDates(header: Header, dates: DateKey[]): void {
  const published = dates.find((date) => date.label === 'date' && date.name.includes('publish'))
  const posted = published ?? dates.find((date) => date.label === 'date')
  const updated = dates.find((date) => date.label === 'updated') ?? (published ? dates.find((date) => date.name === 'date') : undefined)
  for (const date of dates) {
    if (date === posted) addField(header, 'date', date.value)
    else if (date === updated) addField(header, 'updated', date.value)
    else addExtra(header, date.key, date.value)
  }
}

function addTags(header: Header, tags: string[]): void {
  const plain: string[] = []
  for (const tag of tags) {
    const m = /^([a-z]{1,10}):(\S.*)$/i.exec(tag)
    const prefix = m?.[1]!.toLowerCase()
    const label = prefix ? TAG_PREFIXES[prefix] ?? canonicalLabels(prefix)[0] : undefined
    if (!m || !label || label === 'tags') {
      plain.push(tag)
      continue
    }
    const value = fromSlug(m[2]!)
    if (label === 'series' || label === 'rating') addField(header, label, value)
    else addField(header, label, [value])
    header.sources = { ...header.sources, [label]: `${header.source}, tag prefix ${prefix}:` }
  }
  if (plain.length > 0) addField(header, 'tags', plain)
}

/** `displaced_watcher` → `Displaced Watcher`, `sherlock-holmes` → `Sherlock Holmes`, `btvs` → `BTVS`; a value with capitals or spaces stays as written. */
function fromSlug(slug: string): string {
  if (/[\p{Lu}\s]/u.test(slug)) return slug.trim()
  const words = slug.split(/[_-]+/).filter(Boolean)
  return words.map((word) => (/^[bcdfghjklmnpqrstvwxz]{2,5}$/.test(word) ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1))).join(' ')
}

function fromHtml(text: string): string {
  return /<[a-z]/i.test(text) ? htmlToText(parseHtml(text)) : text.trim()
}

function toStrings(value: unknown): string[] | null {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map((item) => toStrings(item)?.join(', ') ?? '').filter(Boolean)
  if (value instanceof Date) {
    // TOML dates print with the offset they were written in; YAML's are UTC.
    const iso = value.toISOString()
    return [iso.slice(0, iso.endsWith('T00:00:00.000Z') ? 10 : 16)]
  }
  if (typeof value === 'object') return [JSON.stringify(value)]
  return [String(value)]
}
