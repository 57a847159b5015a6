// Reads FanFiction.Net's one-line header: `Rated: Fiction T - English - Romance/Drama - Clark K., Lana L. - Chapters: 3 - Words: 4,512 - Complete`.

export interface FfnFields {
  rating: string
  language: string | null
  genres: string[]
  /** The characters segment as written; `[A, B]` brackets mark a pairing. */
  characters: string | null
  chapters: string | null
  words: string | null
  complete: boolean
  /** Other `Key: value` segments (Reviews, Favs, Published, Updated, id, ...). */
  other: Record<string, string>
}

const FFN_GENRES = ['Adventure', 'Angst', 'Crime', 'Drama', 'Family', 'Fantasy', 'Friendship', 'General', 'Horror', 'Humor',
  'Hurt/Comfort', 'Mystery', 'Parody', 'Poetry', 'Romance', 'Sci-Fi', 'Spiritual', 'Supernatural', 'Suspense', 'Tragedy', 'Western']
const GENRE_BY_KEY = new Map(FFN_GENRES.map((genre) => [genre.toLowerCase(), genre]))
const FFN_LINE = /^rated:\s*(?:fiction\s+)?(K\+?|T|M|MA)\s+-\s+/i

/** Parses the FFN line; null when the line is not one. */
export function parseFfnLine(line: string): FfnFields | null {
  const trimmed = line.trim()
  const start = FFN_LINE.exec(trimmed)
  if (!start) return null
  const fields: FfnFields = {
    rating: `Fiction ${start[1]!.toUpperCase()}`, language: null, genres: [], characters: null, chapters: null, words: null,
    complete: false, other: {},
  }
  const segments = trimmed.slice(start[0].length).split(/\s+-\s+/)
  segments.forEach((segment, index) => {
    const keyValue = /^([A-Za-z ]{1,20}):\s*(.*)$/.exec(segment)
    if (keyValue) {
      const key = keyValue[1]!.trim()
      const value = keyValue[2]!.trim()
      if (/^chapters$/i.test(key)) fields.chapters = value
      else if (/^words$/i.test(key)) fields.words = value
      else if (/^status$/i.test(key)) fields.complete = /complete/i.test(value)
      else fields.other[key] = value
    } else if (/^complete$/i.test(segment)) fields.complete = true
    else if (index === 0 && /^\p{L}+$/u.test(segment)) fields.language = segment
    else if (fields.genres.length === 0 && parseGenres(segment)) fields.genres = parseGenres(segment)!
    else if (fields.characters === null) fields.characters = segment
  })
  return fields
}

// Hurt/Comfort contains the same slash that separates genres, so genres are matched, not split.
function parseGenres(segment: string): string[] | null {
  const genres: string[] = []
  const parts = segment.split('/')
  for (let i = 0; i < parts.length; i++) {
    const pair = `${parts[i]}/${parts[i + 1] ?? ''}`.toLowerCase()
    if (GENRE_BY_KEY.has(pair)) {
      genres.push(GENRE_BY_KEY.get(pair)!)
      i++
    } else if (GENRE_BY_KEY.has(parts[i]!.toLowerCase())) genres.push(GENRE_BY_KEY.get(parts[i]!.toLowerCase())!)
    else return null
  }
  return genres
}
