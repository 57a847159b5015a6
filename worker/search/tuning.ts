// The ranking's knobs in one place, each with what it does; the values are the ones the relevance experiments chose
// (`npm run eval -- --experiments`, BENCHMARKS.md). Those experiments set other values for a run, through
// withTuning; nothing else changes them.

export interface SearchTuning {
  /** A stemmed match (`kissed` for `kissing`) counts this much of an exact one. */
  stemWeight: number
  /** Typo tolerance: words of this many letters or more may be one edit off. */
  fuzzyMinLength: number
  /** Edits a typo-tolerant word may be off below `fuzzyLongFrom` letters. */
  fuzzyShort: number
  /** Edits a typo-tolerant word may be off from `fuzzyLongFrom` letters on. */
  fuzzyLong: number
  fuzzyLongFrom: number
  /** Typed words that stand together in a story, as a pair, add their pair's score times this to the story's. */
  proximityWeight: number
  /** What a completion of the word being typed counts when the archive has the typed word itself (MiniSearch's own weight is 0.375). */
  completionWeight: number
}

const CHOSEN: SearchTuning = { stemWeight: 0.5, fuzzyMinLength: 4, fuzzyShort: 1, fuzzyLong: 2, fuzzyLongFrom: 8, proximityWeight: 4, completionWeight: 0.2 }

/** The values searches use. */
export const TUNING: Readonly<SearchTuning> = { ...CHOSEN }

/** The values the Worker ships with, whatever a running experiment has set. */
export const CHOSEN_TUNING: Readonly<SearchTuning> = CHOSEN

/**
 * Runs `run` with other values, then puts the chosen ones back: for the relevance experiments, which compare settings
 * on the same index in one process. Runs must not overlap.
 */
export async function withTuning<T>(tuning: SearchTuning, run: () => Promise<T>): Promise<T> {
  Object.assign(TUNING, tuning)
  try {
    return await run()
  } finally {
    Object.assign(TUNING, CHOSEN)
  }
}
