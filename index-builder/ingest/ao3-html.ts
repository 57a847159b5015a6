// Reads AO3's HTML download: the `dl.tags` block, title, byline, summary and notes blockquotes, and the chapters.
import type { HTMLElement } from 'node-html-parser'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { htmlToText } from './html-to-text'
import { canonicalLabels } from './labels'
import { blocksToBody, textToBlocks } from './paragraphs'
import type { ReadStory } from './plain-text'

/** AO3 downloads (and Calibre exports of them) always carry the tag list. */
export function isAo3Download(root: HTMLElement): boolean {
  return root.querySelector('dl.tags') !== null
}

const SUMMARY_HEADING = /^summary:?$/i
const NOTES_HEADING = /^(?:chapter\s+)?(?:end\s+)?notes:?$/i
// Chapter furniture inside #chapters: headings and the per-chapter summary and notes.
const CHAPTER_FURNITURE = ['.meta', '.notes', '.summary', '.landmark', '.toc-heading', 'h2.heading', 'h3.heading', '#endnotes']

export function readAo3Html(root: HTMLElement): ReadStory {
  const header = emptyHeader()
  readTags(root.querySelector('dl.tags')!, header)

  const title = firstText(root, ['#preface h1', '.meta h1', 'h2.title', 'h1', 'p.message b'])
  if (title) addField(header, 'title', title)
  const authors = root.querySelectorAll('a[rel=author]').map((a) => a.text.trim()).filter(Boolean)
  if (authors.length > 0) addField(header, 'authors', authors)

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

  let storyText = ''
  if (chapters) {
    for (const selector of CHAPTER_FURNITURE) for (const element of chapters.querySelectorAll(selector)) element.remove()
    storyText = htmlToText(chapters)
  } else {
    storyText = root
      .querySelectorAll('.userstuff')
      .filter((element) => element.tagName !== 'BLOCKQUOTE' && !element.closest('.meta, .preface, #preface, #afterword'))
      .map(htmlToText)
      .join('\n\n')
  }
  return { header, body: blocksToBody(textToBlocks(storyText), 'detect'), notes }
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
  const text = dd.text.replace(/\s+/g, ' ').trim()
  if (/^stats$/i.test(label)) return readStats(text, header)
  if (/^series$/i.test(label)) {
    // "Part 2 of Symphony, Part 1 of Other": the first series is the one a reader follows.
    addField(header, 'series', text.split(/,\s*(?=part\s+\d)/i)[0]!)
    return
  }
  const links = dd.querySelectorAll('a').map((a) => a.text.replace(/\s+/g, ' ').trim()).filter(Boolean)
  const values = links.length > 0 ? links : text.split(/\s*,\s*/).filter(Boolean)
  const labels = canonicalLabels(label)
  if (labels.length === 0) addExtra(header, label, values.join(', '))
  for (const canonical of labels) addField(header, canonical, values)
}

function readStats(text: string, header: Header): void {
  for (const m of text.matchAll(/(?<![A-Za-z])([A-Za-z]+):\s*([^\s]+)/g)) {
    const [key, value] = [m[1]!.toLowerCase(), m[2]!]
    if (key === 'published') addField(header, 'date', value)
    else if (key === 'words') addField(header, 'words', value)
    else if (key === 'chapters') addField(header, 'chapters', value)
    else addExtra(header, m[1]!, value)
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
    const text = root.querySelector(selector)?.text.replace(/\s+/g, ' ').trim()
    if (text) return text
  }
  return null
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))]
}
