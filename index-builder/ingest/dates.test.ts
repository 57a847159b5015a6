import { describe, expect, it } from 'vitest'
import { latestDate, parseDate } from './dates'

describe('parseDate', () => {
  it.each([
    ['May 17, 2010', '2010-05-17'],
    ['Jan 21, 2006 19:20', '2006-01-21T19:20'],
    ['January 21st, 2006', '2006-01-21'],
    ['Sept. 3, 2004', '2004-09-03'],
    ['Saturday, January 21, 2006 at 7:20 pm', '2006-01-21T19:20'],
    ['21 January 2006', '2006-01-21'],
    ['21st of Jan 2006', '2006-01-21'],
    ['2010-05-17', '2010-05-17'],
    ['2006-01-21T19:20:00Z', '2006-01-21T19:20'],
    ['2006-01-21 19:20', '2006-01-21T19:20'],
    ['5/3/2010', '2010-05-03'],
    ['17/05/2010', '2010-05-17'],
    ['12/25/99', '1999-12-25'],
    ['Posted on May 17, 2010', '2010-05-17'],
    ['Dec 12 2001 12:05 AM', '2001-12-12T00:05'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso)
  })

  it.each(['February 30, 2010', 'May 2010 was a good month', 'She said: May 17, 2010', '2010-13-01', 'Healing', '', '25:99 May 1, 2001'])(
    'returns null for %j, which is not a whole valid date',
    (text) => {
      expect(parseDate(text)).toBeNull()
    },
  )
})

describe('latestDate', () => {
  it.each([
    [['2010-05-17', '2011-02-03'], '2011-02-03'],
    [['2011-02-03', '2010-05-17'], '2011-02-03'],
    [['2010-05-17T10:00', '2010-05-17'], '2010-05-17T10:00'],
    [['2010-05-17T10:00', '2010-05-17T09:30'], '2010-05-17T10:00'],
    [['2010-05-17', '2010-05-18T00:05'], '2010-05-18T00:05'],
    [[null, '2010-05-17'], '2010-05-17'],
    [[null, null], null],
    [[], null],
  ])('takes the latest of %j: %s', (dates, latest) => {
    expect(latestDate(dates)).toBe(latest)
  })
})
