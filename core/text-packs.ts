// Text packs: story records, several to a piece so a large archive stays under the static-asset file limit. Each story
// is its metadata (JSON) and its text in chunks of about 16,000 characters: a response reads a pack only for the
// stories it shows, and a snippet decodes only the chunks it looks at. Nothing is compressed: inflating text cost more
// CPU than anything else a search did (phrase checks read hundreds of stories), and CPU per request is the Free plan's
// tightest limit, while bytes in static assets cost nothing to keep or serve.
import { ByteReader, ByteWriter, isHighSurrogate, toUtf8, utf8 } from './binary'
import type { StoryRecord } from './story-record'
import { mayFoldBeyondAscii } from './text'

const PACK_VERSION = 5
/** Characters of story text per chunk, before moving the cut to the next paragraph break. */
export const CHUNK_CHARS = 16_000

/** A story's record without its text. */
export type StoryMeta = Omit<StoryRecord, 'body'>

/**
 * A story as a phrase check reads it: a record, or (for a story the table marks plain) its metadata with its text as
 * UTF-8 bytes, searched without decoding them.
 */
export type PhraseStory = StoryMeta & { body: string | Uint8Array }

/** A story's metadata, and its text a chunk at a time: what a result row and its snippet read. */
export interface StoryText {
  meta: StoryMeta
  chunkCount: number
  chunk(i: number): string
  /**
   * Whether folding may change a word of chunk i (mayFoldBeyondAscii), worked out once per chunk: text read again and
   * again by snippets is then scanned with ASCII patterns alone.
   */
  mayFold(i: number): boolean
  /** The whole text as UTF-8, not decoded: what a phrase check of a story the table marks plain searches. */
  utf8(): Uint8Array
  /** About how many bytes it holds: its own copy of the story's bytes, the metadata and the chunks read so far. */
  readonly bytes: number
}

/**
 * One story as a pack holds it: its metadata (JSON) and its text chunks, all UTF-8, and its runs of three words
 * (encodeStoryTriples), which rule a phrase out without the text.
 */
export interface PackedStory {
  shortId: number
  meta: Uint8Array
  chunks: Uint8Array[]
  triples: Uint8Array
}

/**
 * Cuts story text into chunks of about CHUNK_CHARS characters, each ending at a paragraph break where there is one
 * within a few thousand characters; joined, the chunks are the text exactly.
 */
export function splitText(text: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = []
  let start = 0
  while (start < text.length) {
    let end = Math.min(text.length, start + size)
    if (end < text.length) {
      const after = text.indexOf('\n\n', end)
      const before = text.lastIndexOf('\n\n', end)
      // A short rest joins this chunk; otherwise the cut moves to a paragraph break nearby, after or before.
      if (text.length - end < size / 4) end = text.length
      else if (after !== -1 && after - end < size / 4) end = after + 2
      else if (before > start + size / 2) end = before + 2
      // Never between the halves of a surrogate pair: each chunk is encoded as UTF-8 on its own.
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end++
    }
    chunks.push(text.slice(start, end))
    start = end
  }
  return chunks
}

export function encodeTextPack(entries: readonly PackedStory[]): Uint8Array {
  const out = new ByteWriter().varint(PACK_VERSION).varint(entries.length)
  for (const { shortId, meta, chunks, triples } of entries) {
    out.varint(shortId).varint(meta.length).varint(chunks.length)
    for (const chunk of chunks) out.varint(chunk.length)
    out.varint(triples.length)
  }
  for (const { meta, chunks, triples } of entries) {
    out.raw(meta)
    for (const chunk of chunks) out.raw(chunk)
    out.raw(triples)
  }
  return out.finish()
}

export class TextPack {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly stories: Map<number, { meta: [number, number]; chunks: [number, number][]; triples: [number, number] }>,
  ) {}

  static decode(bytes: Uint8Array): TextPack {
    const reader = new ByteReader(bytes)
    const version = reader.varint()
    if (version !== PACK_VERSION) throw new Error(`text pack version ${version} is not ${PACK_VERSION}`)
    const count = reader.varint()
    const layout: { shortId: number; lengths: number[] }[] = []
    for (let i = 0; i < count; i++) {
      const shortId = reader.varint()
      const lengths = [reader.varint()]
      for (let c = reader.varint(); c > 0; c--) lengths.push(reader.varint())
      lengths.push(reader.varint())
      layout.push({ shortId, lengths })
    }
    const stories = new Map<number, { meta: [number, number]; chunks: [number, number][]; triples: [number, number] }>()
    let at = reader.position
    for (const { shortId, lengths } of layout) {
      const spans = lengths.map((length): [number, number] => [at, (at += length)])
      stories.set(shortId, { meta: spans[0]!, chunks: spans.slice(1, -1), triples: spans.at(-1)! })
    }
    if (at !== bytes.length) throw new Error('text pack: its stories do not fill the pack')
    return new TextPack(bytes, stories)
  }

  get byteLength(): number {
    return this.bytes.byteLength
  }

  shortIds(): number[] {
    return [...this.stories.keys()]
  }

  /**
   * One story's metadata and text chunks, as bytes, or null when it is not in this pack; `text` is the chunks as one
   * view (a story's chunks lie one after another in its pack).
   */
  story(shortId: number): ReadPackedStory | null {
    const spans = this.stories.get(shortId)
    if (!spans) return null
    const slice = ([start, end]: [number, number]) => this.bytes.subarray(start, end)
    return {
      meta: slice(spans.meta),
      chunks: spans.chunks.map(slice),
      triples: slice(spans.triples),
      text: this.bytes.subarray(spans.meta[1], spans.chunks.at(-1)?.[1] ?? spans.meta[1]),
    }
  }
}

/** A story as a pack gives it back: its parts, and its whole text's bytes at once. */
export type ReadPackedStory = Omit<PackedStory, 'shortId'> & { text: Uint8Array }

/** A story's metadata from its packed form. */
function readMeta(bytes: Uint8Array): StoryMeta {
  return JSON.parse(utf8(bytes)) as StoryMeta
}

/**
 * A story as a phrase check reads it from its pack: its metadata, and its text's UTF-8 where it lies in the pack (a
 * view: nothing should keep it longer than the check).
 */
export function packedPhraseStory(packed: ReadPackedStory): PhraseStory {
  return { ...readMeta(packed.meta), body: packed.text }
}

/**
 * A story's text from its packed form: metadata now, each chunk when first asked (then kept with this object). The
 * story's bytes are copied out of its pack: a text kept in an isolate's cache must not keep its whole pack (many
 * stories) alive after the cache has let the pack go, beyond what the cache counts.
 */
export function storyText(packed: ReadPackedStory): StoryText {
  // In a pack, a story's text follows its metadata (TextPack.story): one copy holds both.
  const metaLength = packed.meta.byteLength
  if (packed.text.buffer !== packed.meta.buffer || packed.text.byteOffset !== packed.meta.byteOffset + metaLength) {
    throw new Error('text pack: a story\'s text does not follow its metadata')
  }
  const own = new Uint8Array(packed.meta.buffer, packed.meta.byteOffset, metaLength + packed.text.byteLength).slice()
  const text = own.subarray(metaLength)
  const chunks = packed.chunks.map((chunk) => {
    const at = metaLength + chunk.byteOffset - packed.text.byteOffset
    return own.subarray(at, at + chunk.byteLength)
  })
  const read: string[] = []
  const folds: boolean[] = []
  let bytes = own.byteLength + 2 * metaLength
  const chunk = (i: number) => {
    if (read[i] === undefined) {
      read[i] = utf8(chunks[i]!)
      bytes += 2 * read[i].length
    }
    return read[i]
  }
  return {
    meta: readMeta(own.subarray(0, metaLength)),
    chunkCount: chunks.length,
    chunk,
    // A chunk as long in characters as in UTF-8 bytes is plain ASCII: no scan needed.
    mayFold: (i) => (folds[i] ??= chunk(i).length !== chunks[i]!.length && mayFoldBeyondAscii(chunk(i))),
    utf8: () => text,
    get bytes() {
      return bytes
    },
  }
}

/** A record's text as chunks, for an index that holds records whole (the benchmarks' baseline). */
export function storyTextOf(record: StoryRecord): StoryText {
  const { body, ...meta } = record
  const chunks = splitText(body)
  return { meta, chunkCount: chunks.length, chunk: (i) => chunks[i]!, mayFold: (i) => mayFoldBeyondAscii(chunks[i]!), utf8: () => toUtf8(body), bytes: 2 * body.length }
}
