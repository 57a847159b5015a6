// Reads one story file into a StoryRecord: decodes it, picks the reader by extension, normalizes, and reports what went wrong.
import type { BuildProblem, StoryFormat, StoryRecord } from '../../worker/lib/story-record'
import { buildRecord } from './build-record'
import { cutBytesAtCharacterBoundary, decodeStoryBytes } from './decode'
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
}

const FORMAT_BY_EXTENSION: Record<string, StoryFormat> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html',
}

/**
 * Reads a story file. Never throws: an empty, binary, oversized or badly encoded file still gives a
 * record (with what could be read, and the title from the file name at worst) and a problem that
 * says what was done about it.
 *
 * @example parseStoryFile(await readFile('stories/Smallville/healing.txt'), 'Smallville/healing.txt', options)
 */
export function parseStoryFile(bytes: Uint8Array, sourcePath: string, options: Partial<IngestOptions> = {}): ParsedFile {
  const settings = withDefaults(options)
  const problems: BuildProblem[] = []
  const problem = (text: string, action: string, severity: BuildProblem['severity']) =>
    problems.push({ file: sourcePath, problem: text, action, severity })
  let format = formatOf(sourcePath) ?? 'text'
  const aliases = compileAliases(settings.aliases)
  const nothing: ReadStory = { header: emptyHeader(), body: '', notes: [] }

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
    if (!isBinary && (decoded.encoding === 'windows-1252' || decoded.encoding === 'utf-8+windows-1252')) {
      problem('file is not valid UTF-8', decoded.encoding === 'windows-1252' ? 'read it as Windows-1252' : 'read the invalid bytes as Windows-1252', 'warning')
    }

    if (isEmpty) {
      problem('file is empty', 'indexed with title from file name and no text', 'error')
    } else if (isBinary) {
      problem('file is not text (it looks like a binary file)', 'indexed with title from file name and no text', 'error')
    } else if (format === 'markdown') {
      const markdown = readMarkdown(text)
      story = markdown
      if (markdown.frontMatterError) {
        problem(`front matter is not valid YAML: ${markdown.frontMatterError}`, 'read its lines as "Label: value" headers', 'warning')
      }
    } else if (format === 'html' || (formatOf(sourcePath) === null && looksLikeHtml(text))) {
      format = 'html'
      const html = readHtml(text)
      story = html
      titleFallback = html.titleFallback
    } else {
      story = readPlainText(text)
    }
    if (story !== nothing && story.body === '') {
      problem('no story text found after the header', 'indexed the header only', 'warning')
    }
  } catch (error) {
    // A reader bug must not stop the build; the file is still listed, under its file name.
    problem(`file could not be read (${(error as Error).message})`, 'indexed with title from file name and no text', 'error')
    story = nothing
  }

  const built = buildRecord({ sourcePath, format, header: story.header, body: story.body, notes: story.notes, titleFallback }, settings, aliases)
  return { record: built.record, problems: [...problems, ...built.problems] }
}

/** The format an extension names, or null for an extension we do not know (read as text, or HTML if it plainly is). */
function formatOf(sourcePath: string): StoryFormat | null {
  const extension = /\.([^./\\]+)$/.exec(sourcePath)?.[1]?.toLowerCase() ?? ''
  return FORMAT_BY_EXTENSION[extension] ?? null
}

// A file with an unknown extension (or none) that is plainly a web page.
function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text.slice(0, 1000))
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
