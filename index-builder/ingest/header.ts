// The header values one file declares, before normalization: what every format's reader produces.
import type { CanonicalLabel } from './labels'

export interface Header {
  /**
   * Values keyed by canonical label. A string is exactly as written; an array is a list the format
   * already split (AO3 tag links, YAML lists), so it is never split again.
   */
  fields: Partial<Record<CanonicalLabel, string | string[]>>
  /** Labels we do not know, keyed by the label as written. */
  extra: Record<string, string>
  /** The rule that read this header (`front matter (YAML)`, `post headers`), for `npm run inspect`. */
  source: string
  /** Where a merged header's fields came from, when not all from `source`. */
  sources?: Partial<Record<CanonicalLabel, string>>
}

export function emptyHeader(source: string): Header {
  return { fields: {}, extra: {}, source }
}

/** The rule that found a field of this header. */
export function sourceOf(header: Header, label: CanonicalLabel): string {
  return header.sources?.[label] ?? header.source
}

// Fields that hold prose: a repeated label starts a new paragraph rather than a new list item.
const PROSE: ReadonlySet<CanonicalLabel> = new Set(['summary', 'notes', 'spoilers', 'disclaimer', 'dedication', 'prompt', 'feedback', 'archive'])

/** Adds a value; a label that appears twice keeps both values. */
export function addField(header: Header, label: CanonicalLabel, value: string | string[]): void {
  if (typeof value === 'string' && value.trim() === '') return
  const existing = header.fields[label]
  if (existing === undefined) header.fields[label] = value
  else if (Array.isArray(existing) || Array.isArray(value)) header.fields[label] = [...asList(existing), ...asList(value)]
  else header.fields[label] = `${existing}${PROSE.has(label) ? '\n\n' : ', '}${value}`
}

export function addExtra(header: Header, label: string, value: string): void {
  if (value.trim() === '') return
  const existing = header.extra[label]
  header.extra[label] = existing === undefined ? value : `${existing}\n${value}`
}

/** A field as one string, for `record.raw`. */
export function rawText(value: string | string[]): string {
  return Array.isArray(value) ? value.join(', ') : value
}

function asList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value]
}
