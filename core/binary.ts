// Little binary reading and writing for the index pieces: unsigned varints, length-prefixed UTF-8 and raw bytes.
// Varints (7 bits a byte) keep posting lists and offsets small; everything else the pieces hold is built from them.

const encoder = new TextEncoder()
// What TextEncoder wrote comes back exactly: a leading U+FEFF is text, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/** Appends to a growing byte buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(1024)
  length = 0

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    let size = this.bytes.length * 2
    while (size < this.length + extra) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  /** An unsigned integer below 2^53, 7 bits a byte, low bits first. */
  varint(value: number): this {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`varint: ${value} is not a whole number of 0 or more`)
    this.reserve(8)
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80
      value = Math.floor(value / 0x80)
    }
    this.bytes[this.length++] = value
    return this
  }

  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
    return this
  }

  /** A string as its UTF-8 byte length, then its bytes. */
  text(value: string): this {
    const bytes = encoder.encode(value)
    return this.varint(bytes.length).raw(bytes)
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length)
  }
}

/** Up to this many bytes, ByteReader.text builds an ASCII string itself. */
const SHORT_TEXT = 24

/** Reads what ByteWriter wrote, from a position that moves forward. */
export class ByteReader {
  position: number

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.position = start
  }

  get done(): boolean {
    return this.position >= this.bytes.length
  }

  varint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      if (this.position >= this.bytes.length) throw new RangeError('varint: the data ends inside a number')
      const byte = this.bytes[this.position++]!
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 0x80
      if (scale > 2 ** 53) throw new RangeError('varint: number too large')
    }
  }

  raw(length: number): Uint8Array {
    if (this.position + length > this.bytes.length) throw new RangeError('raw: the data ends early')
    const out = this.bytes.subarray(this.position, this.position + length)
    this.position += length
    return out
  }

  text(): string {
    const length = this.varint()
    if (length <= SHORT_TEXT) {
      // A short ASCII string (most index terms) is built here: a TextDecoder call costs more than its few characters.
      const end = this.position + length
      let text = ''
      let k = this.position
      for (; k < end && k < this.bytes.length && this.bytes[k]! < 0x80; k++) text += String.fromCharCode(this.bytes[k]!)
      if (k === end) {
        this.position = end
        return text
      }
    }
    return decoder.decode(this.raw(length))
  }
}

/** Decodes UTF-8 bytes. */
export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

/** Encodes a string as UTF-8. */
export function toUtf8(text: string): Uint8Array {
  return encoder.encode(text)
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/**
 * How many leading UTF-16 code units `next` shares with `previous`, for front coding a sorted list: never up to the
 * middle of a surrogate pair, so the rest stored after it is whole text (UTF-8 cannot hold half a pair).
 */
export function sharedPrefix(previous: string, next: string): number {
  const max = Math.min(previous.length, next.length)
  let i = 0
  while (i < max && previous.charCodeAt(i) === next.charCodeAt(i)) i++
  if (i > 0 && i < next.length && isHighSurrogate(next.charCodeAt(i - 1))) i--
  return i
}
