// The header labels story files use, each mapped to one canonical label, and the test for "this line is a label".

export const CANONICAL_LABELS = [
  'title', 'authors', 'rating', 'warnings', 'fandoms', 'relationships', 'characters', 'category', 'genre', 'tags',
  'series', 'part', 'status', 'date', 'updated', 'words', 'chapters', 'language', 'summary', 'notes', 'spoilers',
  'disclaimer', 'dedication', 'prompt', 'feedback', 'archive',
] as const
export type CanonicalLabel = (typeof CANONICAL_LABELS)[number]

const SYNONYMS: Record<string, CanonicalLabel> = {
  title: 'title', 'story title': 'title', 'fic title': 'title',
  author: 'authors', writer: 'authors', 'written by': 'authors', by: 'authors', 'pen name': 'authors', creator: 'authors',
  rating: 'rating', rated: 'rating',
  warning: 'warnings', 'archive warning': 'warnings', 'content warning': 'warnings', 'trigger warning': 'warnings',
  fandom: 'fandoms',
  pairing: 'relationships', relationship: 'relationships', ship: 'relationships',
  character: 'characters',
  category: 'category', categorie: 'category',
  genre: 'genre',
  tag: 'tags', 'additional tag': 'tags', keyword: 'tags',
  series: 'series',
  part: 'part', chapter: 'part', 'part/chapter': 'part',
  status: 'status', complete: 'status', completed: 'status',
  date: 'date', posted: 'date', published: 'date', 'date posted': 'date', 'date written': 'date', written: 'date',
  // Bare "Update:" is left out: an author's note often opens with it ("UPDATE: sorry for the wait").
  updated: 'updated', 'last updated': 'updated', 'date updated': 'updated', 'updated on': 'updated', 'last update': 'updated',
  'last modified': 'updated', 'date modified': 'updated',
  'word count': 'words', word: 'words', wordcount: 'words', length: 'words',
  chapters: 'chapters', 'chapter count': 'chapters',
  language: 'language',
  summary: 'summary', summarie: 'summary', description: 'summary', blurb: 'summary',
  note: 'notes', 'a/n': 'notes', an: 'notes', "author's note": 'notes', 'authors note': 'notes', 'author note': 'notes',
  "author's notes": 'notes',
  spoiler: 'spoilers',
  disclaimer: 'disclaimer',
  dedication: 'dedication', 'dedicated to': 'dedication',
  prompt: 'prompt', challenge: 'prompt',
  feedback: 'feedback',
  archive: 'archive', archiving: 'archive',
}

/**
 * Labels we do not map but that are plainly header labels in any case, so `beta reader: ...` in a
 * header is kept as an extra field instead of being read as the story's first line.
 */
const KNOWN_EXTRA_LABELS = new Set([
  'beta', 'betas', 'beta reader', 'beta readers', "beta'd by", 'thanks', 'timeline', 'setting', 'season', 'email',
  'e-mail', 'website', 'url', 'crossover', 'universe', 'sequel to', 'prequel', 'sequel', 'type', 'format', 'content',
])

/** Maps a label as written (`Pairings`, `A/N`, `Rated`) to its canonical label, or null when unknown. */
export function canonicalLabel(label: string): CanonicalLabel | null {
  const key = normalizeLabel(label)
  return SYNONYMS[key] ?? (key.endsWith('s') ? SYNONYMS[key.slice(0, -1)] : undefined) ?? null
}

/**
 * The canonical labels a combined label stands for: `Rating/Warnings` → rating and warnings.
 * A single known label gives one; an unknown one gives none.
 */
export function canonicalLabels(label: string): CanonicalLabel[] {
  const whole = canonicalLabel(label)
  if (whole) return [whole]
  const parts = label.split(/\s*(?:\/|&|\band\b)\s*/i).filter(Boolean)
  if (parts.length < 2) return []
  const labels = parts.map(canonicalLabel)
  return labels.every((l): l is CanonicalLabel => l !== null) ? labels : []
}

export interface LabelLine {
  /** The label exactly as written, without the colon. */
  label: string
  value: string
  /** Canonical labels; empty for a label we do not know (kept as an extra field). */
  canonical: CanonicalLabel[]
}

const MAX_LABEL_LENGTH = 32
const MAX_LABEL_WORDS = 4
const LABEL_SHAPE = /^[\p{L}][\p{L}'’ /&.()-]*$/u

/**
 * Reads `Label: value` from a line when the part before the colon looks like a label: short, at the
 * start of the line, mostly letters. Unknown labels must also be capitalized like headings
 * (`Beta Reader:`), so a story that opens with `She said: "Run."` is not taken for a header.
 */
export function parseLabelLine(line: string): LabelLine | null {
  const trimmed = line.trim()
  const colon = trimmed.indexOf(':')
  if (colon < 1 || colon > MAX_LABEL_LENGTH) return null
  const label = trimmed.slice(0, colon).trim()
  const value = trimmed.slice(colon + 1).trim()
  if (!LABEL_SHAPE.test(label) || label.split(/\s+/).length > MAX_LABEL_WORDS) return null
  const canonical = canonicalLabels(label)
  if (canonical.length > 0) return { label, value, canonical }
  if (value === '' || /^["“'‘]/.test(value)) return null
  if (KNOWN_EXTRA_LABELS.has(normalizeLabel(label)) || looksLikeHeading(label)) return { label, value, canonical }
  return null
}

function looksLikeHeading(label: string): boolean {
  const words = label.split(/\s+/)
  return words.length <= 3 && words.every((word) => /^[\p{Lu}]/u.test(word))
}

function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\(s\)$/, 's')
    .replace(/\.$/, '')
    .replace(/\s+/g, ' ')
    .trim()
}
