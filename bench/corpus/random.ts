// Seeded randomness: every choice the corpus generator makes comes from here, so the same seed gives the same bytes.

/**
 * A small, fast PRNG (sfc32) seeded from a string. `Math.random` is never used: it cannot be seeded,
 * and a benchmark corpus that changes between runs makes timings incomparable.
 *
 * @example
 * const rng = Random.derive('seed-1', 'story', 42)
 * rng.int(6) // the same number on every machine, every run
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a
    this.b = b
    this.c = c
    this.d = d
    // The first outputs of sfc32 still show the seed's structure; discard them.
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A generator for one purpose (`'story', 17`), independent of every other purpose under the same seed. */
  static derive(seed: string, ...labels: (string | number)[]): Random {
    const [a, b, c, d] = hash128([seed, ...labels].join('\u0000'))
    return new Random(a, b, c, d)
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next() // (0, 1]: log(0) would be -Infinity
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /**
   * Number of events to skip before the next one, for an event with the given rate per trial.
   * Lets the prose writer decide "typo here?" once per typo instead of once per word.
   */
  gap(rate: number): number {
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - rate))
  }

  /**
   * An index 0, 1, 2, ... with no upper bound, Zipf-like: P(k) falls off as (k + scale)^-exponent
   * (a continuous Lomax draw, floored). Drawing m times yields about m^(1/exponent) distinct indices
   * (Heaps' law), so a pool of authors or invented words keeps growing, sublinearly, with the archive,
   * without any state. `exponent` must be above 1; `scale` flattens the head (fewer draws of index 0).
   */
  unboundedZipf(exponent: number, scale = 1): number {
    const u = 1 - this.next()
    const k = Math.floor(scale * (Math.pow(u, -1 / (exponent - 1)) - 1))
    return Math.min(k, 2 ** 31)
  }
}

/**
 * Draws indices 0..n-1 with weight 1 / (i + 1)^s: the first item is the most popular, as with
 * fandoms, characters and tags in real archives.
 */
export class ZipfTable {
  private readonly cumulative: Float64Array

  constructor(n: number, s: number) {
    this.cumulative = new Float64Array(n)
    let total = 0
    for (let i = 0; i < n; i++) {
      total += 1 / Math.pow(i + 1, s)
      this.cumulative[i] = total
    }
    for (let i = 0; i < n; i++) this.cumulative[i]! /= total
  }

  draw(rng: Random): number {
    const u = rng.next()
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > u) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

/** Picks a key of `weights` with probability proportional to its value. */
export function weighted<K extends string>(rng: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][]
  let total = 0
  for (const [, w] of entries) total += w
  let u = rng.next() * total
  for (const [key, w] of entries) {
    u -= w
    if (u < 0) return key
  }
  return entries[entries.length - 1]![0]
}

// cyrb128: a quick 128-bit string hash, good enough to spread seeds; not for security.
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}
