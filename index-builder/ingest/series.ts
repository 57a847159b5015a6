// Finds a story's series and part number: from `Series:`/`Part:` fields, AO3's "Part 2 of X", or a title like "Symphony, Part V".
import type { StorySeries } from '../../core/story-record'

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty']
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 }
const PART_NUMBER = '(\\d{1,4}|[ivxlc]{1,8}|[a-z]{3,9})'
const TITLE_WITH_PART = new RegExp(`^(.+?)[\\s,:;(–—-]+(?:part|pt\\.?|chapter|ch\\.|book|volume|vol\\.?)\\s+${PART_NUMBER}(?:\\s+of\\s+\\w+)?\\)?$`, 'i')
const PART_OF_SERIES = new RegExp(`^(?:part|pt\\.?|book)\\s+${PART_NUMBER}\\s+of\\s+(?:the\\s+)?(.+?)(?:\\s+series)?$`, 'i')
const MAX_TITLE_LENGTH = 200

/** Reads `5`, `V`, `five` or `5 of 7` as 5; null when it is not a number. */
export function parsePartNumber(text: string): number | null {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase().replace(/[.,)]$/, '') ?? ''
  if (/^\d{1,4}$/.test(first)) return Number(first)
  const word = NUMBER_WORDS.indexOf(first)
  if (word > 0) return word
  if (/^[ivxlc]{1,8}$/.test(first)) return romanToNumber(first)
  return null
}

/**
 * The series a title names, when it ends in a part number.
 *
 * @example seriesFromTitle('Symphony, Part V') // { title: 'Symphony', part: 5 }
 */
export function seriesFromTitle(title: string): StorySeries | null {
  if (title.length > MAX_TITLE_LENGTH) return null
  const m = TITLE_WITH_PART.exec(title.trim())
  if (!m) return null
  const part = parsePartNumber(m[2]!)
  return part === null ? null : { title: m[1]!.trim(), part }
}

/**
 * Combines what a file says about its series. A `Series:` field wins for the name; the part comes
 * from `Part:`, from the series field (`Part 2 of Symphony`, `Symphony #2`), or from the title.
 */
export function resolveSeries(fields: { series?: string; part?: string; title?: string }): StorySeries | null {
  const fromTitle = fields.title ? seriesFromTitle(fields.title) : null
  const explicitPart = fields.part ? parsePartNumber(fields.part.replace(/^(?:part|chapter)\s+/i, '')) : null
  const seriesText = fields.series?.trim()
  if (seriesText) {
    const partOf = PART_OF_SERIES.exec(seriesText)
    if (partOf) return { title: partOf[2]!.trim(), part: explicitPart ?? parsePartNumber(partOf[1]!) }
    const numbered = /^(.+?)\s*(?:#|,\s*part\s+|\s+part\s+)(\d{1,4})$/i.exec(seriesText.length > MAX_TITLE_LENGTH ? '' : seriesText)
    if (numbered) return { title: numbered[1]!.trim(), part: explicitPart ?? Number(numbered[2]) }
    return { title: seriesText, part: explicitPart ?? fromTitle?.part ?? null }
  }
  if (fromTitle) return { title: fromTitle.title, part: explicitPart ?? fromTitle.part }
  return null
}

function romanToNumber(roman: string): number | null {
  let total = 0
  for (let i = 0; i < roman.length; i++) {
    const value = ROMAN[roman[i]!]!
    const next = ROMAN[roman[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total > 0 ? total : null
}
