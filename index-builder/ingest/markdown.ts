// Reads a Markdown story: YAML front matter (authoritative), then the Markdown reduced to plain text.
import { parse as parseYaml } from 'yaml'
import { addExtra, addField, emptyHeader, type Header } from './header'
import { canonicalLabels } from './labels'
import { readPlainText, type ReadStory } from './plain-text'

const FRONT_MATTER_LIMIT = 200

export interface MarkdownStory extends ReadStory {
  /** Set when the front matter could not be parsed; its lines were read as `Label: value` headers instead. */
  frontMatterError: string | null
}

/**
 * Reads front matter keys through the same label synonyms as plain-text headers (`pairing`,
 * `rated`, ...). A `# Heading` before any text is the title when the front matter has none.
 */
export function readMarkdown(text: string): MarkdownStory {
  const lines = text.split('\n')
  let header: Header | undefined
  let frontMatterError: string | null = null
  let bodyLines = lines
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, i) => i > 0 && i < FRONT_MATTER_LIMIT && /^(?:---|\.\.\.)\s*$/.test(line))
    if (close > 0) {
      const yamlText = lines.slice(1, close).join('\n')
      try {
        header = headerFromFrontMatter(parseYaml(yamlText))
        bodyLines = lines.slice(close + 1)
      } catch (error) {
        frontMatterError = (error as Error).message.split('\n')[0] ?? 'invalid YAML'
        // Hand-written front matter is mostly `label: value`; read it as a plain-text header.
        bodyLines = [...lines.slice(1, close), '---', ...lines.slice(close + 1)]
      }
    }
  }
  const { title, lines: plain } = markdownToPlainText(bodyLines)
  const story = readPlainText(plain.join('\n'), 'soft', header)
  if (title && story.header.fields.title === undefined) story.header.fields.title = title
  return { ...story, frontMatterError }
}

function headerFromFrontMatter(data: unknown): Header {
  const header = emptyHeader()
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return header
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const labels = canonicalLabels(key)
    const values = toStrings(value)
    if (values === null) continue
    if (labels.length === 0) addExtra(header, key, values.join(', '))
    for (const label of labels) addField(header, label, Array.isArray(value) ? values : values[0]!)
  }
  return header
}

function toStrings(value: unknown): string[] | null {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map((item) => toStrings(item)?.join(', ') ?? '').filter(Boolean)
  if (value instanceof Date) return [value.toISOString().slice(0, value.toISOString().endsWith('T00:00:00.000Z') ? 10 : 16)]
  if (typeof value === 'object') return [JSON.stringify(value)]
  return [String(value)]
}

/**
 * Reduces Markdown to the text a reader sees: emphasis, links, images and inline HTML dropped,
 * headings kept as lines. Scene breaks (`***`, `---`) stay, as separators.
 */
export function markdownToPlainText(lines: string[]): { title: string | null; lines: string[] } {
  let title: string | null = null
  let seenText = false
  let inFence = false
  const out: string[] = []
  for (const line of lines) {
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
  return { title, lines: out }
}

function inline(text: string): string {
  // Link text holds no brackets and a link target no parentheses: with them, a line of `![![![…` made every `[`
  // scan to the end of the line (quadratic). A link that has them is left as written.
  return text
    .replace(/!\[[^[\]\n]*\]\([^()\n]*\)/g, '')
    .replace(/\[([^[\]\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^<>\n]{0,200}>/g, '')
    .replace(/(\*\*|__)(?=\S)([^*_\n]+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]+?)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~])/g, '$1')
}
