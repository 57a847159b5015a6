// Turns a story file's bytes into text: BOMs, UTF-16, and old Windows-1252 files read without U+FFFD.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'utf-8+windows-1252'

export interface DecodedText {
  text: string
  encoding: Encoding
  /** True when the first bytes were a byte-order mark (dropped from `text`). */
  bom: boolean
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]

// Windows-1252's characters for bytes 0x80–0x9F; 0xA0–0xFF are the same code points as Latin-1.
// Spelled out because Node's TextDecoder('windows-1252') decodes these bytes as Latin-1 C1 controls,
// which would turn every curly quote into an invisible control character. The five bytes the code
// page leaves undefined keep their C1 control, so they count as "not text" later.
const CP1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
]

function cp1252Char(byte: number): string {
  return String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? CP1252_C1[byte - 0x80]! : byte)
}

/**
 * Decodes a story file. A BOM decides; without one, UTF-16 is recognised by its zero bytes, then
 * UTF-8 is tried strictly. Bytes that are not valid UTF-8 are read as Windows-1252, one by one, so a
 * mostly-UTF-8 file with a stray `0x92` apostrophe (common after copy-paste in old archives) keeps
 * both its UTF-8 characters and the apostrophe.
 */
export function decodeStoryBytes(bytes: Uint8Array): DecodedText {
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
    return decodeMixed(bytes)
  }
}

function decodeMixed(bytes: Uint8Array): Omit<DecodedText, 'bom'> {
  const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })
  const parts: string[] = []
  let runStart = 0
  let sawMultibyte = false
  let i = 0
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i)
    if (length > 0) {
      if (length > 1) sawMultibyte = true
      i += length
      continue
    }
    if (runStart < i) parts.push(utf8.decode(bytes.subarray(runStart, i)))
    parts.push(cp1252Char(bytes[i]!))
    i++
    runStart = i
  }
  if (runStart < bytes.length) parts.push(utf8.decode(bytes.subarray(runStart)))
  return { text: parts.join(''), encoding: sawMultibyte ? 'utf-8+windows-1252' : 'windows-1252' }
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
