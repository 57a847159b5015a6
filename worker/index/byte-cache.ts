// A least-recently-used cache bounded by the bytes its values hold, for the index pieces an isolate has loaded.

export class ByteBudgetCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>()
  private held = 0

  constructor(
    readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get bytes(): number {
    return this.held
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    // Most recently used last: Maps keep insertion order.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V): void {
    const old = this.entries.get(key)
    if (old) {
      this.held -= old.bytes
      this.entries.delete(key)
    }
    const bytes = this.sizeOf(value)
    this.entries.set(key, { value, bytes })
    this.held += bytes
    this.evict(key)
  }

  /** Values grow as they are used (a term page decodes postings lazily): re-measure one and evict if over budget. */
  remeasure(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    const bytes = this.sizeOf(entry.value)
    this.held += bytes - entry.bytes
    entry.bytes = bytes
    this.evict(key)
  }

  /** Drops the least recently used until under budget, never the entry just used (a request still needs it). */
  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.held <= this.budget) return
      if (key === keep) continue
      this.entries.delete(key)
      this.held -= entry.bytes
    }
  }
}
