// The query-language examples of /help, the no-results tips and the embed placeholder, made from the archive's own
// stories, so they find something in any archive (a Smallville example on a Stargate archive finds nothing). README's
// table is what they are for the demo stories.
import { fandomShortNames } from '../../core/fandom-short-names'
import type { SearchIndex } from '../search/search'
import { queryWords } from '../../core/text'

export interface QueryExample {
  /** What to type in the search box (the `q` parameter). */
  query: string
  /** What it finds; `code` spans between backticks. */
  meaning: string
}

export interface ArchiveExamples {
  /** The query language, a row per feature the archive has data for, every one finding a story. */
  examples: QueryExample[]
  /** Short tips for a search that found nothing, and the embed widget's placeholder. */
  pairing: string | null
  phrase: string | null
  word: string | null
}

// Made once per loaded index: the table does not change while the isolate has it.
const made = new WeakMap<SearchIndex, ArchiveExamples>()

/** What an archive with no story to make examples from shows: no rows, and the tips without examples. */
const NO_EXAMPLES: ArchiveExamples = { examples: [], pairing: null, phrase: null, word: null }

/** The examples for an archive, from the story with the most names on it (and others for what it lacks). */
export async function archiveExamples(index: SearchIndex): Promise<ArchiveExamples> {
  const cached = made.get(index)
  if (cached) return cached
  const examples = await makeExamples(index)
  made.set(index, examples)
  return examples
}

const first = (name: string): string | null => queryWords(name)[0] ?? null
const longest = (words: string[]): string | null => words.reduce<string | null>((best, word) => (best === null || word.length > best.length ? word : best), null)

async function makeExamples(index: SearchIndex): Promise<ArchiveExamples> {
  const { table } = index
  const live: number[] = []
  for (let i = 0; i < table.slots; i++) if (table.live[i] === 1) live.push(i)
  // Names as a reader types them: a first word of three letters or more (no markup a header was written with).
  const plain = (name: string) => /^[\p{L}][\p{L}'\- .]{2,}$/u.test(name.trim())
  const namesOf = (i: number) => [...table.names('relationships', i).flatMap((ship) => ship.split('/')), ...table.names('characters', i)].filter(plain)
  // The story everything is built around: most names, then most metadata, then the first.
  const score = (i: number) => namesOf(i).length * 4 + table.names('fandoms', i).length + table.names('warnings', i).length + (table.series(i) ? 1 : 0)
  let main: number | null = null
  let best = -1
  for (const i of live) {
    const here = score(i)
    if (here > best) [main, best] = [i, here]
  }
  if (main === null) return NO_EXAMPLES

  const titleWords = queryWords(table.title(main))
  const people = [...new Set(namesOf(main).map(first).filter((name): name is string => name !== null))]
  const a = people[0] ?? longest(titleWords)
  const b = people.find((name) => name !== a) ?? longest(titleWords.filter((word) => word !== a))
  const rows: QueryExample[] = []
  const add = (query: string | null, meaning: string) => {
    if (query !== null) rows.push({ query, meaning })
  }
  if (!a) return NO_EXAMPLES

  // Another story's name and title, for what leaves things out: one from another fandom if there is one.
  const fandoms = new Set(table.names('fandoms', main))
  const others = live.filter((i) => i !== main)
  const elsewhere = others.find((i) => table.names('fandoms', i).some((fandom) => !fandoms.has(fandom))) ?? others[0]
  const mine = new Set([...people, ...titleWords])
  const other = elsewhere === undefined ? null : ([...namesOf(elsewhere), table.title(elsewhere)].flatMap((name) => queryWords(name)).find((word) => word.length >= 4 && !mine.has(word)) ?? null)
  const otherTitle = elsewhere === undefined ? null : queryWords(table.title(elsewhere))

  if (b) add(`${a} ${b}`, 'stories with both words (in any field: title, tags, summary or text)')
  const typo = await typoOf(index, [a, b ?? '', ...titleWords])
  if (typo) add(typo.typed, `a word no story has is taken as a typo (a swap of two letters is one edit): \`${typo.typed}\` finds “${typo.meant}”, ranked below exact matches; a word the archive has matches only itself and its forms`)
  const long = longest(titleWords.filter((word) => word.length >= 5 && word !== a))
  if (long) add(`${a} ${long.slice(0, Math.ceil(long.length / 2) + 1)}`, 'the last word is matched as a prefix while you type; a word typed whole ranks above the words it begins')
  const phrase = titleWords.length >= 2 ? `"${titleWords.join(' ')}"` : null
  add(phrase, 'an exact phrase, words in that order (a possessive counts as its name)')
  if (b && other) add(`${b} -${other}`, 'leave out stories that mention a word')
  if (otherTitle && otherTitle.length >= 2) add(`${a} -"${otherTitle.join(' ')}"`, 'leave out stories with a phrase')
  if (other) add(`${a} OR ${other}`, 'either word (`|` works too)')
  if (other && b) add(`(${a} | ${other}) ${b}`, 'parentheses group alternatives')
  if (long) add(`title:${long}`, 'search one field: title, author, summary, fandom, pairing (or relationship), character, warning, tag, text')
  const authored = [main, ...others].find((i) => table.names('authors', i).length > 0)
  const author = authored === undefined ? null : first(table.names('authors', authored)[0]!)
  if (author) add(`author:${author}`, 'stories by an author')
  const ship = table.names('relationships', main).find((name) => name.split('/').length === 2 && name.split('/').every(plain))
  const shipNames = ship?.split('/').map(first)
  const pairing = shipNames && shipNames.length === 2 && shipNames.every(Boolean) ? shipNames.join('/') : null
  if (pairing) add(`pairing:${pairing}`, 'a relationship, with short names or full ones')
  const character = [...table.names('characters', main), ...table.values.characters.names].find((name) => queryWords(name).length >= 2)
  if (character) add(`character:"${queryWords(character).join(' ')}"`, 'quotes hold a multi-word name together')
  const short = fandomShortNames(table.values.fandoms.names)[0]
  if (short) add(short, 'a fandom by the short name fans type (hp, sga, tng, logh, ffxiv...)')
  const rating = table.rating(main)
  add(rating === 'Not Rated' ? 'rating:"not rated"' : `rating:${rating.toLowerCase()}`, 'a rating: General, Teen, Mature, Explicit, Not Rated, or any code a story header may use (G, PG-13, T, M, NC-17, NSFW, 18+...); anything else is an error')
  const warned = live.find((i) => table.names('warnings', i).length > 0)
  if (warned !== undefined) add(fieldQuery('warning', table.names('warnings', warned)[0]!), 'a warning')
  const inSeries = live.find((i) => table.series(i) !== null)
  if (inSeries !== undefined) add(fieldQuery('series', table.series(inSeries)!.title), 'the works of a series (quote a title of several words); each series has its page, /series/TITLE')
  const words = table.words[main]!
  const atLeast = words >= 200 ? Math.floor(words / 200) * 100 : 0
  add(`words>${atLeast}`, 'length in words: words>N, words<N, words:N-M (1k works too)')
  const year = Number(table.date(main)?.slice(0, 4))
  if (year) {
    add(`date>${year - 1}`, 'posted after a year: date>Y, date<Y-M, date:2005-2007')
    add(`${a} date:${year - 1}-${year} words<${(Math.floor(words / 1000) + 1) * 1000}`, 'words, filters and ranges combine')
  }
  return { examples: rows, pairing, phrase, word: a }
}

/** `field:value`, quoted when the value is several words. */
function fieldQuery(field: string, value: string): string {
  const words = queryWords(value)
  return words.length === 1 ? `${field}:${words[0]}` : `${field}:"${words.join(' ')}"`
}

/**
 * A misspelling of one of the words (two letters swapped) that no story has, so the search takes it as a typo and
 * finds the word; null when no word of five letters or more makes one.
 */
async function typoOf(index: SearchIndex, words: string[]): Promise<{ typed: string; meant: string } | null> {
  const candidates = words.filter((word) => /^[a-z]{5,}$/.test(word) && word[1] !== word[2]).map((word) => ({ typed: `${word[0]!}${word[2]!}${word[1]!}${word.slice(3)}`, meant: word }))
  if (candidates.length === 0) return null
  const { counts } = await index.storiesWith(candidates.map((candidate) => candidate.typed))
  return candidates.find((candidate) => (counts.get(candidate.typed) ?? 0) === 0) ?? null
}
