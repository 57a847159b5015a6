// Counts distinct search terms with the index's own tokenizer, so "vocabulary size" means what the index will hold.

import { tokenize } from '../../core/text'

/**
 * An exact set of the terms seen so far. Exact rather than a sketch: even 20,000 stories
 * stay under a million terms (tens of MB), and tests can compare counts without error bars.
 */
export class TermCounter {
  private readonly terms = new Set<string>()
  private readonly seenTokens: Uint8Array

  /** `tokenCount`: how many distinct corpus tokens `addToken` may be given (the model's vocabulary). */
  constructor(tokenCount = 0) {
    this.seenTokens = new Uint8Array(tokenCount)
  }

  add(text: string): void {
    for (const term of tokenize(text)) this.terms.add(term)
  }

  /** Adds an unmodified corpus token; after the first time it costs one array read, not a tokenizer run. */
  addToken(id: number, text: string): void {
    if (this.seenTokens[id] === 1) return
    this.seenTokens[id] = 1
    this.add(text)
  }

  get size(): number {
    return this.terms.size
  }
}
