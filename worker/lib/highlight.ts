// Splits text into plain and marked pieces from highlight offsets. The code lives in static/highlight.js,
// so the browser script marks live results exactly as the server-rendered page does.
export { splitHighlights, type TextPiece } from '../../static/highlight.js'
