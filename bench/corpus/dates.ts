// Story dates: spread over 2001–2024 with more stories in later years, written the ways archives write them.

import type { Random } from './random'

export interface StoryDate {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export const FIRST_YEAR = 2001
export const LAST_YEAR = 2024
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A date in [fromYear, 2024]; year weights rise linearly (2024 weighs about 3.8 times 2001). */
export function sampleDate(rng: Random, fromYear = FIRST_YEAR): StoryDate {
  let total = 0
  for (let y = fromYear; y <= LAST_YEAR; y++) total += yearWeight(y)
  let u = rng.next() * total
  let year = LAST_YEAR
  for (let y = fromYear; y <= LAST_YEAR; y++) {
    u -= yearWeight(y)
    if (u < 0) {
      year = y
      break
    }
  }
  const month = rng.between(1, 12)
  const leap = year % 4 === 0 && month === 2 ? 1 : 0
  return { year, month, day: rng.between(1, DAYS_IN_MONTH[month - 1]! + leap), hour: rng.int(24), minute: rng.int(60) }
}

function yearWeight(year: number): number {
  return 1 + 0.12 * (year - FIRST_YEAR)
}

/** A later date in the same or following year, for "Updated:" lines. */
export function laterDate(rng: Random, date: StoryDate): StoryDate {
  const year = Math.min(LAST_YEAR, date.year + rng.int(2))
  const month = year > date.year ? rng.between(1, 12) : rng.between(date.month, 12)
  const day = year === date.year && month === date.month ? rng.between(date.day, 28) : rng.between(1, 28)
  return { ...date, year, month, day }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `2010-05-17` */
export const isoDate = (d: StoryDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`
/** `May 17, 2010` */
export const longDate = (d: StoryDate) => `${MONTHS[d.month - 1]} ${d.day}, ${d.year}`
/** `Jan 21, 2006 19:20`, as LiveJournal entries show it. */
export const journalDate = (d: StoryDate) => `${MONTHS[d.month - 1]!.slice(0, 3)} ${d.day}, ${d.year} ${pad(d.hour)}:${pad(d.minute)}`
/** `5/17/2010`, as FanFiction.Net shows it. */
export const usDate = (d: StoryDate) => `${d.month}/${d.day}/${d.year}`
/** `17 May 2010` */
export const dayMonthYear = (d: StoryDate) => `${d.day} ${MONTHS[d.month - 1]} ${d.year}`
