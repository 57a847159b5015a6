// A folder of chapter files (`my-work/01.txt`, `02.txt`, or `chapter-1.md`, `chapter-2.md`) is one work in chapters:
// this finds such folders and joins their files' records into the work's record.
import type { Rating, StoryRecord } from '../core/story-record'
import { RATINGS } from '../core/story-record'
import { readingMinutes } from '../core/story-record'
import { latestDate } from './ingest/dates'
import { titleFromFileName } from './ingest/file-name'
import { parsePartNumber } from './ingest/series'
import { storyIdFromPath } from '../core/story-id'

// A chapter file's name: a number first, or after "chapter", "ch" or "part" ("01", "02-the-bridge", "chapter_3").
const CHAPTER_FILE = /^(?:(?:chapter|chap|ch|part|pt)[\s_.-]*)?(\d{1,3})(?:[\s_.-].*)?$/i

/** The number a chapter file's name starts with, or null when the name is not a chapter's. */
export function chapterNumber(file: string): number | null {
  const name = (file.split('/').pop() ?? '').replace(/\.[^.]*$/, '')
  const m = CHAPTER_FILE.exec(name)
  return m ? Number(m[1]) : null
}

/** What a file's own header says of it as a chapter: its title, whether the header states it, and a chapter number. */
export interface ChapterMark {
  title: string
  /** True when the header states a title that is not a chapter heading ("Chapter 2: …"): a story's own name. */
  ownTitle: boolean
  /** A `Chapter:` (or `Part:`) number in the header (front matter `chapter: 2`); null without one. */
  n: number | null
}

/** What a parsed file says of itself as a chapter. */
export function chapterMark(record: StoryRecord): ChapterMark {
  const n = record.raw.part ? parsePartNumber(record.raw.part.replace(/^(?:part|chapter)\s+/i, '')) : null
  const ownTitle = record.raw.title !== undefined && !/^(?:chapter|ch\.|part|prologue|epilogue|interlude)\b/i.test(record.title)
  return { title: record.title, ownTitle, n }
}

/**
 * Folders whose story files are all chapter files, two or more, with their files in chapter order: named by their
 * numbers (unless each names itself as a story of its own: an archive that numbers its stories, `001_….txt`), or each
 * with a header that gives the same work title and its own chapter number (front matter `chapter: 2`). Paths are
 * relative to the stories folder with forward slashes, as the scan lists them; files at the top level are never a work.
 */
export function chapterFolders(files: readonly string[], marks: ReadonlyMap<string, ChapterMark | null> = new Map()): Map<string, string[]> {
  const byFolder = new Map<string, string[]>()
  for (const file of files) {
    const slash = file.lastIndexOf('/')
    if (slash < 0) continue
    const folder = file.slice(0, slash)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file])
  }
  const works = new Map<string, string[]>()
  for (const [folder, members] of byFolder) {
    if (members.length < 2) continue
    const marked = members.map((member) => marks.get(member) ?? null)
    const numbers = members.map(chapterNumber)
    const storiesOfTheirOwn = marked.every((mark) => mark?.ownTitle) && new Set(marked.map((mark) => mark!.title)).size === members.length
    if (numbers.every((n) => n !== null) && new Set(numbers).size === numbers.length && !storiesOfTheirOwn) {
      works.set(folder, [...members].sort((a, b) => chapterNumber(a)! - chapterNumber(b)!))
      continue
    }
    const title = marked[0]?.title
    if (marked.every((mark) => mark?.n != null && mark.title === title) && new Set(marked.map((mark) => mark!.n)).size === marked.length) {
      works.set(folder, [...members].sort((a, b) => marks.get(a)!.n! - marks.get(b)!.n!))
    }
  }
  return works
}

/**
 * The work a folder of chapters makes: metadata from its first chapter (lists joined from all), its text the
 * chapters' texts in order. The work's title is the title its chapters share, else the folder's name; a chapter is
 * titled by its own title when that differs from the work's.
 */
export function mergeChapters(folder: string, chapters: readonly StoryRecord[]): StoryRecord {
  const first = chapters[0]!
  const titles = chapters.map((chapter) => chapter.title)
  const shared = titles.find((title, i) => titles.indexOf(title) !== i)
  const title = shared ?? titleFromFileName(folder)
  let body = ''
  const starts: StoryRecord['chapters'] = []
  chapters.forEach((chapter, i) => {
    if (chapter.body === '') return
    if (body !== '') body += '\n\n'
    starts.push({ title: chapter.title !== title ? chapter.title : `Chapter ${i + 1}`, start: body.length })
    body += chapter.body
  })
  const union = (pick: (record: StoryRecord) => string[]) => [...new Set(chapters.flatMap(pick))]
  const dates = chapters.map((chapter) => chapter.date).filter((date): date is string => date !== null).sort()
  const words = chapters.reduce((sum, chapter) => sum + chapter.words, 0)
  return {
    ...first,
    id: storyIdFromPath(folder),
    sourcePath: folder,
    title,
    authors: union((r) => r.authors),
    // The work is rated by its strongest chapter.
    rating: strongest(chapters.map((chapter) => chapter.rating)),
    fandoms: union((r) => r.fandoms),
    relationships: union((r) => r.relationships),
    characters: union((r) => r.characters),
    warnings: union((r) => r.warnings),
    tags: union((r) => r.tags),
    summary: chapters.find((chapter) => chapter.summary !== '')?.summary ?? '',
    notes: chapters.map((chapter) => chapter.notes).filter(Boolean).join('\n\n'),
    date: dates[0] ?? null,
    // Each chapter's update is never before its posting, so the latest of them covers both.
    updated: latestDate(chapters.map((chapter) => chapter.updated)),
    complete: chapters.at(-1)!.complete ?? first.complete,
    chapters: starts.length > 1 ? starts : [],
    chaptersPlanned: first.chaptersPlanned,
    words,
    wordsDeclared: null,
    readingMinutes: readingMinutes(words),
    body,
  }
}

function strongest(ratings: Rating[]): Rating {
  const rated = ratings.filter((rating) => rating !== 'Not Rated')
  if (rated.length === 0) return 'Not Rated'
  return rated.reduce((a, b) => (RATINGS.indexOf(a) >= RATINGS.indexOf(b) ? a : b))
}
