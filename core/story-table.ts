// The story table: what ranking, filters, facets, sorting and result rows need of every story, as one compact piece.
// Numbers are columns of typed arrays; names (authors, fandoms, ships, characters, tags, warnings, languages, series) are stored
// once each and referenced by number; ids and titles are decoded only for the stories a response shows. Loading it is
// a copy of bytes, not a parse: its cost grows with the archive far more slowly than an index of stored fields did.
import { ByteReader, ByteWriter, toUtf8, utf8 } from './binary'
import { oneSpellingEach } from './fandom-short-names'
import { firstAtOrAfter, firstAtOrAfterBy } from './sorted'
import { RATINGS, type Rating, type StoryRecord, type StorySeries } from './story-record'

const TABLE_VERSION = 4
const NO_DATE = 0xffffffff

/** The multi-valued fields, each a list of names per story (a story's language is a list of one, or none). */
export const VALUE_FIELDS = ['authors', 'fandoms', 'relationships', 'characters', 'tags', 'warnings', 'languages'] as const
export type ValueField = (typeof VALUE_FIELDS)[number]

/** One story as the builder hands it to the table: the record's fields the table keeps, and its field lengths. */
export type TableRow = Pick<StoryRecord, 'id' | 'title' | Exclude<ValueField, 'languages'> | 'rating' | 'words' | 'date' | 'updated' | 'complete' | 'series'> & {
  languages: string[]
  /** Chapters in the file: 1 for a story in one piece. */
  chapters: number
  /**
   * No text of the story a search reads (title, names, tags, summary, body) has a character folding may change
   * (mayFoldBeyondAscii): its phrases and snippets are found with ASCII patterns alone, without scanning it first.
   */
  plain: boolean
  /** The story's length in each indexed field, by MiniSearch field id (unique terms, as MiniSearch counts). */
  fieldLengths: number[]
}

/** Orders computed once by the builder, so sorting compares numbers and never depends on the runtime's collation. */
export interface TableOrders {
  /** Short ids in the order of sorting by title (folded, by locale), ties by id. */
  byTitle: number[]
  /** Short ids by first author (none last), ties by id. */
  byAuthor: number[]
}

function column(out: ByteWriter, array: Uint8Array | Int8Array | Uint32Array | Int32Array): void {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  out.varint(bytes.length).raw(bytes)
}

function strings(out: ByteWriter, values: readonly string[]): void {
  const encoded = values.map(toUtf8)
  const offsets = new Uint32Array(values.length + 1)
  for (let i = 0; i < encoded.length; i++) offsets[i + 1] = offsets[i]! + encoded[i]!.length
  out.varint(values.length)
  column(out, offsets)
  const blob = new Uint8Array(offsets[values.length]!)
  encoded.forEach((bytes, i) => blob.set(bytes, offsets[i]!))
  out.varint(blob.length).raw(blob)
}

/**
 * Encodes the table. `rows[i]` is the story with short id i, or null for a free slot (a story removed since the
 * short ids were given out).
 */
export function encodeStoryTable(rows: readonly (TableRow | null)[], fieldCount: number, orders: TableOrders): Uint8Array {
  const n = rows.length
  const live = rows.filter((row): row is TableRow => row !== null)
  const out = new ByteWriter().varint(TABLE_VERSION).varint(n).varint(fieldCount)
  const isLive = new Uint8Array(n)
  const lengths = new Uint32Array(n * fieldCount)
  const rating = new Uint8Array(n)
  const words = new Uint32Array(n)
  const complete = new Int8Array(n).fill(-1)
  // Posted and updated dates share one list, so a filter's bound is found once for both.
  const dates = [...new Set(live.flatMap((row) => [row.date, row.updated]).filter((date): date is string => date !== null))].sort()
  const dateIndex = new Map(dates.map((date, i) => [date, i]))
  const dateRank = new Uint32Array(n).fill(NO_DATE)
  const updatedRank = new Uint32Array(n).fill(NO_DATE)
  const chapters = new Uint32Array(n)
  const plain = new Uint8Array(n)
  rows.forEach((row, i) => {
    if (!row) return
    isLive[i] = 1
    for (let f = 0; f < fieldCount; f++) lengths[i * fieldCount + f] = row.fieldLengths[f] ?? 0
    rating[i] = RATINGS.indexOf(row.rating)
    words[i] = row.words
    if (row.complete !== null) complete[i] = row.complete ? 1 : 0
    if (row.date !== null) dateRank[i] = dateIndex.get(row.date)!
    if (row.updated !== null) updatedRank[i] = dateIndex.get(row.updated)!
    chapters[i] = row.chapters
    plain[i] = row.plain ? 1 : 0
  })
  for (const array of [isLive, lengths, rating, words, complete, dateRank, updatedRank, chapters, plain]) column(out, array)
  strings(out, dates)
  strings(out, rows.map((row) => row?.id ?? ''))
  strings(out, rows.map((row) => row?.title ?? ''))
  const rank = (order: readonly number[]) => {
    const ranks = new Uint32Array(n)
    order.forEach((shortId, position) => (ranks[shortId] = position))
    return ranks
  }
  const byId = rows.flatMap((row, i) => (row ? [i] : [])).sort((a, b) => (rows[a]!.id < rows[b]!.id ? -1 : 1))
  column(out, new Uint32Array(byId))
  column(out, rank(byId))
  column(out, rank(orders.byTitle))
  column(out, rank(orders.byAuthor))
  // A fandom spelled several ways is listed, counted and filtered as one.
  const spelling = oneSpellingEach(live.map((row) => row.fandoms))
  for (const field of VALUE_FIELDS) {
    const byRow = rows.map((row) => (!row ? [] : field === 'fandoms' ? [...new Set(row.fandoms.map((name) => spelling.get(name) ?? name))] : row[field]))
    const names = [...new Set(byRow.flat())].sort(compareNames)
    const ids = new Map(names.map((name, id) => [name, id]))
    const counts = new Uint32Array(names.length)
    const offsets = new Uint32Array(n + 1)
    const items: number[] = []
    byRow.forEach((values, i) => {
      for (const value of values) items.push(ids.get(value)!)
      // Counted once per story, as facets count them.
      for (const value of new Set(values)) counts[ids.get(value)!]!++
      offsets[i + 1] = items.length
    })
    strings(out, names)
    column(out, counts)
    column(out, offsets)
    column(out, new Uint32Array(items))
  }
  const seriesTitles = [...new Set(live.flatMap((row) => (row.series ? [row.series.title] : [])))].sort(compareNames)
  const seriesIndex = new Map(seriesTitles.map((title, i) => [title, i]))
  const series = new Int32Array(n).fill(-1)
  const parts = new Int32Array(n).fill(-1)
  rows.forEach((row, i) => {
    if (!row?.series) return
    series[i] = seriesIndex.get(row.series.title)!
    if (row.series.part !== null) parts[i] = row.series.part
  })
  strings(out, seriesTitles)
  column(out, series)
  column(out, parts)
  return out.finish()
}

/** A list of strings stored as one UTF-8 block and offsets, decoded one at a time. */
class LazyStrings {
  constructor(
    private readonly offsets: Uint32Array,
    private readonly blob: Uint8Array,
  ) {}

  get length(): number {
    return this.offsets.length - 1
  }

  at(i: number): string {
    return utf8(this.blob.subarray(this.offsets[i]!, this.offsets[i + 1]!))
  }

  /**
   * Every string, from one decode of the block: a decoder call per name cost most of a cold isolate's table load (a
   * few thousand names). Byte offsets become UTF-16 offsets in one pass: a UTF-8 sequence is one unit, two for four
   * bytes (outside the BMP).
   */
  all(): string[] {
    const { offsets, blob } = this
    const text = utf8(blob)
    const out = new Array<string>(this.length)
    // All ASCII (as long in characters as in bytes): the offsets are the characters', no pass over the bytes needed
    // (on a cold isolate that pass cost about 1.5 ms of the table's 3–5 ms load at 5,000 stories).
    if (text.length === blob.length) {
      for (let i = 0; i < out.length; i++) out[i] = text.slice(offsets[i]!, offsets[i + 1]!)
      return out
    }
    let byte = 0
    let unit = 0
    const unitAt = (target: number) => {
      for (; byte < target; byte++) {
        const lead = blob[byte]!
        if ((lead & 0xc0) !== 0x80) unit += lead >= 0xf0 ? 2 : 1
      }
      return unit
    }
    let start = unitAt(offsets[0]!)
    for (let i = 0; i < out.length; i++) {
      const end = unitAt(offsets[i + 1]!)
      out[i] = text.slice(start, end)
      start = end
    }
    // Bytes that are not UTF-8 (a damaged table) decode to other lengths: then each name on its own, as before.
    return start === text.length ? out : Array.from({ length: this.length }, (_, i) => this.at(i))
  }
}

// One collator for every comparison: localeCompare with options makes a new one each time, 40 times slower. Made on
// first use: only the builder compares names, and making one costs about 10 ms (ICU's data), which every new isolate
// loading this module would pay.
let byName: Intl.Collator | undefined

/**
 * The order names are listed in (facets' ties, suggestions, browsing): by name, case and accents aside, then as
 * written. The table stores names in it, so a name's index is its place and the Worker never compares two names.
 */
function compareNames(a: string, b: string): number {
  byName ??= new Intl.Collator('en', { sensitivity: 'base' })
  return byName.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The names of one multi-valued field and which stories have them. */
export interface ValueColumn {
  /** Every distinct name, in name order (compareNames): comparing two names' indexes compares the names. */
  names: string[]
  /** Stories with each name (each story counted once). */
  counts: Uint32Array
  /** Story i's names are items[offsets[i]..offsets[i+1]], as indexes into `names`, in the story's own order. */
  offsets: Uint32Array
  items: Uint32Array
}

export class StoryTable {
  /** Short ids given out, free slots included: every array here has this many entries. */
  readonly slots: number
  /** Stories in the archive. */
  readonly count: number
  readonly fieldCount: number
  readonly live: Uint8Array
  readonly fieldLengthData: Uint32Array
  readonly ratings: Uint8Array
  readonly words: Uint32Array
  readonly completes: Int8Array
  /** Position of each story's date among `dates`, or NO_DATE. */
  readonly dateRank: Uint32Array
  /** Position of each story's last update among `dates`, or NO_DATE. */
  readonly updatedRank: Uint32Array
  /** Chapters in each story (1 for a story in one piece). */
  readonly chapters: Uint32Array
  /** 1 for a story whose text folding leaves as it is but for case (TableRow's `plain`). */
  readonly plain: Uint8Array
  /** Every distinct date, posted or updated, ascending. */
  readonly dates: string[]
  /** Short ids in id order; and each story's position in it (the tie-breaker of every sort). */
  readonly byId: Uint32Array
  readonly idRank: Uint32Array
  readonly titleRank: Uint32Array
  readonly authorRank: Uint32Array
  readonly values: Record<ValueField, ValueColumn>
  readonly seriesTitles: string[]
  readonly seriesOf: Int32Array
  readonly seriesPart: Int32Array
  private readonly ids: LazyStrings
  private readonly titles: LazyStrings
  private readonly lengthRows: (Uint32Array | undefined)[]

  private constructor(reader: ByteReader) {
    const version = reader.varint()
    if (version !== TABLE_VERSION) throw new Error(`story table version ${version} is not ${TABLE_VERSION}`)
    const n = (this.slots = reader.varint())
    this.fieldCount = reader.varint()
    const copy = (): Uint8Array => reader.raw(reader.varint()).slice()
    const u32 = () => new Uint32Array(copy().buffer)
    const i32 = () => new Int32Array(copy().buffer)
    const lazy = () => {
      reader.varint()
      const offsets = u32()
      const blob = reader.raw(reader.varint()).slice()
      return new LazyStrings(offsets, blob)
    }
    this.live = copy()
    this.fieldLengthData = u32()
    this.ratings = copy()
    this.words = u32()
    this.completes = new Int8Array(copy().buffer)
    this.dateRank = u32()
    this.updatedRank = u32()
    this.chapters = u32()
    this.plain = copy()
    this.dates = lazy().all()
    this.ids = lazy()
    this.titles = lazy()
    this.byId = u32()
    this.idRank = u32()
    this.titleRank = u32()
    this.authorRank = u32()
    const values = {} as Record<ValueField, ValueColumn>
    for (const field of VALUE_FIELDS) values[field] = { names: lazy().all(), counts: u32(), offsets: u32(), items: u32() }
    this.values = values
    this.seriesTitles = lazy().all()
    this.seriesOf = i32()
    this.seriesPart = i32()
    if (!reader.done) throw new Error('story table: bytes left over')
    if (this.live.length !== n || this.fieldLengthData.length !== n * this.fieldCount || this.words.length !== n) throw new Error('story table: columns of unequal length')
    this.count = this.byId.length
    this.lengthRows = new Array(n)
  }

  static decode(bytes: Uint8Array): StoryTable {
    return new StoryTable(new ByteReader(bytes))
  }

  isLive(i: number): boolean {
    return i >= 0 && i < this.slots && this.live[i] === 1
  }

  id(i: number): string {
    return this.ids.at(i)
  }

  title(i: number): string {
    return this.titles.at(i)
  }

  rating(i: number): Rating {
    return RATINGS[this.ratings[i]!]!
  }

  date(i: number): string | null {
    const rank = this.dateRank[i]!
    return rank === NO_DATE ? null : this.dates[rank]!
  }

  updated(i: number): string | null {
    const rank = this.updatedRank[i]!
    return rank === NO_DATE ? null : this.dates[rank]!
  }

  complete(i: number): boolean | null {
    const value = this.completes[i]!
    return value === -1 ? null : value === 1
  }

  names(field: ValueField, i: number): string[] {
    const column = this.values[field]
    const out: string[] = []
    for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++) out.push(column.names[column.items[k]!]!)
    return out
  }

  series(i: number): StorySeries | null {
    const title = this.seriesOf[i]!
    if (title === -1) return null
    const part = this.seriesPart[i]!
    return { title: this.seriesTitles[title]!, part: part === -1 ? null : part }
  }

  /** The story's length in each field, as MiniSearch's scorer reads it. */
  fieldLengths(i: number): Uint32Array {
    return (this.lengthRows[i] ??= this.fieldLengthData.subarray(i * this.fieldCount, (i + 1) * this.fieldCount))
  }

  /** The short id of the story with this id, or -1. */
  shortIdOf(id: string): number {
    const at = firstAtOrAfterBy(this.byId.length, (i) => this.id(this.byId[i]!), id)
    return at < this.byId.length && this.id(this.byId[at]!) === id ? this.byId[at]! : -1
  }

  /** Every slot as the builder gave it (null for a free slot): what an incremental build patches and encodes again. */
  rows(): (TableRow | null)[] {
    return Array.from({ length: this.slots }, (_, i) =>
      this.isLive(i)
        ? {
            id: this.id(i),
            title: this.title(i),
            authors: this.names('authors', i),
            fandoms: this.names('fandoms', i),
            relationships: this.names('relationships', i),
            characters: this.names('characters', i),
            tags: this.names('tags', i),
            languages: this.names('languages', i),
            warnings: this.names('warnings', i),
            rating: this.rating(i),
            words: this.words[i]!,
            date: this.date(i),
            updated: this.updated(i),
            chapters: this.chapters[i]!,
            plain: this.plain[i] === 1,
            complete: this.complete(i),
            series: this.series(i),
            fieldLengths: [...this.fieldLengths(i)],
          }
        : null,
    )
  }

  /** The first position in `dates` at or after `date` (dates compare as strings, so `2008` comes before `2008-05`). */
  dateBound(date: string): number {
    return firstAtOrAfter(this.dates, date)
  }
}

export { NO_DATE }
