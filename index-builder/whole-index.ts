// The baseline the paged index is measured against: one MiniSearch index of the whole archive, loaded at once, as the
// Worker served it before the index was cut into pieces. Kept for the benchmarks and the equality tests, never served.
import type MiniSearch from 'minisearch'
import type { Options, Query, SearchOptions } from 'minisearch'
import { indexStories, pairPostings } from './write-index'
import type { IndexDocument } from '../core/index-contract'
import { widestField, type RawMatch } from '../worker/index/paged-index'
import type { SearchIndex } from '../worker/search/search'
import type { StoryRecord } from '../core/story-record'
import type { StoryTable } from '../core/story-table'
import { isWordTerm } from '../core/text'
import { storyTextOf, type StoryText } from '../core/text-packs'
import { StoryTriples, encodeStoryTriples } from '../core/word-triples'

/**
 * What the whole index takes from a paged build of the same stories: its story table, and where its text packs are, so
 * phrase checks stop where the paged index's do (PackBudget). Without packs a check reads nothing, and never stops.
 */
export type BuildLayout = { table: StoryTable; textPiece?: SearchIndex['textPiece'] }

export class WholeIndex implements SearchIndex {
  readonly table: StoryTable
  private readonly shortIds: Map<string, number>
  private readonly byShortId: Map<number, StoryRecord>
  private readonly triples = new Map<number, StoryTriples>()

  constructor(
    readonly engine: MiniSearch<IndexDocument>,
    private readonly layout: BuildLayout,
    records: readonly StoryRecord[],
  ) {
    const { table } = layout
    this.table = table
    this.shortIds = new Map(records.map((record) => [record.id, table.shortIdOf(record.id)]))
    this.byShortId = new Map(records.map((record) => [table.shortIdOf(record.id), record]))
  }

  /**
   * Indexes `records` whole, so MiniSearch's numbering and running averages are the short ids and statistics of a
   * build of the same stories; `layout` is that build's story table and packs. `options` override the contract's
   * (experiments).
   */
  static build(records: readonly StoryRecord[], layout: BuildLayout, options: Partial<Options<IndexDocument>> = {}, keepWord?: (word: string) => boolean): WholeIndex {
    // In short-id order: MiniSearch's own numbering and running averages are then the table's.
    const { table } = layout
    const ordered = [...records].sort((a, b) => table.shortIdOf(a.id) - table.shortIdOf(b.id))
    const engine = indexStories(ordered, options, keepWord)
    // The pairs of adjacent words, as term pages hold them, under MiniSearch's own numbering (the order added).
    const termMap = (engine as unknown as { _index: { set(term: string, data: Map<number, Map<number, number>>): void } })._index
    for (const { term, fields } of pairPostings(ordered.map((record, i) => ({ shortId: i, record })))) {
      termMap.set(term, new Map(fields.map((field) => [field.fieldId, new Map(Array.from(field.docs, (doc, i) => [doc, field.freqs[i]!]))])))
    }
    return new WholeIndex(engine, layout, ordered)
  }

  async search(query: Query, options: SearchOptions = {}): Promise<{ results: RawMatch[]; warnings: string[] }> {
    const results = this.engine.search(query, options).map((result) => ({ ...result, id: this.shortIds.get(result.id)! }))
    return { results, warnings: [] }
  }

  async storiesWith(terms: readonly string[]): Promise<{ counts: Map<string, number>; warnings: string[] }> {
    return { counts: new Map(terms.map((term) => [term, widestField(this.termMap.get(term))])), warnings: [] }
  }

  async wordsNear(word: string, distance: number): Promise<{ words: Map<string, number>; warnings: string[] }> {
    const words = new Map<string, number>()
    for (const [term, [, d]] of this.termMap.fuzzyGet(word, distance)) if (isWordTerm(term)) words.set(term, d)
    return { words, warnings: [] }
  }

  private get termMap(): { get(term: string): Map<number, Map<number, number>> | undefined; fuzzyGet(term: string, distance: number): Map<string, [unknown, number]> } {
    return (this.engine as unknown as { _index: WholeIndex['termMap'] })._index
  }

  async record(shortId: number): Promise<StoryRecord | null> {
    return this.byShortId.get(shortId) ?? null
  }

  async storyTriples(shortId: number): Promise<StoryTriples | null> {
    const record = this.byShortId.get(shortId)
    if (!record) return null
    // Hashed once per story asked about (phrase candidates), as a pack holds them, not on every check.
    let triples = this.triples.get(shortId)
    if (!triples) this.triples.set(shortId, (triples = new StoryTriples(encodeStoryTriples(record))))
    return triples
  }

  textPiece(shortId: number): { name: string; bytes: number } | null {
    // Every story is held whole; the paged build's pack is named only so that checks stop where its own do.
    return this.layout.textPiece ? this.layout.textPiece(shortId) : null
  }

  async phraseStory(shortId: number): Promise<StoryRecord | null> {
    return this.record(shortId)
  }

  async storyText(shortId: number): Promise<StoryText | null> {
    const record = this.byShortId.get(shortId)
    return record ? storyTextOf(record) : null
  }
}
