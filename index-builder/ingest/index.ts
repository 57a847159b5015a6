// Reads one story file into a StoryRecord: decodes it, picks the reader by extension, normalizes, and reports what went wrong.
import type { BuildProblem, StoryFormat, StoryRecord } from '../../core/story-record'
import { buildRecord, type Provenance } from './build-record'
import { cutBytesAtCharacterBoundary, decodeStoryBytes, encodingName } from './decode'
import { readFrontMatter } from './front-matter'
import { emptyHeader } from './header'
import { readHtml } from './html'
import { looksBinary } from './looks-binary'
import { readMarkdown } from './markdown'
import { withDefaults, type IngestOptions } from './options'
import { readPlainText, type ReadStory } from './plain-text'
import { compileAliases } from './relationships'

export type { IngestOptions } from './options'
export { loadIngestOptions } from './options'

export interface ParsedFile {
  record: StoryRecord
  problems: BuildProblem[]
  /** False for an empty or binary file: reported, and not served as a story. */
  isStory: boolean
  /** Which rule found each field. */
  provenance: Provenance
}

const FORMAT_BY_EXTENSION: Record<string, StoryFormat> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html',
}

/**
 * Reads a story file. Never throws: an oversized, badly encoded or unreadable file still gives a record (with
 * what could be read, and the title from the file name at worst) and a problem that says what was done about
 * it; an empty or binary file gives a problem and `isStory: false`.
 *
 * @example parseStoryFile(await readFile('stories/Smallville/healing.txt'), 'Smallville/healing.txt', options)
 */
export function parseStoryFile(bytes: Uint8Array, sourcePath: string, options: Partial<IngestOptions> = {}): ParsedFile {
  const settings = withDefaults(options)
  const problems: BuildProblem[] = []
  const problem = (text: string, action: string, severity: BuildProblem['severity']) =>
    problems.push({ file: sourcePath, problem: text, action, severity })
  let format: StoryFormat = 'text'
  let isStory = true
  const aliases = compileAliases(settings.aliases)
  const nothing: ReadStory = { header: emptyHeader('nothing read'), body: '', notes: [] }

  let story: ReadStory = nothing
  let titleFallback: string | null = null
  try {
    const kept = cutBytesAtCharacterBoundary(bytes, settings.maxBytes)
    const decoded = decodeStoryBytes(kept)
    let text = decoded.text.replace(/\r\n?/g, '\n').normalize('NFC')
    if (kept.length < bytes.length) {
      text = cutAtParagraph(text)
      problem(
        `file is ${megabytes(bytes.length)}, over the ${megabytes(settings.maxBytes)} limit`,
        'indexed only the text before the limit, cut at a paragraph break',
        'warning',
      )
    }
    const isEmpty = text.trim() === ''
    const isBinary = !isEmpty && looksBinary(text)
    if (!isBinary && !['utf-8', 'utf-16le', 'utf-16be'].includes(decoded.encoding)) {
      const action = decoded.encoding === 'utf-8+windows-1252' ? 'read the invalid bytes as Windows-1252' : `read it as ${encodingName(decoded.encoding)}`
      problem('file is not valid UTF-8', action, 'warning')
    }

    if (isEmpty) {
      problem('file is empty', 'not served as a story', 'warning')
      isStory = false
    } else if (isBinary) {
      problem('file is not text (it looks like a binary file)', 'not served as a story', 'warning')
      isStory = false
    } else {
      // Any format may open with front matter (Hugo and 11ty put it on HTML too); it is the file's own header.
      const frontMatter = readFrontMatter(text)
      if (frontMatter?.error) problem(`front matter is not valid ${frontMatter.error}`, 'read its lines as "Label: value" headers', 'warning')
      const header = frontMatter?.header ?? undefined
      if (frontMatter) text = frontMatter.rest
      format = formatOf(sourcePath, text)
      if (format === 'markdown') {
        story = readMarkdown(text, header)
      } else if (format === 'html') {
        const html = readHtml(text, header)
        story = html
        titleFallback = html.titleFallback
      } else {
        story = readPlainText(text, 'detect', header)
      }
      if (frontMatter) story.notes.push(...frontMatter.endNotes)
    }
    if (story !== nothing && story.body === '') {
      problem('no story text found after the header', 'indexed the header only', 'warning')
    }
  } catch (error) {
    // A reader bug must not stop the build; the file is still listed, under its file name.
    problem(`file could not be read (${(error as Error).message})`, 'indexed with title from file name and no text', 'error')
    story = nothing
  }

  const built = buildRecord({ sourcePath, format, header: story.header, body: story.body, notes: story.notes, chapters: story.chapters, titleFallback }, settings, aliases)
  // A file that is not a story is not told it lacks an author.
  return { record: built.record, problems: isStory ? [...problems, ...built.problems] : problems, isStory, provenance: built.provenance }
}

/**
 * The format, by content first: a web page is HTML whatever its name, an `.html` file with no markup is text,
 * and otherwise the extension says (Markdown), or it is text.
 */
function formatOf(sourcePath: string, text: string): StoryFormat {
  if (looksLikeHtml(text)) return 'html'
  const extension = /\.([^./\\]+)$/.exec(sourcePath)?.[1]?.toLowerCase() ?? ''
  const named = FORMAT_BY_EXTENSION[extension] ?? 'text'
  if (named === 'html') return /<[a-z!]/i.test(text) ? 'html' : 'text'
  return named
}

// Plainly a web page: a doctype, or an opening html, head, body, p or div tag before any text.
function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<(?:html|head|body|p|div)[\s>])/i.test(text.slice(0, 1000))
}

/** Drops the partial paragraph a byte limit leaves at the end. */
function cutAtParagraph(text: string): string {
  const paragraph = text.lastIndexOf('\n\n')
  if (paragraph > text.length / 2) return text.slice(0, paragraph)
  const line = text.lastIndexOf('\n')
  return line > text.length / 2 ? text.slice(0, line) : text
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 1 ? `${mb.toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`
}
