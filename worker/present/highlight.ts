// Splits text into plain and marked pieces from highlight offsets, for the views that mark snippets and story text.

export interface TextPiece {
  text: string
  marked: boolean
}

/**
 * Cuts `text` at the `[start, end)` ranges. Overlapping, unsorted or out-of-range offsets are tolerated,
 * so a bad offset can never drop or duplicate text.
 *
 * @example splitHighlights('Clark and Lana', [[10, 14]]) // [{ text: 'Clark and ', marked: false }, { text: 'Lana', marked: true }]
 */
export function splitHighlights(text: string, highlights: readonly (readonly [number, number])[]): TextPiece[] {
  const ranges = highlights
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const pieces: TextPiece[] = []
  let cursor = 0
  for (const [start, end] of ranges) {
    if (end <= cursor) continue
    const from = Math.max(start, cursor)
    if (from > cursor) pieces.push({ text: text.slice(cursor, from), marked: false })
    pieces.push({ text: text.slice(from, end), marked: true })
    cursor = end
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), marked: false })
  return pieces
}
