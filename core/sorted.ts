// Binary searches over ascending arrays (strings compare as JavaScript compares them, by UTF-16 code units).

/** The index of the last element at or before `value`, or -1 when every element is after it. */
export function lastAtOrBefore<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  let low = 0
  let high = sorted.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! <= value) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}

/** The index of the first element at or after `value` (`sorted.length` when every element is before it). */
export function firstAtOrAfter<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  return firstAtOrAfterBy(sorted.length, (i) => sorted[i]!, value)
}

/** The same over `count` elements read by `at` (ascending), for a sequence that is not an array. */
export function firstAtOrAfterBy<T extends string | number>(count: number, at: (i: number) => T, value: T): number {
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    if (at(middle) < value) low = middle + 1
    else high = middle
  }
  return low
}
