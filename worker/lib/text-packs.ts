// Text packs: story records (metadata and text), each compressed on its own, packed several to a piece so a large
// archive stays under the static-asset file limit. A response reads a pack only for the stories it shows, and
// decompresses only those stories.
import { ByteReader, ByteWriter, utf8 } from './binary'
import type { StoryRecord } from './story-record'

const PACK_VERSION = 1

/** Packs a list of (short id, gzip-compressed JSON of the record), in short-id order. */
export function encodeTextPack(entries: readonly { shortId: number; blob: Uint8Array }[]): Uint8Array {
  const out = new ByteWriter().varint(PACK_VERSION).varint(entries.length)
  for (const { shortId, blob } of entries) out.varint(shortId).varint(blob.length)
  for (const { blob } of entries) out.raw(blob)
  return out.finish()
}

export class TextPack {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly spans: Map<number, [number, number]>,
  ) {}

  static decode(bytes: Uint8Array): TextPack {
    const reader = new ByteReader(bytes)
    const version = reader.varint()
    if (version !== PACK_VERSION) throw new Error(`text pack version ${version} is not ${PACK_VERSION}`)
    const count = reader.varint()
    const lengths: [number, number][] = []
    for (let i = 0; i < count; i++) lengths.push([reader.varint(), reader.varint()])
    const spans = new Map<number, [number, number]>()
    let at = reader.position
    for (const [shortId, length] of lengths) {
      spans.set(shortId, [at, at + length])
      at += length
    }
    if (at !== bytes.length) throw new Error('text pack: its stories do not fill the pack')
    return new TextPack(bytes, spans)
  }

  get byteLength(): number {
    return this.bytes.byteLength
  }

  shortIds(): number[] {
    return [...this.spans.keys()]
  }

  /** The compressed record of one story, or null when it is not in this pack. */
  blob(shortId: number): Uint8Array | null {
    const span = this.spans.get(shortId)
    return span ? this.bytes.subarray(span[0], span[1]) : null
  }
}

/** Decompresses and parses one record from its pack (gzip, through the platform's DecompressionStream). */
export async function readRecord(blob: Uint8Array): Promise<StoryRecord> {
  const stream = new Blob([blob.slice()]).stream().pipeThrough(new DecompressionStream('gzip'))
  const text = utf8(new Uint8Array(await new Response(stream).arrayBuffer()))
  return JSON.parse(text) as StoryRecord
}
