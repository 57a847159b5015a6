// Reads one story file into a StoryRecord. (Foundation cut: a first pass over Label: value headers.)
import type { BuildProblem, StoryRecord } from '../../worker/lib/story-record'
import { countWords } from '../../worker/lib/text'
import { storyIdFromPath } from '../story-id'

export interface IngestOptions {
  maxBytes: number
  defaultFandom: string | null
  aliases: Record<string, string>
}

export interface ParsedFile {
  record: StoryRecord
  problems: BuildProblem[]
}

export function parseStoryFile(bytes: Uint8Array, sourcePath: string, _options: Partial<IngestOptions> = {}): ParsedFile {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC')
  const lines = text.split('\n')
  const raw: Record<string, string> = {}
  let i = 0
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    if (/^(---|\*\*\*|~~~)$/.test(line)) { i++; break }
    const m = /^([A-Za-z' /]{2,30}):\s*(.*)$/.exec(line)
    if (!m) break
    raw[m[1]!.toLowerCase()] = m[2]!
  }
  const body = lines.slice(i).join('\n').trim().split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).join('\n\n')
  const words = countWords(body)
  const record: StoryRecord = {
    id: storyIdFromPath(sourcePath), sourcePath, format: 'text',
    title: raw['title'] ?? sourcePath.replace(/\.[^.]+$/, ''),
    authors: raw['author'] ? [raw['author']] : [], rating: 'Not Rated',
    fandoms: raw['fandom'] ? [raw['fandom']] : [], relationships: raw['pairing'] ? [raw['pairing']] : [],
    characters: [], warnings: [], tags: [], summary: raw['summary'] ?? '', notes: '', series: null, date: null,
    complete: null, words, wordsDeclared: null, readingMinutes: Math.max(1, Math.round(words / 250)), body, raw, extra: {},
  }
  return { record, problems: [] }
}
