// Splits a header value into items on commas and semicolons, never inside parentheses or brackets.

/**
 * Splits `a, b (c, d); e` into `['a', 'b (c, d)', 'e']`. Parenthesized asides stay whole, so a
 * comma inside one does not make a new item.
 */
export function splitList(value: string, separators = ',;'): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (const ch of value) {
    if (ch === '(' || ch === '[' || ch === '{') depth++
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--
    if (depth === 0 && separators.includes(ch)) {
      items.push(current)
      current = ''
    } else current += ch
  }
  items.push(current)
  return items.map((item) => item.trim()).filter(Boolean)
}

/** Drops parenthesized asides: `future AU (takes into account series up to Lexmas)` → `future AU`. */
export function dropAsides(value: string): string {
  let depth = 0
  let out = ''
  for (const ch of value) {
    if (ch === '(' || ch === '[') depth++
    else if ((ch === ')' || ch === ']') && depth > 0) depth--
    else if (depth === 0) out += ch
  }
  return out.replace(/\s+/g, ' ').trim()
}

/** Keeps the first of each item, comparing case-insensitively, in order. */
export function uniqueCaseInsensitive(items: string[]): string[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = item.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
