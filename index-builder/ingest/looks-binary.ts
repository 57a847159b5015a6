// Tells a text file from a binary one (an image or archive saved with a story's name).

const SAMPLE_CHARS = 65536
/** Real stories have almost no control characters; a few stray ones come from old word processors. */
const MAX_CONTROL_SHARE = 0.05

/**
 * True when decoded text is not a story: it has NUL characters, or more than a few percent of its
 * characters are controls or replacement characters. Decode first, so UTF-16's zero bytes are not
 * mistaken for binary.
 */
export function looksBinary(text: string): boolean {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text
  if (sample.length === 0) return false
  let suspicious = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) return true
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code <= 0x9f)
    if (isControl || code === 0xfffd) suspicious++
  }
  return suspicious / sample.length > MAX_CONTROL_SHARE
}
