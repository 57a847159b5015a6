// Archive-wide ranking statistics for a shard: BM25 scores computed in one shard equal those of one index over the archive.
import type MiniSearch from 'minisearch'

/**
 * What a shard's index needs from the whole archive to score like one index. The document count and mean field lengths
 * are written into the serialized index itself; per-term document counts are kept here, for the terms whose count
 * across the archive differs from the shard's own (a term found in one shard only needs nothing).
 */
export interface ArchiveStats {
  documentCount: number
  averageFieldLength: number[]
  /** term → [fieldId, documents with the term in that field, fieldId, documents, ...] over the whole archive. */
  termDocumentCounts: Record<string, number[]>
}

/**
 * A posting list whose `size` is the archive's document count for its term, not the shard's: MiniSearch's BM25 takes the
 * term's document frequency from the size of the posting list it scores (`termResults`), and nothing else a read-only
 * shard does reads that size.
 */
class ArchivePostings extends Map<number, number> {
  declare archiveSize: number
  override get size(): number {
    return this.archiveSize
  }
}

type PostingIndex = { get(term: string): Map<number, Map<number, number>> | undefined }

/** Makes a loaded shard index score with archive-wide term document counts. Returns how many posting lists changed. */
export function applyArchiveTermCounts(search: MiniSearch<unknown>, counts: Record<string, number[]>): number {
  const index = (search as unknown as { _index: PostingIndex })._index
  let changed = 0
  for (const term in counts) {
    const fields = index.get(term)
    if (!fields) continue
    const pairs = counts[term]!
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const postings = fields.get(pairs[i]!)
      if (!postings) continue
      // Re-typed in place rather than copied: a shard's index is large and this runs once per isolate.
      Object.setPrototypeOf(postings, ArchivePostings.prototype)
      ;(postings as ArchivePostings).archiveSize = pairs[i + 1]!
      changed++
    }
  }
  return changed
}
