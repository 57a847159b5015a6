// Reads the dates story files are written with (`May 17, 2010`, `Jan 21, 2006 19:20`, ISO) into ISO dates.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const YEAR = '(\\d{4})'
const TIME = '(?:\\s*(?:,|at|@)?\\s*(\\d{1,2}):(\\d{2})(?::\\d{2})?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?)?'
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?'
const LEAD = '^(?:(?:posted|published|written|date)(?:\\s+on)?:?\\s+)?' + WEEKDAY

const MONTH_DAY_YEAR = new RegExp(`${LEAD}${MONTH}\\s+${DAY},?\\s+${YEAR}${TIME}$`, 'i')
const DAY_MONTH_YEAR = new RegExp(`${LEAD}${DAY}(?:\\s+of)?\\s+${MONTH},?\\s+${YEAR}${TIME}$`, 'i')
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i
const NUMERIC = new RegExp(`${LEAD}(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})${TIME}$`, 'i')

/**
 * Parses a whole string as a date; null when it is anything else. Gives `YYYY-MM-DD`, or
 * `YYYY-MM-DDTHH:MM` when a time is written. All-number dates are read month first (`05/17/2010`),
 * as the US archives most old stories come from wrote them, unless the first number cannot be a month.
 *
 * @example parseDate('Jan 21, 2006 19:20') // '2006-01-21T19:20'
 */
export function parseDate(text: string): string | null {
  const value = text.trim().replace(/\s+/g, ' ')
  if (value.length > 80) return null
  let m = ISO.exec(value)
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], undefined)
  m = MONTH_DAY_YEAR.exec(value)
  if (m) return build(+m[3]!, monthNumber(m[1]!), +m[2]!, m[4], m[5], m[6])
  m = DAY_MONTH_YEAR.exec(value)
  if (m) return build(+m[3]!, monthNumber(m[2]!), +m[1]!, m[4], m[5], m[6])
  m = NUMERIC.exec(value)
  if (m) {
    const first = +m[1]!
    const second = +m[2]!
    const year = m[3]!.length === 2 ? twoDigitYear(+m[3]!) : +m[3]!
    const [month, day] = first > 12 ? [second, first] : [first, second]
    return build(year, month, day, m[4], m[5], m[6])
  }
  return null
}

/**
 * The latest of dates `parseDate` gave, null when none is known. Their zero-padded form sorts as time runs, and a
 * date-time sorts after the bare date of its day, so the one that says more wins a tie.
 *
 * @example latestDate(['2010-05-17T10:00', '2010-05-17', null]) // '2010-05-17T10:00'
 */
export function latestDate(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>((latest, date) => (date !== null && (latest === null || date > latest) ? date : latest), null)
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '').slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3)] ?? 0
}

// Fan fiction online starts in the 1990s, so a two-digit year is 19xx only from 90 on.
function twoDigitYear(year: number): number {
  return year >= 90 ? 1900 + year : 2000 + year
}

function build(year: number, month: number, day: number, hour?: string, minute?: string, meridiem?: string): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  const date = `${year}-${pad(month)}-${pad(day)}`
  if (hour === undefined || minute === undefined) return date
  let h = +hour
  const min = +minute
  if (meridiem) {
    if (h < 1 || h > 12) return null
    const pm = meridiem.toLowerCase().startsWith('p')
    h = (h % 12) + (pm ? 12 : 0)
  }
  if (h > 23 || min > 59) return null
  return `${date}T${pad(h)}:${pad(min)}`
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
