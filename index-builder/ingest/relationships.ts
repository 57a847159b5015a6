// Reads pairing and character fields into canonical relationships (`A/B` romantic, `A & B` platonic) and names.
import { foldForMatching } from '../../core/text'
import { dropAsides, splitList, uniqueCaseInsensitive } from './split-list'

/** Aliases compiled once per build: folded short name → canonical name or relationship. */
export type AliasTable = Map<string, string>

/**
 * The archive's aliases plus the story's own characters: a first name in the pairing ("Wyll & Umi") that is the
 * first name of one full name in the characters field ("Wyll Ravengard") stands for that name. The archive's
 * aliases win.
 */
export function withStoryCharacters(aliases: AliasTable, characters: string[]): AliasTable {
  const byFirstName = new Map<string, string | null>()
  for (const name of characters) {
    const words = name.trim().split(/\s+/)
    if (words.length < 2) continue
    const key = foldForMatching(words[0]!)
    byFirstName.set(key, byFirstName.has(key) ? null : name.trim())
  }
  const table: AliasTable = new Map(aliases)
  for (const [first, full] of byFirstName) if (full && !table.has(first)) table.set(first, full)
  return table
}

export function compileAliases(aliases: Record<string, string>): AliasTable {
  const table: AliasTable = new Map()
  for (const [short, canonical] of Object.entries(aliases)) table.set(foldForMatching(short.trim()), canonical.trim())
  // A canonical name maps to itself, so `lex luthor` in a header comes out as `Lex Luthor`.
  for (const canonical of Object.values(aliases)) {
    const key = foldForMatching(canonical.trim())
    if (!table.has(key)) table.set(key, canonical.trim())
  }
  return table
}

// Asides authors write in pairing fields ("Clark/Lana. Kinda."); the raw value keeps them.
const ASIDE = /^(?:kinda|kind of|sort of|sorta|maybe|mostly|implied|eventually|eventual|if you squint|sort-of|ish|slight|hints?|background|one-sided|unrequited|pre-?slash|none|n\/a|gen|no pairings?|not really|more or less)$/i
const QUALIFIER = /^(?:implied|past|background|hinted|hints of|eventual|one-sided|onesided|unrequited|mentioned|pre-?slash|minor|established|slight|future)\s+/i
// Stand-ins in a pairing ("Harry Potter/Unknown", "Clark/Everyone"): part of the relationship, not characters.
const PLACEHOLDER = /^(?:unknown|anonymous|anon|everyone|everybody|others?|various|nobody|no one|\?+)$/i
const ROMANTIC = /\s*(?:\/|\s[x×]\s)\s*/
const PLATONIC = /\s*&\s*/

export interface ParsedRelationships {
  relationships: string[]
  /** Every name in the relationships, in order, plus single names written in the pairing field. */
  characters: string[]
}

/**
 * Splits a pairing field on commas, semicolons and "and"; `/` (or ` x `) joins a romantic pairing,
 * `&` a platonic one. Names go through the aliases, portmanteaus (`Clex`) become the relationship
 * they stand for, and the names in a pairing are sorted so `Lex/Lana` and `Lana/Lex` are one facet.
 *
 * @example parseRelationships('Clark/Lana. Kinda.', aliases) // { relationships: ['Clark Kent/Lana Lang'], ... }
 */
export function parseRelationships(value: string | string[], aliases: AliasTable): ParsedRelationships {
  const relationships: string[] = []
  const characters: string[] = []
  for (const item of relationshipItems(value)) {
    const resolved = resolveRelationship(item, aliases)
    if (!resolved) continue
    if (resolved.kind === 'name') characters.push(resolved.names[0]!)
    else {
      relationships.push(resolved.names.join(resolved.kind === 'romantic' ? '/' : ' & '))
      characters.push(...resolved.names.filter((name) => !PLACEHOLDER.test(name)))
    }
  }
  return { relationships: uniqueCaseInsensitive(relationships), characters: uniqueCaseInsensitive(characters) }
}

/** Splits a characters field into canonical names. */
export function parseCharacters(value: string | string[], aliases: AliasTable): string[] {
  const items = Array.isArray(value) ? value : splitList(value).flatMap((item) => item.split(/\s+and\s+|\s*[&/]\s*/i))
  return uniqueCaseInsensitive(
    items
      .map((item) => cleanName(dropAsides(item)))
      .filter((name) => name !== '' && !ASIDE.test(name))
      .map((name) => resolveName(name, aliases)),
  )
}

/** One canonical name: the alias when there is one, `Clark K.` matched to `Clark Kent`, else as written. */
export function resolveName(name: string, aliases: AliasTable): string {
  const cleaned = cleanName(name)
  const alias = aliases.get(foldForMatching(cleaned))
  if (alias && !hasMarker(alias)) return alias
  // FFN abbreviates surnames ("Clark K."): accept the alias for the first name when the initial agrees.
  const initial = /^(\p{L}+)\s+(\p{L})\.?$/u.exec(cleaned)
  if (initial) {
    const full = aliases.get(foldForMatching(initial[1]!))
    const surname = full?.split(/\s+/).at(-1)
    if (full && !hasMarker(full) && surname && foldForMatching(surname[0]!) === foldForMatching(initial[2]!)) return full
  }
  return cleaned
}

type Resolved = { kind: 'romantic' | 'platonic' | 'name'; names: string[] }

function relationshipItems(value: string | string[]): string[] {
  if (Array.isArray(value)) return value
  const items: string[] = []
  for (const listItem of splitList(value)) {
    // "Clark/Lana. Kinda." — sentences after the first are usually asides; each is judged on its own.
    for (const sentence of dropAsides(listItem).split(/\.\s+|\.$/)) {
      items.push(...splitOnAnd(sentence))
    }
  }
  return items.map((item) => item.trim()).filter(Boolean)
}

// "Clark/Lana and Lex/Lionel" is two pairings; "Clark and Lana" is one, written out.
function splitOnAnd(item: string): string[] {
  const byAmpersand = item.split(/\s*&\s*/)
  if (byAmpersand.length > 1 && byAmpersand.every((part) => part.includes('/'))) return byAmpersand
  const parts = item.split(/\s+and\s+/i)
  if (parts.length < 2) return [item]
  if (parts.every(hasMarker)) return parts
  if (!parts.some(hasMarker) && parts.length === 2) return [parts.join('/')]
  return parts
}

function resolveRelationship(item: string, aliases: AliasTable): Resolved | null {
  const text = cleanName(dropAsides(item)).replace(QUALIFIER, '')
  if (text === '' || ASIDE.test(text)) return null
  if (!hasMarker(text)) {
    const alias = aliases.get(foldForMatching(text))
    if (alias && hasMarker(alias)) return resolveRelationship(alias, new Map())
    // A lower-case phrase without a pairing mark is commentary ("sort of"), not a name.
    if (!/^\p{Lu}/u.test(text) || text.split(/\s+/).length > 4) return null
    return { kind: 'name', names: [resolveName(text, aliases)] }
  }
  const kind = ROMANTIC.test(text) ? 'romantic' : 'platonic'
  const names = text
    .split(kind === 'romantic' ? ROMANTIC : PLATONIC)
    .map((name) => cleanName(name))
    .filter(Boolean)
    .map((name) => resolveName(name, aliases))
  if (names.length < 2) return names.length === 1 ? { kind: 'name', names } : null
  const sorted = uniqueCaseInsensitive(names).sort((a, b) => foldForMatching(a).localeCompare(foldForMatching(b)))
  return { kind, names: sorted }
}

function hasMarker(text: string): boolean {
  return ROMANTIC.test(text) || PLATONIC.test(text)
}

const LEADING_JUNK = new Set(' "\'“”‘’*~-')
const TRAILING_JUNK = new Set(' "\'“”‘’*~.,;:!?-')

// Trimmed with loops, not a regex anchored at the end, which backtracks on long runs of spaces.
function cleanName(name: string): string {
  const text = name.replace(/\s+/g, ' ')
  let start = 0
  let end = text.length
  while (start < end && LEADING_JUNK.has(text[start]!)) start++
  while (end > start && TRAILING_JUNK.has(text[end - 1]!)) end--
  // An initial keeps its period: FanFiction.Net writes "Harry P.".
  if (text[end] === '.' && /(?:^|\s)\p{Lu}$/u.test(text.slice(start, end))) end++
  return text.slice(start, end)
}
