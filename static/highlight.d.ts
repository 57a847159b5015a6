// Types for highlight.js (plain JavaScript so the browser loads it without a build step).
export interface TextPiece {
  text: string
  marked: boolean
}
export function splitHighlights(text: string, highlights: readonly (readonly [number, number])[]): TextPiece[]
