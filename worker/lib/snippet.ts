// Picks the passages of a story that best show why it matched, with the matched words marked by offsets.
import { STEM_MARK, foldForMatching, stemOf } from './text'

export interface Snippet {
  /** Plain text of the passages, joined by ` … `. */
  text: string
  /** [start, end) offsets into `text` of each matched word. */
  highlights: [number, number][]
}

export interface SnippetOptions {
  /** Characters per passage, before widening to word boundaries. */
  passageLength: number
  maxPassages: number
}

const DEFAULT_SNIPPET_OPTIONS: SnippetOptions = { passageLength: 200, maxPassages: 2 }
/** Matches collected before the scan stops: plenty to find two good passages without reading a whole novel. */
const MAX_MATCHES = 120
const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu
const ASCII = /^[\x00-\x7F]*$/

interface WordSpan {
  start: number
  end: number
  folded: string
}

/**
 * Finds the words of `text` that match one of `terms` (already folded, as the index stores them) and returns
 * up to `maxPassages` windows around the densest clusters of distinct matches. Returns null when nothing matches.
 *
 * @example makeSnippet('He’d gone to Zürich.', ['zurich']) // { text: 'He’d gone to Zürich.', highlights: [[13, 19]] }
 */
export function makeSnippet(text: string, terms: Iterable<string>, options: Partial<SnippetOptions> = {}): Snippet | null {
  const { passageLength, maxPassages } = { ...DEFAULT_SNIPPET_OPTIONS, ...options }
  const wanted = new Set(terms)
  if (wanted.size === 0) return null
  const matches = findMatchingWords(text, wanted)
  if (matches.length === 0) return null

  const windows: { start: number; end: number }[] = []
  const used = new Set<number>()
  for (let pass = 0; pass < maxPassages; pass++) {
    const best = densestWindow(matches, passageLength, used)
    if (!best) break
    windows.push(widen(text, best.start, best.end, passageLength))
    for (const i of best.members) used.add(i)
  }
  windows.sort((a, b) => a.start - b.start)

  // Copy each window, folding whitespace runs to one space, and map match offsets into the copy as we go.
  let out = ''
  const highlights: [number, number][] = []
  windows.forEach((window, n) => {
    if (n > 0) out += ' … '
    else if (window.start > 0) out += '…'
    const at = new Map<number, number>()
    let previousSpace = false
    for (let i = window.start; i < window.end; i++) {
      at.set(i, out.length)
      const ch = text[i]!
      const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r'
      if (space && previousSpace) continue
      out += space ? ' ' : ch
      previousSpace = space
    }
    at.set(window.end, out.length)
    for (const match of matches) {
      if (match.start >= window.start && match.end <= window.end) highlights.push([at.get(match.start)!, at.get(match.end)!])
    }
  })
  if (windows.at(-1)!.end < text.length) out += '…'
  return { text: out, highlights }
}

function findMatchingWords(text: string, wanted: Set<string>): WordSpan[] {
  const spans: WordSpan[] = []
  // Stems arrive marked (`~kiss`), as the index stores them; only then is each word stemmed.
  const stems = [...wanted].some((term) => term.startsWith(STEM_MARK))
  for (const match of text.matchAll(WORD)) {
    if (spans.length >= MAX_MATCHES) break
    const word = match[0]
    const folded = ASCII.test(word) ? word.toLowerCase() : foldForMatching(word)
    const start = match.index
    const stem = stems ? stemOf(folded) : null
    if (wanted.has(folded) || (stem !== null && wanted.has(STEM_MARK + stem))) {
      spans.push({ start, end: start + word.length, folded: stem ?? folded })
      continue
    }
    // Parts of joined words (`well-known`, `he’d`) are indexed too.
    let offset = 0
    for (const part of folded.split(/['\-]/)) {
      if (part && wanted.has(part)) spans.push({ start: start + offset, end: start + offset + part.length, folded: part })
      offset += part.length + 1
    }
  }
  return spans
}

function densestWindow(matches: WordSpan[], length: number, used: Set<number>) {
  let best: { start: number; end: number; members: number[]; score: number } | null = null
  let j = 0
  for (let i = 0; i < matches.length; i++) {
    if (used.has(i)) continue
    const start = matches[i]!.start
    if (j < i) j = i
    while (j + 1 < matches.length && matches[j + 1]!.end - start <= length) j++
    const members: number[] = []
    const distinct = new Set<string>()
    for (let k = i; k <= j; k++) {
      if (used.has(k)) continue
      members.push(k)
      distinct.add(matches[k]!.folded)
    }
    const score = distinct.size * 100 + members.length
    if (!best || score > best.score) best = { start, end: matches[j]!.end, members, score }
  }
  return best
}

/** Centres the matched span in a window of about `length` characters, cut at word boundaries. */
function widen(text: string, start: number, end: number, length: number): { start: number; end: number } {
  const slack = Math.max(0, length - (end - start))
  let from = Math.max(0, start - Math.floor(slack / 2))
  let to = Math.min(text.length, end + Math.ceil(slack / 2))
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < start) from = space + 1
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > end) to = space
  }
  return { start: from, end: to }
}
