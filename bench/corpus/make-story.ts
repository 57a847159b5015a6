// Decides everything about one story (fandom, cast, author, metadata) and writes its prose; rendering is elsewhere.

import { type Character, type Fandom, FANDOMS, fullName } from './fandoms'
import { type StoryDate, laterDate, sampleDate } from './dates'
import { drawInventedIndex, inventedPlace, originalCharacterName, penName } from './invented-words'
import type { MarkovModel } from './markov-model'
import { ProseWriter } from './prose-writer'
import { Random, weighted, ZipfTable } from './random'
import { sampleStoryLength } from './story-length'
import type { TermCounter } from './term-counter'
import { makeTitle } from './titles'
import {
  AO3_RATINGS,
  AO3_WARNINGS,
  CHALLENGES,
  EFICTION_RATINGS,
  EFICTION_WARNINGS,
  FFN_GENRES,
  FFN_RATINGS,
  NOTE_TEMPLATES,
  TAGS,
} from './vocabularies'

export const STORY_FORMATS = ['efiction', 'title-date', 'byline', 'markdown', 'ao3-html', 'ffn'] as const
export type StoryFormat = (typeof STORY_FORMATS)[number]

/** How often each header style appears; relative weights. */
export const FORMAT_WEIGHTS: Readonly<Record<StoryFormat, number>> = {
  efiction: 28,
  'title-date': 9,
  byline: 9,
  markdown: 14,
  'ao3-html': 24,
  ffn: 16,
}

/** Zipf exponents: popularity of fandoms, of characters within a fandom's cast, of tags and genres. */
export const FANDOM_ZIPF = 1.1
export const CHARACTER_ZIPF = 1.0
const TAG_ZIPF = 0.9
/**
 * Authors come from an unbounded Zipf pool: a few prolific writers, a long tail of one-story authors.
 * Exponent 1.15 gives about 550 authors per 1,000 stories and 7,600 per 20,000.
 */
export const AUTHOR_ZIPF = 1.15

export interface Relationship {
  a: Character
  b: Character
  /** `A/B` when true, `A & B` when false. */
  romantic: boolean
}

/** One story, decided and written, ready for a format to render. */
export interface Story {
  index: number
  format: StoryFormat
  fandom: Fandom
  author: string
  title: string
  /** In the vocabulary of the story's format (`PG-13`, `Teen And Up Audiences`, `T`). */
  rating: string
  warnings: string[]
  tags: string[]
  genres: string[]
  relationships: Relationship[]
  characters: Character[]
  published: StoryDate
  updated: StoryDate
  complete: boolean
  summary: string
  notes: string
  /** Paragraphs of each chapter. A one-chapter story has no chapter heading. */
  chapters: string[][]
  /** Words in the body as the index builder counts them, chapter headings included. */
  words: number
  /** For the renderer's own layout choices, after every decision above. */
  rng: Random
}

const fandomTable = new ZipfTable(FANDOMS.length, FANDOM_ZIPF)
const castTables = new Map<number, ZipfTable>()
const tagTable = new ZipfTable(TAGS.length, TAG_ZIPF)
const genreTable = new ZipfTable(FFN_GENRES.length, TAG_ZIPF)

function castTable(size: number): ZipfTable {
  let table = castTables.get(size)
  if (!table) castTables.set(size, (table = new ZipfTable(size, CHARACTER_ZIPF)))
  return table
}

/**
 * Story `index` under `seed`. Depends only on (seed, index), never on the archive size,
 * so the first 100 stories of a 5,000-story archive are the 100-story archive.
 */
export function makeStory(model: MarkovModel, seed: string, index: number, terms: TermCounter | null = null): Story {
  const rng = Random.derive(seed, 'story', index)
  const format = weighted(rng, FORMAT_WEIGHTS)
  const fandom = FANDOMS[fandomTable.draw(rng)]!
  const author = penName(seed, rng.unboundedZipf(AUTHOR_ZIPF))
  const targetWords = sampleStoryLength(rng)

  const relationships = drawRelationships(rng, fandom)
  const characters = drawCharacters(rng, fandom, relationships, seed)
  const leads = relationships.length > 0 ? [relationships[0]!.a, relationships[0]!.b] : characters.slice(0, 2)
  const others = [
    ...characters.filter((c) => !leads.includes(c)),
    ...shuffle(rng, fandom.cast.filter((c) => !characters.includes(c))),
  ]
  const places = shuffle(rng, [...fandom.places])
  for (let i = rng.int(3); i > 0; i--) places.splice(rng.int(places.length + 1), 0, inventedPlace(seed, drawInventedIndex(rng)))
  const writer = new ProseWriter(model, { leads, others, places, jargon: fandom.jargon }, seed, rng, terms)

  // AO3 opened in late 2009; its downloads are never older.
  const published = sampleDate(rng, format === 'ao3-html' ? 2010 : undefined)
  const chapterCount = targetWords < 5000 && rng.chance(0.9) ? 1 : Math.max(2, Math.round(targetWords / rng.between(2000, 6000)))
  const complete = rng.chance(chapterCount === 1 ? 0.95 : 0.65)
  const updated = chapterCount === 1 ? published : laterDate(rng, published)

  const summary = makeSummary(rng, writer)
  const bodyStart = writer.wordsWritten
  const headingWords = chapterCount > 1 ? 2 * chapterCount : 0 // "Chapter N"
  const chapters: string[][] = []
  for (let c = 0; c < chapterCount; c++) {
    // Aim each chapter at its share of what is left, so sentence-end overshoots do not add up over chapters.
    const left = targetWords - headingWords - (writer.wordsWritten - bodyStart)
    chapters.push(writer.paragraphs(Math.max(1, Math.round(left / (chapterCount - c)))))
  }
  const words = headingWords + writer.wordsWritten - bodyStart

  return {
    index,
    format,
    fandom,
    author,
    title: makeTitle(rng, leads, places[0]!, chapters[0]![0] ?? summary),
    rating: drawRating(rng, format),
    warnings: drawWarnings(rng, format),
    tags: drawTags(rng, seed, fandom, characters),
    genres: distinct(Array.from({ length: rng.between(1, 2) }, () => FFN_GENRES[genreTable.draw(rng)]!)),
    relationships,
    characters,
    published,
    updated,
    complete,
    summary,
    notes: makeNotes(rng, seed),
    chapters,
    words,
    rng,
  }
}

function drawRelationships(rng: Random, fandom: Fandom): Relationship[] {
  const table = castTable(fandom.cast.length)
  const count = Number(weighted(rng, { 0: 18, 1: 55, 2: 19, 3: 8 }))
  const relationships: Relationship[] = []
  for (let attempt = 0; relationships.length < count && attempt < 20; attempt++) {
    let i = table.draw(rng)
    let j = table.draw(rng)
    if (i === j) continue
    if (i > j) [i, j] = [j, i] // one canonical order per pair, as archives' tag wranglers enforce
    const a = fandom.cast[i]!
    const b = fandom.cast[j]!
    if (relationships.some((r) => r.a === a && r.b === b)) continue
    relationships.push({ a, b, romantic: rng.chance(0.72) })
  }
  return relationships
}

function drawCharacters(rng: Random, fandom: Fandom, relationships: Relationship[], seed: string): Character[] {
  const table = castTable(fandom.cast.length)
  const characters: Character[] = []
  const add = (c: Character) => {
    if (!characters.includes(c) && characters.length < 8) characters.push(c)
  }
  for (const r of relationships) {
    add(r.a)
    add(r.b)
  }
  for (let extra = rng.between(relationships.length === 0 ? 1 : 0, 3); extra > 0; extra--) add(fandom.cast[table.draw(rng)]!)
  if (rng.chance(0.1)) add({ title: '', ...originalCharacterName(seed, drawInventedIndex(rng)) })
  return characters
}

function drawRating(rng: Random, format: StoryFormat): string {
  switch (format) {
    case 'ao3-html':
      return weighted(rng, AO3_RATINGS)
    case 'ffn':
      return weighted(rng, FFN_RATINGS)
    case 'markdown':
      return rng.chance(0.6) ? weighted(rng, AO3_RATINGS) : weighted(rng, EFICTION_RATINGS)
    default:
      return weighted(rng, EFICTION_RATINGS)
  }
}

function drawWarnings(rng: Random, format: StoryFormat): string[] {
  if (format === 'ao3-html' || format === 'markdown') {
    return [weighted(rng, { 0: 55, 1: 25, 2: 12, 3: 8 })].map((i) => AO3_WARNINGS[Number(i)]!)
  }
  return distinct(Array.from({ length: rng.between(1, 2) }, () => rng.pick(EFICTION_WARNINGS)))
}

function drawTags(rng: Random, seed: string, fandom: Fandom, characters: Character[]): string[] {
  const tags: string[] = Array.from({ length: rng.between(1, 6) }, () => TAGS[tagTable.draw(rng)]!)
  // Freeform tags are where real archives coin words: invented AUs, places, in-jokes.
  if (rng.chance(0.15)) tags.push(`Alternate Universe - ${inventedPlace(seed, drawInventedIndex(rng))}`)
  if (rng.chance(0.1) && characters.length > 0) tags.push(`${fullName(rng.pick(characters))} Needs a Hug`)
  if (rng.chance(0.1)) tags.push(`${rng.pick(fandom.jargon)} shenanigans`)
  return distinct(tags)
}

function makeSummary(rng: Random, writer: ProseWriter): string {
  let text = writer.paragraphs(rng.between(12, 40)).join(' ')
  const words = text.split(' ')
  if (words.length > 70) text = `${words.slice(0, 60).join(' ')}…`
  const lead = rng.pick(['', '', '', 'AU. ', 'Missing scene. ', 'Post-finale. ', 'Drabble. ', 'Sequel to an old story. '])
  return lead + text
}

function makeNotes(rng: Random, seed: string): string {
  const notes: string[] = []
  for (let n = rng.int(3); n > 0; n--) {
    notes.push(
      rng
        .pick(NOTE_TEMPLATES)
        .replace('{challenge}', rng.pick(CHALLENGES))
        .replace('{beta}', penName(seed, rng.unboundedZipf(AUTHOR_ZIPF)))
        .replace('{season}', String(rng.between(1, 7))),
    )
  }
  return distinct(notes).join(' ')
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

function distinct<T>(items: T[]): T[] {
  return [...new Set(items)]
}
