// Reads a plain-text story: the header at the top, then the story with its surroundings cleaned away.
import { cleanBody } from './clean-body'
import { addExtra, type Header } from './header'
import { blocksToBody } from './paragraphs'
import { readTextHeader } from './plain-text-headers'

export interface ReadStory {
  header: Header
  body: string
  notes: string[]
}

/**
 * @param lineWrapping `soft` when lines inside a paragraph always belong together (Markdown),
 *   `detect` to tell hard-wrapped files from one-paragraph-per-line files.
 */
export function readPlainText(text: string, lineWrapping: 'detect' | 'soft' = 'detect', header?: Header): ReadStory {
  const lines = text.split('\n')
  const found = readTextHeader(lines)
  const merged = header ? mergeHeaders(header, found.header) : found.header
  const cleaned = cleanBody(lines.slice(found.bodyStart))
  if (cleaned.journalTags) addExtra(merged, 'Journal tags', cleaned.journalTags)
  return { header: merged, body: blocksToBody(cleaned.blocks, lineWrapping), notes: [...cleaned.preface, ...cleaned.endNotes] }
}

/** Values from `authoritative` win; the text header only fills the gaps. */
function mergeHeaders(authoritative: Header, fromText: Header): Header {
  return {
    fields: { ...fromText.fields, ...authoritative.fields },
    extra: { ...fromText.extra, ...authoritative.extra },
  }
}
