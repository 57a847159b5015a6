// Turns a story file's bytes into text: BOMs, UTF-16, and old Windows-1252 files read without U+FFFD.

// Turns a story file's bytes into text: BOMs, UTF-16, UTF-8, and legacy single-byte files (Windows, Mac, DOS) read without U+FFFD.
import chardet from 'chardet'
import iconv from 'iconv-lite'

/** `utf-8+windows-1252`: UTF-8 with stray Windows-1252 bytes. Legacy encodings use iconv-lite's names (`macintosh`, `cp437`, `Shift_JIS`, ...). */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-8+windows-1252' | (string & {})

export interface DecodedText {
  text: string
  encoding: Encoding
  /** True when the first bytes were a byte-order mark (dropped from `text`). */
  bom: boolean
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
/** DOS editors ended a text file with Ctrl-Z (and some padded the last record with it). */
const DOS_EOF = 0x1a

// The names a reader knows these encodings by, for the build report.
const ENCODING_NAMES: Record<string, string> = {
  'windows-1252': 'Windows-1252', macintosh: 'Mac Roman', cp437: 'DOS code page 437', 'utf-8+windows-1252': 'UTF-8 with Windows-1252 bytes',
}

/** The encoding as a reader would name it: `Mac Roman`, `Windows-1252`, `Shift_JIS`. */
export function encodingName(encoding: Encoding): string {
  return ENCODING_NAMES[encoding] ?? encoding
}

// Windows-1252 by byte, from iconv-lite: Node's TextDecoder('windows-1252') reads 0x80–0x9F as C1 controls,
// which would turn every curly quote into an invisible control character.
const CP1252 = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)), 'windows-1252')

function cp1252Char(byte: number): string {
  return CP1252[byte]!
}

/**
 * Decodes a story file. A BOM decides; without one, UTF-16 is recognised by its zero bytes, then
 * UTF-8 is tried strictly. In a mostly-UTF-8 file, bytes that are not UTF-8 are read as Windows-1252, one
 * by one, so a stray `0x92` apostrophe (common after copy-paste in old archives) keeps both its UTF-8
 * characters and the apostrophe. A file with no UTF-8 in it is a legacy encoding, detected. A DOS
 * end-of-file byte at the end is dropped.
 */
export function decodeStoryBytes(bytes: Uint8Array): DecodedText {
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === DOS_EOF) end--
  if (end < bytes.length && !sniffUtf16(bytes)) bytes = bytes.subarray(0, end)
  if (startsWith(bytes, UTF8_BOM)) return { ...decodeUtf8OrMixed(bytes.subarray(3)), bom: true }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true }
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true }
  const utf16 = sniffUtf16(bytes)
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false }
  return { ...decodeUtf8OrMixed(bytes), bom: false }
}

/** Cuts bytes to at most maxBytes without splitting a character, so truncation never invents a broken one. */
export function cutBytesAtCharacterBoundary(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.length <= maxBytes) return bytes
  const wide = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || sniffUtf16(bytes) !== null
  let cut = wide ? maxBytes - (maxBytes % 2) : maxBytes
  if (!wide) {
    // Step back over UTF-8 continuation bytes so the cut falls at the start of a character.
    for (let back = 0; back < 3 && cut > 0 && (bytes[cut]! & 0xc0) === 0x80; back++) cut--
  }
  return bytes.subarray(0, cut)
}

function decodeUtf8OrMixed(bytes: Uint8Array): Omit<DecodedText, 'bom'> {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return mostlyUtf8(bytes) ? decodeMixed(bytes) : decodeLegacy(bytes)
  }
}

// chardet (ICU's detector) knows Cyrillic, Greek, CJK and the rest, but no Mac Roman or DOS code page, which is
// what 1990s archives hold besides Windows-1252. So the Western single-byte encodings are judged by how much
// the text reads like prose, and chardet's answer wins only when no Western reading is plainly prose.
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-2', 'ISO-8859-9', 'windows-1250', 'windows-1252', 'windows-1254', 'windows-1257'])
const WESTERN_CANDIDATES = ['windows-1252', 'macintosh', 'cp437']

/** A file with no UTF-8 in it: a legacy encoding, detected. */
function decodeLegacy(bytes: Uint8Array): Omit<DecodedText, 'bom'> {
  const buffer = Buffer.from(bytes)
  let western = { text: '', encoding: 'windows-1252', score: -Infinity }
  for (const encoding of WESTERN_CANDIDATES) {
    const text = iconv.decode(buffer, encoding)
    const score = proseScore(text)
    // Ties go to Windows-1252, the commonest.
    if (score > western.score) western = { text, encoding, score }
  }
  const detected = chardet.analyse(bytes)[0]?.name
  const highBytes = bytes.reduce((count, byte) => count + (byte >= 0x80 ? 1 : 0), 0)
  if (detected && !WESTERN.has(detected) && iconv.encodingExists(detected) && western.score < highBytes / 2) {
    return { text: iconv.decode(buffer, detected), encoding: detected }
  }
  return { text: western.text, encoding: western.encoding }
}

const TYPOGRAPHY = /[\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00bf\u00a1]/
const ASCII_LETTER = /[A-Za-z]/

/**
 * How much decoded text reads like prose, judged on its non-ASCII characters by their ASCII neighbours:
 * an accented small letter inside a word, a curly quote, a dash or a no-break space count for it; a
 * capital inside a small-letter word, an opening quote or a symbol wedged between letters, a control
 * character count against it.
 */
export function proseScore(text: string): number {
  let score = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    const char = text[i]!
    const before = text[i - 1] ?? ' '
    const after = text[i + 1] ?? ' '
    const betweenLetters = ASCII_LETTER.test(before) && ASCII_LETTER.test(after)
    if (code < 0xa0 || /\p{Cc}|\p{Co}|\p{Cn}/u.test(char)) score -= 2
    else if (char === '\u2019') score += 1
    else if (TYPOGRAPHY.test(char)) score += betweenLetters && char !== '\u2014' && char !== '\u2013' ? -1 : 1
    else if (/\p{Ll}/u.test(char)) score += ASCII_LETTER.test(before) || ASCII_LETTER.test(after) ? 1 : 0
    else if (/\p{Lu}/u.test(char)) score += /[a-z]/.test(before) ? -1 : 0
    else if (betweenLetters) score -= 1
  }
  return score
}

/**
 * True when the file is UTF-8 with a few stray bytes: it has well-formed multi-byte characters, at least as
 * many as bytes that are not UTF-8 (a legacy file makes one now and then by coincidence).
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let characters = 0
  let strays = 0
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceLength(bytes, i)
    if (length > 1) characters++
    else if (length === 0) strays++
    i += Math.max(length, 1)
  }
  return characters > 0 && characters >= strays
}

function decodeMixed(bytes: Uint8Array): Omit<DecodedText, 'bom'> {
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })
  const parts: string[] = []
  let runStart = 0
  let i = 0
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i)
    if (length > 0) {
      i += length
      continue
    }
    if (runStart < i) parts.push(utf8.decode(bytes.subarray(runStart, i)))
    parts.push(cp1252Char(bytes[i]!))
    i++
    runStart = i
  }
  if (runStart < bytes.length) parts.push(utf8.decode(bytes.subarray(runStart)))
  return { text: parts.join(''), encoding: 'utf-8+windows-1252' }
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!
  if (b0 < 0x80) return 1
  let length: number
  let low = 0x80
  let high = 0xbf
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3
    if (b0 === 0xe0) low = 0xa0
    if (b0 === 0xed) high = 0x9f
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4
    if (b0 === 0xf0) low = 0x90
    if (b0 === 0xf4) high = 0x8f
  } else return 0
  if (i + length > bytes.length) return 0
  const b1 = bytes[i + 1]!
  if (b1 < low || b1 > high) return 0
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0
  return length
}

/** UTF-16 without a BOM shows up as a zero byte beside almost every ASCII letter. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1
  if (sample < 8) return null
  let zeroEven = 0
  let zeroOdd = 0
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const pairs = sample / 2
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le'
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be'
  return null
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}
