// Reads a plain-text story: a post's headers, the header at the top (or a title set apart below a preamble),
// then the story with its surroundings cleaned away.
import { cleanBody } from './clean-body'
import { addExtra, addField, emptyHeader, sourceOf, type Header } from './header'
import type { CanonicalLabel } from './labels'
import { readNewsPost } from './news-headers'
import { blocksToBody } from './paragraphs'
import { readTextHeader } from './plain-text-headers'
import { disclaimerNames, findTitleBlock, proseRating } from './title-block'

export interface ReadStory {
  header: Header
  body: string
  notes: string[]
}

/**
 * @param lineWrapping `soft` when lines inside a paragraph always belong together (Markdown),
 *   `detect` to tell hard-wrapped files from one-paragraph-per-line files.
 * @param header what the file's front matter or page markup says; it wins over what the text says.
 */
export function readPlainText(text: string, lineWrapping: 'detect' | 'soft' = 'detect', header?: Header): ReadStory {
  const post = readNewsPost(text.split('\n'))
  let lines = post.lines
  const titleBlock = findTitleBlock(lines)
  if (titleBlock) lines = lines.slice(titleBlock.bodyStart)
  const found = readTextHeader(lines)
  const cleaned = cleanBody(lines.slice(found.bodyStart))
  const preface = [...(titleBlock ? [titleBlock.preamble.join('\n')] : []), ...cleaned.preface]

  // The preamble's prose says whose characters these are and how strong the story is: the weakest word on both.
  const prose = emptyHeader('disclaimer above the story')
  const names = disclaimerNames(preface.join('\n\n'))
  if (names.fandoms.length > 0) addField(prose, 'fandoms', names.fandoms)
  if (names.characters.length > 0) addField(prose, 'characters', names.characters)
  const rating = proseRating(preface.join('\n\n'))
  if (rating) {
    addField(prose, 'rating', rating)
    prose.sources = { rating: 'rating written in the preamble' }
  }

  const merged = mergeHeaders(header, titleBlock?.header, found.header, post.header, prose)
  if (cleaned.journalTags) addExtra(merged, 'Journal tags', cleaned.journalTags)
  if (post.signature) addExtra(merged, 'Signature', post.signature)
  // An introduction shouts its title ("VOICES by …"); the post's subject writes it as a title.
  const subject = post.header.fields.title
  if (typeof subject === 'string' && typeof merged.fields.title === 'string' && merged.fields.title.toLowerCase() === subject.toLowerCase()) {
    merged.fields.title = subject
  }
  return { header: merged, body: blocksToBody(cleaned.blocks, lineWrapping), notes: [...preface, ...cleaned.endNotes] }
}

/** Field by field, the first header that has a value wins. */
function mergeHeaders(...headers: (Header | undefined)[]): Header {
  const merged = emptyHeader('text header')
  merged.sources = {}
  for (const header of headers.reverse()) {
    if (!header) continue
    Object.assign(merged.fields, header.fields)
    Object.assign(merged.extra, header.extra)
    for (const label of Object.keys(header.fields) as CanonicalLabel[]) merged.sources[label] = sourceOf(header, label)
  }
  return merged
}
