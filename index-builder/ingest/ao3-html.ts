// Reads AO3's HTML: the download (`dl.tags`) and a work page saved from the site (`dl.work.meta`): tags, title,
// byline, summary and notes blockquotes, and the chapters, without the site's navigation, kudos and comment forms.
import type { HTMLElement } from 'node-html-parser'
import { parseDate } from './dates'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { htmlToText, oneLine } from './html-to-text'
import { canonicalLabels } from './labels'
import { chaptersToBody, textToBlocks, type ChapterBlocks } from './paragraphs'
import type { ReadStory } from './plain-text'

/** AO3 downloads (and Calibre exports of them) carry the tag list as `dl.tags`; the site's work pages as `dl.work.meta`. */
export function isAo3Work(root: HTMLElement): boolean {
  return tagList(root) !== null
}

function tagList(root: HTMLElement): HTMLElement | null {
  return root.querySelector('dl.tags') ?? root.querySelector('dl.work.meta')
}

const SUMMARY_HEADING = /^summary:?$/i
const NOTES_HEADING = /^(?:chapter\s+)?(?:end\s+)?notes:?$/i
// Chapter furniture inside #chapters: headings and the per-chapter summary and notes.
const CHAPTER_FURNITURE = ['.meta', '.notes', '.summary', '.landmark', '.toc-heading', 'h2.heading', 'h3.heading', '#endnotes', '.chapter.preface', '.chapter > h3.title']

export function readAo3Html(root: HTMLElement): ReadStory {
  const header = emptyHeader('AO3 tag list')
  readTags(tagList(root)!, header)

  const title = firstText(root, ['#preface h1', '.meta h1', 'h2.title', 'h1', 'p.message b'])
  if (title) addField(header, 'title', title)
  const authors = root.querySelectorAll('a[rel=author]').map((a) => a.text.trim()).filter(Boolean)
  if (authors.length > 0) addField(header, 'authors', authors)

  header.sources = { title: 'AO3 preface (title heading)', authors: 'AO3 preface (byline)', summary: 'AO3 summary block' }
  const notes: string[] = []
  const summaryBlocks = [
    ...root.querySelectorAll('.summary blockquote, blockquote.summary'),
    ...blockquotesAfter(root, SUMMARY_HEADING),
  ]
  const summary = unique(summaryBlocks.map(htmlToText)).join('\n\n')
  if (summary) addField(header, 'summary', summary)

  const chapters = root.querySelector('#chapters')
  const noteBlocks = [
    ...root.querySelectorAll('.notes blockquote, blockquote.notes, #endnotes blockquote, .end.notes blockquote'),
    ...blockquotesAfter(root, NOTES_HEADING),
  ].sort((a, b) => a.range[0] - b.range[0])
  notes.push(...unique(noteBlocks.map(htmlToText)))

  let groups: ChapterBlocks[]
  if (chapters) {
    const titled = chapterTexts(chapters)
    for (const selector of CHAPTER_FURNITURE) for (const element of chapters.querySelectorAll(selector)) element.remove()
    groups = titled.length > 1
      ? titled.map(({ title, elements }) => ({ title, blocks: textToBlocks(elements.map(htmlToText).join('\n\n')) }))
      : [{ title: null, blocks: textToBlocks(htmlToText(chapters)) }]
  } else {
    const storyText = root
      .querySelectorAll('.userstuff')
      .filter((element) => element.tagName !== 'BLOCKQUOTE' && !element.closest('.meta, .preface, #preface, #afterword'))
      .map(htmlToText)
      .join('\n\n')
    groups = [{ title: null, blocks: textToBlocks(storyText) }]
  }
  const { body, chapters: starts } = chaptersToBody(groups, 'detect')
  return { header, body, chapters: starts, notes }
}

/**
 * Each chapter's title and text: a work page wraps each chapter in `div.chapter` with an `h3.title`; the download puts
 * a `div.meta` with an `h2.heading` (or a heading of its own) before each chapter's `div.userstuff`; other pages write
 * a heading straight into #chapters and the chapter's paragraphs after it, with no element around them.
 */
function chapterTexts(chapters: HTMLElement): { title: string | null; elements: HTMLElement[] }[] {
  const clean = (text: string | undefined) => oneLine(text) || null
  const wrapped = chapters.querySelectorAll('div.chapter').filter((div) => div.querySelector('.userstuff') && !div.classList.contains('preface'))
  if (wrapped.length > 0) {
    return wrapped.map((div) => ({ title: clean(div.querySelector('h3.title')?.text), elements: [div.querySelectorAll('.userstuff').find((u) => u.tagName !== 'BLOCKQUOTE')!] }))
  }
  const children = chapters.childNodes.filter((child): child is HTMLElement => (child as HTMLElement).classList !== undefined)
  const isHeading = (element: HTMLElement) => /^h[1-4]$/i.test(element.rawTagName ?? '')
  const found: { title: string | null; elements: HTMLElement[] }[] = []
  let title: string | null = null
  if (children.some((element) => element.classList.contains('userstuff'))) {
    for (const element of children) {
      if (isHeading(element)) title = clean(element.text)
      else if (element.classList.contains('meta')) title = clean(element.querySelector('h2.heading')?.text) ?? title
      else if (element.classList.contains('userstuff')) {
        found.push({ title, elements: [element] })
        title = null
      }
    }
    return found
  }
  // Headings among the paragraphs: each starts a chapter. Text above the first heading opens the first chapter, so a
  // line of preamble is kept without becoming an untitled chapter of its own.
  const loose: HTMLElement[] = []
  for (const element of children) {
    if (isHeading(element)) found.push({ title: clean(element.text), elements: found.length === 0 ? loose : [] })
    else (found.at(-1)?.elements ?? loose).push(element)
  }
  return found
}

function readTags(dl: HTMLElement, header: Header): void {
  let label: string | null = null
  for (const child of dl.childNodes) {
    const element = child as HTMLElement
    const tag = element.rawTagName?.toLowerCase()
    if (tag === 'dt') label = element.text.replace(/:\s*$/, '').trim()
    else if (tag === 'dd' && label) {
      readTag(label, element, header)
      label = null
    }
  }
}

function readTag(label: string, dd: HTMLElement, header: Header): void {
  const text = oneLine(dd.text)
  if (/^stats$/i.test(label)) return readStats(dd, header)
  if (/^series$/i.test(label)) {
    // "Part 2 of Symphony, Part 1 of Other": the first series is the one a reader follows. A work page
    // puts each in a `.position` beside "Next Work →" links.
    const positioned = dd.querySelector('.position')
    const position = positioned ? oneLine(positioned.text) : undefined
    addField(header, 'series', position ?? text.split(/,\s*(?=part\s+\d)/i)[0]!)
    return
  }
  const links = dd.querySelectorAll('a').map((a) => oneLine(a.text)).filter(Boolean)
  const values = links.length > 0 ? links : text.split(/\s*,\s*/).filter(Boolean)
  const labels = canonicalLabels(label)
  if (labels.length === 0) addExtra(header, label, values.join(', '))
  for (const canonical of labels) addField(header, canonical, values)
}

// The download writes stats as one line ("Published: 2020-03-04 Words: 5,210"); a work page as a nested `dl.stats`.
function readStats(dd: HTMLElement, header: Header): void {
  const nested = dd.querySelector('dl')
  const pairs = nested
    ? nested.querySelectorAll('dt').map((dt) => [dt.text.replace(/:\s*$/, '').trim(), dt.nextElementSibling?.text.trim() ?? ''] as const)
    : [...dd.text.replace(/\s+/g, ' ').matchAll(/(?<![A-Za-z])([A-Za-z]+):\s*([^\s]+)/g)].map((m) => [m[1]!, m[2]!] as const)
  for (const [name, value] of pairs) {
    const key = name.toLowerCase()
    if (key === 'published') addField(header, 'date', value)
    // A finished work shows "Completed: <date>" where a work in progress shows "Updated:".
    else if (key === 'updated' || (key === 'completed' && parseDate(value))) addField(header, 'updated', value)
    else if (key === 'words') addField(header, 'words', value)
    else if (key === 'chapters') addField(header, 'chapters', value)
    else addExtra(header, name, value)
  }
}

// The download writes "<p>Summary</p><blockquote>…"; the heading paragraph names the blockquote.
function blockquotesAfter(root: HTMLElement, heading: RegExp): HTMLElement[] {
  return root
    .querySelectorAll('p, h3, h2')
    .filter((p) => heading.test(p.text.trim()))
    .map((p) => p.nextElementSibling)
    .filter((next): next is HTMLElement => next !== null && next.tagName === 'BLOCKQUOTE')
}

function firstText(root: HTMLElement, selectors: string[]): string | null {
  for (const selector of selectors) {
    const text = oneLine(root.querySelector(selector)?.text)
    if (text) return text
  }
  return null
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))]
}
