// What one response may read of the text packs, counted before anything is read: a story's pack and its size are in
// the index directory. Each pack read is a new buffer in the isolate (128 MB in all), and a long story's pack can pass
// a megabyte, so a page of long stories, or a phrase whose candidates are, is bounded in bytes as well as in packs.
import type { SearchIndex } from './search'

/** The most one budget admits: packs, and their bytes. A first pack is admitted whatever its size. */
export interface PackLimits {
  packs: number
  bytes: number
}

/**
 * The text packs a response has admitted so far, up to its limits. A story whose pack is counted already costs
 * nothing more; once a pack would pass a limit, no other pack is admitted (a smaller one after it neither: what is read
 * is a prefix of what was asked). A pack counts though nothing is read for it (kept from an earlier request): the
 * answer depends on the query and the index alone (responses are cached by their URL), never on what an isolate
 * happened to read before.
 */
export class PackBudget {
  private readonly packs = new Set<string>()
  private bytes = 0
  private closed = false

  constructor(
    private readonly index: Pick<SearchIndex, 'textPiece'>,
    private readonly limits: PackLimits,
  ) {}

  /** Whether `shortId`'s pack is counted already (or nothing is read for it): reading it reads no other pack. */
  holds(shortId: number): boolean {
    const pack = this.index.textPiece(shortId)
    return pack === null || this.packs.has(pack.name)
  }

  /** Whether `shortId`'s pack may be read: it is counted already, or no pack was refused and there is room for it. */
  admits(shortId: number): boolean {
    const pack = this.index.textPiece(shortId)
    if (pack === null || this.packs.has(pack.name)) return true
    if (this.closed || (this.packs.size > 0 && (this.packs.size >= this.limits.packs || this.bytes + pack.bytes > this.limits.bytes))) {
      this.closed = true
      return false
    }
    this.packs.add(pack.name)
    this.bytes += pack.bytes
    return true
  }

  /** How many of `shortIds`, from the first, may be read: up to the first whose pack is past a limit. */
  admitted(shortIds: readonly number[]): number {
    for (let i = 0; i < shortIds.length; i++) if (!this.admits(shortIds[i]!)) return i
    return shortIds.length
  }
}

/** Which of `shortIds`, in order, one response may read within `limits`: a fresh budget for them alone. */
export function readableWithin(index: Pick<SearchIndex, 'textPiece'>, shortIds: readonly number[], limits: PackLimits): boolean[] {
  const budget = new PackBudget(index, limits)
  return shortIds.map((shortId) => budget.admits(shortId))
}
