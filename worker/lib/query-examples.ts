// The query-language examples shown on /help and in the README; tests run every one against the demo stories.

export interface QueryExample {
  /** What to type in the search box (the `q` parameter). */
  query: string
  meaning: string
}

export const QUERY_EXAMPLES: QueryExample[] = [
  { query: 'clark lana', meaning: 'stories with both words (in any field: title, tags, summary or text)' },
  { query: 'embrase', meaning: 'a word of four letters or more that no story has is taken as a typo: it finds "embrace". A word the archive has matches only itself and its forms (`whale` does not count "while")' },
  { query: 'chloe goodb', meaning: 'the last word is matched as a prefix while you type; a word typed whole ranks above the words it begins (pip before "pipe")' },
  { query: 'hugging', meaning: 'other forms of a word ("hugs", "hugged") count too, below the exact form' },
  { query: '"let her go"', meaning: 'an exact phrase, words in that order (a possessive counts as its name: "mr knightley" finds "Mr. Knightley\'s")' },
  { query: 'lana -lex', meaning: 'leave out stories that mention a word' },
  { query: 'clark -"let her go"', meaning: 'leave out stories with a phrase' },
  { query: 'conner OR chloe', meaning: 'either word (`|` works too)' },
  { query: '(chloe | conner) goodbye', meaning: 'parentheses group alternatives' },
  { query: 'title:symphony', meaning: 'search one field: title, author, summary, fandom, pairing (or relationship), character, warning, tag, text' },
  { query: 'author:aelita', meaning: 'stories by an author' },
  { query: 'pairing:clark/lana', meaning: 'a relationship, with short names or full ones' },
  { query: 'sv', meaning: 'a fandom by the short name fans type (hp, sga, tng, logh, ffxiv...): sv finds the Smallville stories' },
  { query: 'character:"lana lang"', meaning: 'quotes hold a multi-word name together' },
  { query: 'rating:teen', meaning: 'a rating: General, Teen, Mature, Explicit, Not Rated (or G, PG-13, T, M, NC-17...)' },
  { query: 'warning:angst', meaning: 'a warning' },
  { query: 'series:symphony', meaning: 'the works of a series (quote a title of several words); each series has its page, /series/TITLE' },
  { query: 'words>1000', meaning: 'length in words: words>N, words<N, words:N-M (1k works too)' },
  { query: 'date>2008', meaning: 'posted after 2008: date>Y, date<Y-M, date:2005-2007' },
  { query: 'lana date:2005-2007 words<1000', meaning: 'words, filters and ranges combine' },
]
