// Text with its matched words in <mark>; JSX escapes every piece.
import { splitHighlights } from '../present/highlight'

export function MarkedText({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  return <>{splitHighlights(text, highlights).map((piece) => (piece.marked ? <mark>{piece.text}</mark> : piece.text))}</>
}
