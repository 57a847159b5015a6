// Reads an HTML story: AO3's and FanFiction.Net's pages by their markup, any other page as text with a plain-text header.
import { parse, type HTMLElement } from 'node-html-parser'
import { isAo3Work, readAo3Html } from './ao3-html'
import type { Header } from './header'
import { isFfnPage, readFfnPage } from './ffn-html'
import { htmlToText, oneLine } from './html-to-text'
import { readPlainText, type ReadStory } from './plain-text'

export interface HtmlStory extends ReadStory {
  /** The page's own title (`<title>` or the first `<h1>`), for when the text names none. */
  titleFallback: string | null
}

/** @param header what the file's front matter says; it wins over what the page says. */
export function readHtml(html: string, header?: Header): HtmlStory {
  const root = parse(html, { comment: false })
  if (isAo3Work(root)) return { ...readAo3Html(root), titleFallback: null }
  if (isFfnPage(root)) return { ...readFfnPage(root), titleFallback: null }

  const titleFallback = pageTitle(root)
  const body = root.querySelector('body') ?? root
  const story = readPlainText(htmlToText(body), 'detect', header)
  const title = story.header.fields.title === undefined ? titleFallback : null
  // The page heading repeats the title; it is not story text.
  const paragraphs = story.body.split('\n\n')
  if (title && paragraphs[0]?.trim() === title) story.body = paragraphs.slice(1).join('\n\n')
  return { ...story, titleFallback }
}

/**
 * `<title>` and the first `<h1>`: when one contains the other, the shorter is the story's title
 * (`<title>` often adds the site name); otherwise `<title>`.
 */
function pageTitle(root: HTMLElement): string | null {
  const clean = (text: string | undefined) => oneLine(text) || null
  const title = clean(root.querySelector('title')?.text)
  const h1 = clean(root.querySelector('h1')?.text)
  if (title && h1) return title.includes(h1) ? h1 : h1.includes(title) ? title : title
  return title ?? h1
}
