// Reduces HTML to plain text with paragraph breaks; scripts, styles, comments and page furniture dropped.
import { NodeType, type HTMLElement, type Node } from 'node-html-parser'

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul', 'body', 'html',
])
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'embed', 'svg', 'form', 'button', 'select', 'nav', 'title', 'meta', 'link'])

/**
 * Plain text of an element: block elements and `<br><br>` make paragraph breaks (a blank line),
 * one `<br>` a line break, `<hr>` a `---` scene break. Whitespace inside text collapses as a browser
 * would, except in `<pre>`.
 */
export function htmlToText(element: HTMLElement): string {
  const out: string[] = []
  walk(element, out, false)
  return out
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function walk(node: Node, out: string[], pre: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const text = node.text
    out.push(pre ? text : text.replace(/[ \t\r\n\f]+/g, ' '))
    return
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return
  const element = node as HTMLElement
  const tag = element.rawTagName?.toLowerCase() ?? ''
  if (DROPPED.has(tag)) return
  if (tag === 'br') {
    out.push('\n')
    return
  }
  if (tag === 'hr') {
    out.push('\n\n---\n\n')
    return
  }
  const block = BLOCK.has(tag)
  if (block) out.push('\n\n')
  for (const child of element.childNodes) walk(child, out, pre || tag === 'pre')
  if (block) out.push('\n\n')
}

/** Text on one line: whitespace runs made one space, trimmed ('' for nothing). */
export function oneLine(text: string | undefined | null): string {
  return text?.replace(/\s+/g, ' ').trim() ?? ''
}
