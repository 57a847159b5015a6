// Reads a Markdown story: the Markdown reduced to plain text, read with the front matter's header (authoritative).
import type { Header } from './header'
import { readPlainText, type ReadStory } from './plain-text'

/** A `# Heading` before any text is the title when the front matter has none. Footnotes are the author's notes. */
export function readMarkdown(text: string, header?: Header): ReadStory {
  const { title, lines: plain, footnotes } = markdownToPlainText(text.split('\n'))
  const story = readPlainText(plain.join('\n'), 'soft', header)
  if (title && story.header.fields.title === undefined) story.header.fields.title = title
  story.notes.push(...footnotes)
  return story
}

// A footnote definition, `[^label]: text`, continued by indented lines.
const FOOTNOTE = /^\[\^[^\]\s]{1,40}\]:\s?(.*)$/

/**
 * Reduces Markdown to the text a reader sees: emphasis, links, images and inline HTML dropped,
 * headings kept as lines. Scene breaks (`***`, `---`) stay, as separators.
 */
export function markdownToPlainText(lines: string[]): { title: string | null; lines: string[]; footnotes: string[] } {
  let title: string | null = null
  let seenText = false
  let inFence = false
  const out: string[] = []
  const footnotes: string[] = []
  let inFootnote = false
  for (const line of lines) {
    const footnote = inFence ? null : FOOTNOTE.exec(line)
    if (footnote) {
      footnotes.push(inline(footnote[1]!))
      inFootnote = true
      continue
    }
    if (inFootnote && /^(?: {2,}|\t)\S/.test(line)) {
      footnotes[footnotes.length - 1] += ` ${inline(line.trim())}`
      continue
    }
    if (line.trim() !== '') inFootnote = false
    if (/^\s*(?:```|~~~)/.test(line)) {
      inFence = !inFence
      continue
    }
    if (inFence) {
      out.push(line)
      continue
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line.length > 500 ? '' : line)
    if (heading) {
      const text = inline(heading[2]!)
      if (!seenText && title === null && heading[1] === '#') title = text
      else out.push('', text, '')
      continue
    }
    const stripped = inline(line.replace(/^\s{0,3}>\s?/, ''))
    if (stripped.trim() !== '') seenText = true
    out.push(stripped)
  }
  return { title, lines: out, footnotes }
}

function inline(text: string): string {
  // Link text holds no brackets and a link target no parentheses: with them, a line of `![![![…` made every `[`
  // scan to the end of the line (quadratic). A link that has them is left as written.
  return text
    .replace(/\[\^[^\]\s]{1,40}\]/g, '')
    .replace(/!\[[^[\]\n]*\]\([^()\n]*\)/g, '')
    .replace(/\[([^[\]\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^<>\n]{0,200}>/g, '')
    .replace(/(\*\*|__)(?=\S)([^*_\n]+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]+?)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~])/g, '$1')
}
