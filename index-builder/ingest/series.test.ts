import { describe, expect, it } from 'vitest'
import { parsePartNumber, resolveSeries, seriesFromTitle } from './series'

describe('seriesFromTitle', () => {
  it.each([
    ['Symphony, Part V', { title: 'Symphony', part: 5 }],
    ['Symphony (Part 2)', { title: 'Symphony', part: 2 }],
    ['Winter - Chapter Three', { title: 'Winter', part: 3 }],
    ['Healing', null],
    ['The Last Chapter Ever', null],
    ['Chapter One', null],
  ])('reads %j as %j', (title, series) => {
    expect(seriesFromTitle(title)).toEqual(series)
  })
})

describe('parsePartNumber', () => {
  it.each([['5', 5], ['V', 5], ['xiv', 14], ['five', 5], ['3 of 7', 3], ['many', null]])('reads %j as %j', (text, part) => {
    expect(parsePartNumber(text)).toBe(part)
  })
})

describe('resolveSeries', () => {
  it.each([
    [{ series: 'Part 2 of Watchtower Nights' }, { title: 'Watchtower Nights', part: 2 }],
    [{ series: 'Yellow Sun', part: '3 of 7' }, { title: 'Yellow Sun', part: 3 }],
    [{ series: 'Yellow Sun #4' }, { title: 'Yellow Sun', part: 4 }],
    [{ series: 'Seasons', title: 'Seasons, Part II' }, { title: 'Seasons', part: 2 }],
    [{ series: 'Seasons' }, { title: 'Seasons', part: null }],
    [{ title: 'Symphony, Part V' }, { title: 'Symphony', part: 5 }],
    [{ title: 'Healing' }, null],
  ])('reads %j as %j', (fields, series) => {
    expect(resolveSeries(fields)).toEqual(series)
  })
})
