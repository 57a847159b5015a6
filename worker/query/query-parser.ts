// Reads the query language in `q` into a tree of words, phrases, field queries, exclusions and ranges.
// It never throws: anything it cannot read is searched as plain words.
import { queryWords } from '../../core/text'

/** Field names a reader can type, and the index fields they search. */
export const TEXT_FIELD_ALIASES = {
  title: 'title',
  author: 'authors',
  by: 'authors',
  summary: 'summary',
  fandom: 'fandoms',
  pairing: 'relationships',
  relationship: 'relationships',
  ship: 'relationships',
  character: 'characters',
  char: 'characters',
  warning: 'warnings',
  tag: 'tags',
  text: 'body',
} as const
export type TextField = (typeof TEXT_FIELD_ALIASES)[keyof typeof TEXT_FIELD_ALIASES]

const METADATA_FIELDS = new Set<TextField>(['authors', 'fandoms', 'relationships', 'characters', 'warnings', 'tags'])

export type QueryNode =
  | { type: 'term'; text: string; field: TextField | null }
  | { type: 'phrase'; text: string; field: TextField | null }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }

/** Bounds on `words` and `date`: `from` inclusive, `before` exclusive (ISO prefixes for dates). */
export interface RangeFilters {
  wordsMin: number | null
  wordsMax: number | null
  dateFrom: string | null
  dateBefore: string | null
}

export interface ParsedQuery {
  /** What a story must match; null when the query has no positive words (only filters, or nothing). */
  root: QueryNode | null
  /** Words and phrases no result may contain. */
  exclude: QueryNode[]
  /** `rating:` values as typed, to be normalized by the filters. */
  ratings: { include: string[]; exclude: string[] }
  /** `series:"Name"`: stories of that series (a filter, as the series parameter is). */
  series: { include: string[]; exclude: string[] }
  ranges: RangeFilters
  /** True when the query uses any syntax (quotes, AND/OR, parentheses, fields, exclusions): it means exactly what it says. */
  usesSyntax: boolean
}

/** Parser limits: a query past these is cut, not rejected, so a pasted paragraph still searches. */
export const MAX_QUERY_TERMS = 32
const MAX_DEPTH = 8

type Token =
  | { kind: 'word'; text: string; negated: boolean }
  | { kind: 'phrase'; text: string; negated: boolean; field: string | null }
  | { kind: 'field'; field: string; value: string; negated: boolean; typed: string }
  | { kind: 'open'; negated: boolean }
  | { kind: 'close' }
  | { kind: 'or' }

// One pass over the string; each branch consumes at least one character, so the lexer is linear.
function lex(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const n = input.length
  while (i < n) {
    const ch = input[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === '(') {
      tokens.push({ kind: 'open', negated: false })
      i++
      continue
    }
    if (ch === ')') {
      tokens.push({ kind: 'close' })
      i++
      continue
    }
    if (ch === '|') {
      tokens.push({ kind: 'or' })
      i++
      continue
    }
    let negated = false
    // A dash before something to leave out; before a space, `)` or `|` it is a lone dash, a word.
    if (ch === '-' && i + 1 < n && !/[\s)|]/.test(input[i + 1]!)) {
      negated = true
      i++
    }
    if (input[i] === '(') {
      tokens.push({ kind: 'open', negated })
      i++
      continue
    }
    if (isQuote(input[i]!)) {
      const end = findClosingQuote(input, i + 1)
      if (end === -1) {
        // An unclosed quote: read the rest as plain words.
        i++
        continue
      }
      tokens.push({ kind: 'phrase', text: input.slice(i + 1, end), negated, field: null })
      i = end + 1
      continue
    }
    let j = i
    while (j < n && !/\s/.test(input[j]!) && input[j] !== '(' && input[j] !== ')' && input[j] !== '|' && !isQuote(input[j]!)) j++
    const word = input.slice(i, j)
    const colon = word.indexOf(':')
    if (colon > 0 && isQuote(input[j] ?? '') && colon === word.length - 1) {
      // field:"a phrase"
      const end = findClosingQuote(input, j + 1)
      if (end !== -1) {
        tokens.push({ kind: 'phrase', text: input.slice(j + 1, end), negated, field: word.slice(0, -1).toLowerCase() })
        i = end + 1
        continue
      }
    }
    i = j
    if (word === '') {
      if (negated) continue
      i++
      continue
    }
    if (word === 'OR' && !negated) {
      tokens.push({ kind: 'or' })
      continue
    }
    if (word === 'AND' && !negated) continue
    const range = /^(words|date)(>=|<=|>|<|:|=)(.+)$/i.exec(word)
    if (range) {
      tokens.push({ kind: 'field', field: range[1]!.toLowerCase() + range[2], value: range[3]!, negated, typed: word })
      continue
    }
    if (colon > 0 && colon < word.length - 1) {
      tokens.push({ kind: 'field', field: word.slice(0, colon).toLowerCase(), value: word.slice(colon + 1), negated, typed: word })
      continue
    }
    tokens.push({ kind: 'word', text: word, negated })
  }
  return tokens
}

function isQuote(ch: string): boolean {
  return ch === '"' || ch === '\u201C' || ch === '\u201D'
}

function findClosingQuote(input: string, from: number): number {
  for (let k = from; k < input.length; k++) if (isQuote(input[k]!)) return k
  return -1
}

/**
 * Whether typed text ends inside its last word, which the reader may still be typing. A word followed by sentence
 * punctuation (`Dr.`, `said,`) is finished: `dr.` is the title, not every word that starts with "dr".
 */
export function endsInWord(text: string): boolean {
  return !/[.,;:!?\u2026]$/.test(text)
}

/** The last plain word the reader typed, when it is still being typed (endsInWord), so it is matched as a prefix. */
export function lastTermNode(node: QueryNode): (QueryNode & { type: 'term' }) | null {
  if (node.type === 'term') return endsInWord(node.text) ? node : null
  if (node.type === 'phrase') return null
  return node.children.length ? lastTermNode(node.children[node.children.length - 1]!) : null
}

/** The words of a query's plain terms, or of its phrases, in the order typed. */
export function wordsOf(node: QueryNode, kind: 'term' | 'phrase'): string[] {
  if (node.type === 'and' || node.type === 'or') return node.children.flatMap((child) => wordsOf(child, kind))
  return node.type === kind ? queryWords(node.text) : []
}

/** Parses `q`. Always returns a query; the worst case is a list of plain words. */
export function parseQuery(input: string): ParsedQuery {
  const parsed: ParsedQuery = {
    root: null,
    exclude: [],
    ratings: { include: [], exclude: [] },
    series: { include: [], exclude: [] },
    ranges: { wordsMin: null, wordsMax: null, dateFrom: null, dateBefore: null },
    usesSyntax: /["\u201C\u201D()|:]|(^|\s)-\S|\b(AND|OR)\b/.test(input),
  }
  const tokens = lex(input)
  let position = 0
  let termCount = 0

  // group := item (OR? item)*   — adjacent items AND together, OR binds tighter than the implicit AND.
  const parseGroup = (depth: number): QueryNode[] => {
    const items: QueryNode[] = []
    let pendingOr = false
    while (position < tokens.length) {
      const token = tokens[position]!
      if (token.kind === 'close') {
        position++
        if (depth > 0) break
        continue // a stray closing parenthesis is ignored
      }
      if (token.kind === 'or') {
        position++
        pendingOr = items.length > 0
        continue
      }
      position++
      const node = readItem(token, depth)
      if (!node) continue
      if (pendingOr) {
        const previous = items.pop()!
        items.push(previous.type === 'or' ? { type: 'or', children: [...previous.children, node] } : { type: 'or', children: [previous, node] })
      } else {
        items.push(node)
      }
      pendingOr = false
    }
    return items
  }

  const readItem = (token: Exclude<Token, { kind: 'close' } | { kind: 'or' }>, depth: number): QueryNode | null => {
    if (token.kind === 'open') {
      // Past the depth limit, parentheses are just ignored and their content read at this level.
      const children = depth < MAX_DEPTH ? parseGroup(depth + 1) : []
      const node = combine('and', children)
      if (!node) return null
      if (token.negated) {
        parsed.exclude.push(...flatten(node))
        return null
      }
      return node
    }
    if (termCount >= MAX_QUERY_TERMS) return null
    if (token.kind === 'word') {
      termCount++
      const node: QueryNode = { type: 'term', text: token.text, field: null }
      if (token.negated) {
        parsed.exclude.push(node)
        return null
      }
      return node
    }
    // Quotes hold a multi-word rating or series together (`rating:"not rated"`); they are filters, not words.
    if (token.kind === 'phrase' && (token.field === 'rating' || token.field === 'series')) {
      const values = token.field === 'rating' ? parsed.ratings : parsed.series
      if (token.text.trim() !== '') (token.negated ? values.exclude : values.include).push(token.text.trim())
      return null
    }
    if (token.kind === 'phrase') {
      const field = token.field === null ? null : textField(token.field)
      if (token.text.trim() === '') return null
      termCount++
      // In a metadata field, quotes only hold a multi-word value together (`author:"Jane Doe"`): names there
      // are canonical (`Lana Lang/Lex Luthor`), so they are matched as words, not as a phrase in order.
      const node: QueryNode = { type: field !== null && METADATA_FIELDS.has(field) ? 'term' : 'phrase', text: token.text, field }
      if (token.negated) {
        parsed.exclude.push(node)
        return null
      }
      return node
    }
    // field:value
    if (token.field === 'rating') {
      ;(token.negated ? parsed.ratings.exclude : parsed.ratings.include).push(token.value)
      return null
    }
    if (token.field === 'series') {
      ;(token.negated ? parsed.series.exclude : parsed.series.include).push(token.value)
      return null
    }
    const rangeField = /^(words|date)(>=|<=|>|<|:|=)$/.exec(token.field)
    if (rangeField && applyRange(parsed.ranges, rangeField[1] as 'words' | 'date', rangeField[2]!, token.value)) return null
    const field = textField(token.field)
    termCount++
    // Not a field we know (`3:15`, `Note:Hello`, `words>many`): search what was typed, whose words all must match.
    const node: QueryNode = field === null ? { type: 'term', text: token.typed, field: null } : { type: 'term', text: token.value, field }
    if (token.negated) {
      parsed.exclude.push(node)
      return null
    }
    return node
  }

  parsed.root = combine('and', parseGroup(0))
  return parsed
}

/** The name a reader types for each field (the first alias of each). */
const FIELD_NAMES = Object.fromEntries(Object.entries(TEXT_FIELD_ALIASES).reverse().map(([name, field]) => [field, name])) as Record<TextField, string>

/**
 * Writes a parsed query back as query text that parses to the same tree, exclusions, ratings and ranges.
 *
 * @example formatQuery(parseQuery('lana (clark | lex) -"let her go" words>1000')) // 'lana (clark OR lex) -"let her go" words>1000'
 */
export function formatQuery(query: Pick<ParsedQuery, 'root' | 'exclude' | 'ratings' | 'series' | 'ranges'>): string {
  const parts: string[] = []
  if (query.root) parts.push(formatNode(query.root, true))
  for (const node of query.exclude) parts.push(`-${formatNode(node, false)}`)
  const rating = (value: string) => (/\s/.test(value) ? `rating:"${value}"` : `rating:${value}`)
  for (const value of query.ratings.include) parts.push(rating(value))
  for (const value of query.ratings.exclude) parts.push(`-${rating(value)}`)
  for (const value of query.series.include) parts.push(`series:"${value}"`)
  for (const value of query.series.exclude) parts.push(`-series:"${value}"`)
  const { wordsMin, wordsMax, dateFrom, dateBefore } = query.ranges
  // `>` rather than `>=`: a lower bound one past the largest count a reader may type is still written as one.
  if (wordsMin !== null) parts.push(wordsMin > 0 ? `words>${wordsMin - 1}` : 'words>=0')
  if (wordsMax !== null) parts.push(`words<=${wordsMax}`)
  if (dateFrom !== null) parts.push(`date>=${dateFrom}`)
  if (dateBefore !== null) parts.push(`date<${dateBefore}`)
  return parts.join(' ')
}

function formatNode(node: QueryNode, top: boolean): string {
  if (node.type === 'and' || node.type === 'or') {
    const inner = node.children.map((child) => formatNode(child, false)).join(node.type === 'or' ? ' OR ' : ' ')
    return top ? inner : `(${inner})`
  }
  const field = node.field === null ? '' : `${FIELD_NAMES[node.field]}:`
  // A multi-word term is a metadata value held together by quotes (`author:"Jane Doe"`).
  return node.type === 'phrase' || /\s/.test(node.text) ? `${field}"${node.text}"` : `${field}${node.text}`
}

function textField(name: string): TextField | null {
  return Object.hasOwn(TEXT_FIELD_ALIASES, name) ? TEXT_FIELD_ALIASES[name as keyof typeof TEXT_FIELD_ALIASES] : null
}

function combine(type: "and" | "or", children: QueryNode[]): QueryNode | null {
  if (children.length === 0) return null
  if (children.length === 1) return children[0]!
  return { type, children }
}

function flatten(node: QueryNode): QueryNode[] {
  return node.type === 'and' || node.type === 'or' ? node.children.flatMap(flatten) : [node]
}

/** Applies `words>1000`, `words:1000-5000`, `date>2008`, `date:2005-2007`...; false when the value is unreadable. */
function applyRange(ranges: RangeFilters, field: 'words' | 'date', operator: string, value: string): boolean {
  if (field === 'words') {
    const between = /^([\d,.]+k?)-([\d,.]+k?)$/i.exec(value)
    if ((operator === ':' || operator === '=') && between) {
      const low = readCount(between[1]!)
      const high = readCount(between[2]!)
      if (low === null || high === null) return false
      ranges.wordsMin = Math.min(low, high)
      ranges.wordsMax = Math.max(low, high)
      return true
    }
    const count = readCount(value)
    if (count === null) return false
    if (operator === '>') ranges.wordsMin = count + 1
    else if (operator === '>=') ranges.wordsMin = count
    else if (operator === '<') ranges.wordsMax = Math.max(0, count - 1)
    else if (operator === '<=') ranges.wordsMax = count
    else ranges.wordsMin = ranges.wordsMax = count
    return true
  }
  const between = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:-|\.\.)(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(value)
  if ((operator === ':' || operator === '=') && between) {
    const [low, high] = [between[1]!, between[2]!].sort()
    ranges.dateFrom = low!
    ranges.dateBefore = nextDate(high!)
    return true
  }
  if (!isDatePrefix(value)) return false
  if (operator === '>') ranges.dateFrom = nextDate(value)
  else if (operator === '>=') ranges.dateFrom = value
  else if (operator === '<') ranges.dateBefore = value
  else if (operator === '<=') ranges.dateBefore = nextDate(value)
  else {
    ranges.dateFrom = value
    ranges.dateBefore = nextDate(value)
  }
  return true
}

function readCount(text: string): number | null {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k)?$/i.exec(text)
  if (!match) return null
  const whole = Number(`${match[1]!.replace(/,/g, '')}${match[2] ? `.${match[2]}` : ''}`)
  const value = match[3] ? whole * 1000 : whole
  return Number.isFinite(value) && value <= 1e9 ? Math.round(value) : null
}

/** A date of the form YYYY, YYYY-MM or YYYY-MM-DD (and year 10000, the first date after 9999, which nextDate gives). */
export function isDatePrefix(value: string): boolean {
  if (!/^(?:\d{4}|10000)(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/.test(value)) return false
  const [year, month, day] = value.split('-').map(Number) as [number, number?, number?]
  // A day the month has (2020-02-29, not 2021-02-29 or 2020-04-31); leap years repeat every 400 years.
  return day === undefined || day <= new Date(Date.UTC(2000 + (year % 400), month!, 0)).getUTCDate()
}

/** The first date after the period a prefix names: `2008` → `2009`, `2010-12` → `2011-01`, `2010-05-31` → `2010-06-01`. */
export function nextDate(prefix: string): string {
  const [year, month, day] = prefix.split('-').map(Number) as [number, number?, number?]
  if (month === undefined) return String(year + 1).padStart(4, '0')
  if (day === undefined) return month === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
  const next = new Date(Date.UTC(year, month - 1, day + 1))
  return next.toISOString().slice(0, 10)
}
