// Reads a FanFiction.Net story page saved from the site, current layout (`#profile_top`) or the 2000s one:
// title, author, the `Rated:` line, fandom from the category links, summary, and the chapter text alone.
import type { HTMLElement } from 'node-html-parser'
import { parseDate } from './dates'
import { parseFfnLine } from './ffn-line'
import { addExtra, addField, emptyHeader } from './header'
import { htmlToText, oneLine } from './html-to-text'
import { addFfnFields } from './plain-text-headers'
import { readPlainText, type ReadStory } from './plain-text'

// Category links: `/book/Harry-Potter/`, `/tv/Stargate_Atlantis/`, and crossovers `/Harry-Potter-and-Naruto-Crossovers/224/1402/`.
const CATEGORY_LINK = /^(?:https?:\/\/[^/]*fanfiction\.net)?\/(?:anime|book|cartoon|comic|game|misc|movie|play|tv)\/[^/]+\/?$/i
const CROSSOVER_LINK = /-Crossovers\/\d+\/\d+\/?$/i
const RATED = /\bRated: {0,3}(?:Fiction {1,3})?(?:K\+?|T|M|MA) {1,3}- /

/** A FanFiction.Net page: the story text in `#storytext` and a rating linked to FictionRatings or the site's own address. */
export function isFfnPage(root: HTMLElement): boolean {
  if (!root.querySelector('#storytext')) return false
  return root.querySelector('#profile_top') !== null || /fictionratings\.com|fanfiction\.net/i.test(root.querySelector('head')?.toString() ?? '') ||
    root.querySelectorAll('a').some((a) => /fictionratings\.com/i.test(a.getAttribute('href') ?? ''))
}

export function readFfnPage(root: HTMLElement): ReadStory {
  const header = emptyHeader('FanFiction.Net page (profile box and Rated: line)')
  const profile = root.querySelector('#profile_top')
  const pageTitle = readPageTitle(oneLine(root.querySelector('title')?.text))

  const title = oneLine(profile?.querySelector('b')?.text) || pageTitle?.title
  if (title) addField(header, 'title', title)
  const author = (profile ?? root).querySelectorAll('a').find((a) => /^(?:https?:\/\/[^/]*)?\/u\/\d+\//.test(a.getAttribute('href') ?? ''))
  if (author && oneLine(author.text)) addField(header, 'authors', oneLine(author.text))

  const fandoms = categoryFandoms(root)
  if (fandoms.length > 0) addField(header, 'fandoms', fandoms)
  else if (pageTitle?.fandom) addField(header, 'fandoms', pageTitle.fandom)

  const summary = oneLine(profile?.querySelectorAll('div').find((div) => !div.querySelector('div, span, a') && oneLine(div.text) !== '')?.text) ||
    scriptSummary(root) || withoutDescriptionPrefix(oneLine(root.querySelector('meta[name=description]')?.getAttribute('content')))
  if (summary) addField(header, 'summary', summary)

  // A page is one chapter of the story: which one, from the chapter menu.
  const chapter = root.querySelectorAll('select').find((select) => /chap/i.test(`${select.id} ${select.getAttribute('title') ?? ''}`))
  const options = chapter?.querySelectorAll('option') ?? []
  const current = options.find((option) => option.hasAttribute('selected'))
  if (current && options.length > 1) addExtra(header, 'Chapter', `${oneLine(current.text)} (of ${options.length})`)
  const storyText = root.querySelector('#storytext')!
  storyText.remove()
  writeOutRecentDates(root)
  // The `Rated:` line, in the page's text once scripts and the story are gone; old pages run it on from the
  // author's box, so it is looked for inside lines too.
  for (const line of htmlToText(root).split('\n')) {
    const at = line.search(RATED)
    const ffn = at < 0 ? null : parseFfnLine(line.slice(at))
    if (ffn) {
      addFfnFields(header, ffn)
      // The page says "Complete" only of a finished story.
      if (!ffn.complete) addField(header, 'status', 'In Progress')
      break
    }
  }
  // The story text may open with the author's own header (title, disclaimer, notes); the page's header wins.
  return readPlainText(htmlToText(storyText), 'detect', header)
}

/**
 * A page saved within a year of a date shows it without the year ("Nov 3") or as "2h ago"; the span around it
 * holds the moment itself (`data-xutime`, seconds since 1970), written out here as the UTC day so the date is read.
 */
function writeOutRecentDates(root: HTMLElement): void {
  for (const span of root.querySelectorAll('span[data-xutime]')) {
    const seconds = span.getAttribute('data-xutime') ?? ''
    if (parseDate(span.text) === null && /^\d{9,10}$/.test(seconds)) span.set_content(new Date(Number(seconds) * 1000).toISOString().slice(0, 10))
  }
}

function categoryFandoms(root: HTMLElement): string[] {
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? ''
    if (CROSSOVER_LINK.test(href)) return oneLine(a.text).replace(/ Crossover$/i, '').split(' + ').filter(Boolean)
  }
  const links = root.querySelectorAll('a').filter((a) => CATEGORY_LINK.test(a.getAttribute('href') ?? ''))
  const last = links.at(-1)
  return last && oneLine(last.text) ? [oneLine(last.text)] : []
}

// The 2000s layout shows no summary; its page script holds it (`var summary = '...'`).
function scriptSummary(root: HTMLElement): string {
  for (const script of root.querySelectorAll('script')) {
    const m = /\bvar summary = '((?:[^'\\\n]|\\.)*)'/.exec(script.text)
    if (m) return oneLine(m[1]!.replace(/\\(.)/g, '$1'))
  }
  return ''
}

/** The description opens "Chapter 1 of a Stargate: Atlantis - Adventure fanfiction with characters Rodney M. & John S.. A very…". */
function withoutDescriptionPrefix(text: string): string {
  if (!/^Chapter \d{1,4} of an? /.test(text)) return text
  const at = text.indexOf(' fanfiction')
  if (at < 0) return text
  const rest = text.slice(at)
  const stop = rest.search(/\. \p{Lu}/u)
  return stop < 0 ? text : rest.slice(stop + 2)
}

/**
 * The page's `<title>`: "Stuck! Chapter 1: A Scowl, a Stargate: Atlantis fanfic - FanFiction.Net" or
 * "Calculation, a harry potter fanfic | FanFiction" → the story's title and the fandom.
 */
function readPageTitle(text: string): { title: string; fandom: string } | null {
  const end = text.toLowerCase().lastIndexOf(' fanfic ')
  if (end < 0 || !/^ fanfic (?:-|\|) fanfiction(?:\.net)?$/i.test(text.slice(end))) return null
  const head = text.slice(0, end)
  const article = Math.max(head.lastIndexOf(', a '), head.lastIndexOf(', an '))
  if (article <= 0) return null
  const fandom = head.slice(article).replace(/^, an? /, '')
  let title = head.slice(0, article)
  const chapter = title.search(/ Chapter \d/)
  if (chapter > 0) title = title.slice(0, chapter)
  return { title, fandom }
}

