// The in-process engines compared: ours (the served paged index and the real search code), ours loaded whole as the
// Worker used to hold it (the baseline), and the alternatives with their default setups.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { create, insertMultiple, load as loadOrama, save as saveOrama, search as searchOrama } from '@orama/orama'
import { Document } from 'flexsearch'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import { diskReader } from '../../index-builder/piece-files'
import { indexInMemory } from '../../index-builder/index-in-memory'
import { MINISEARCH_OPTIONS, parseIndexDirectory } from '../../core/index-contract'
import { PagedIndex } from '../../worker/index/paged-index'
import { answerSearch } from '../../worker/present/answer-search'
import { parseSearchParams } from '../../worker/query/search-params'
import type { SearchIndex } from '../../worker/search/search'
import type { StoryRecord } from '../../core/story-record'
import { StoryTable } from '../../core/story-table'
import { WholeIndex } from '../../index-builder/whole-index'

export const NODE_ENGINES = ['ours', 'ours-whole', 'minisearch', 'orama', 'lunr', 'flexsearch'] as const
export type NodeEngineName = (typeof NODE_ENGINES)[number]
export const ALL_ENGINES = [...NODE_ENGINES, 'pagefind'] as const
export type EngineName = (typeof ALL_ENGINES)[number]

/** Top-10 story ids for a query as typed. */
export type Searcher = (q: string) => Promise<string[]>

export interface EngineAdapter {
  name: NodeEngineName
  /** What the setup is, for the report. */
  setup: string
  build(stories: StoryRecord[]): Promise<unknown>
  /** Writes the built index to `dir` as the engine ships it; returns the files written. */
  save(index: unknown, dir: string): Promise<string[]>
  /** Loads what `save` wrote, as far as the engine loads before its first answer. */
  load(dir: string, stories: StoryRecord[]): Promise<Searcher>
}

const TOP = 10

/** One text file: what the engines that serialize to a string ship. */
async function saveText(dir: string, text: string): Promise<string[]> {
  const file = join(dir, 'index.json')
  await writeFile(file, text)
  return [file]
}
const loadText = (dir: string) => readFile(join(dir, 'index.json'), 'utf8')

/** Answers a query as the Worker's /api/search does, snippets included, and lists the hits' ids. */
function searcher(index: SearchIndex): Searcher {
  const reported = { version: 'bench', builtAt: new Date(0).toISOString(), stories: index.table.count }
  return async (q) => {
    const response = await answerSearch(index, parseSearchParams(new URLSearchParams({ q, limit: String(TOP) })), reported)
    return response.hits.map((hit) => hit.id)
  }
}

/** Ours: the index as the Worker serves it, pieces read on demand (here from disk), through the Worker's search code. */
const ours: EngineAdapter = {
  name: 'ours',
  setup: 'the paged index (story table, term pages, dictionary, text packs) read on demand; answerSearch: parser, filters, facets, snippets',
  build: async (stories) => indexInMemory(stories),
  // Laid out as a build writes it: the directory, and the pieces under static/index/.
  save: async (built, dir) => {
    const { pieces, summary } = built as Awaited<ReturnType<typeof indexInMemory>>
    const files = [join(dir, 'search.index.json')]
    await writeFile(files[0]!, JSON.stringify(summary.directory))
    await mkdir(join(dir, 'static', 'index'), { recursive: true })
    for (const [name, bytes] of pieces) {
      files.push(join(dir, 'static', 'index', name))
      await writeFile(files.at(-1)!, bytes)
    }
    return files
  },
  load: async (dir) => {
    const directory = parseIndexDirectory(await readFile(join(dir, 'search.index.json'), 'utf8'))
    return searcher(await PagedIndex.open(directory, diskReader(join(dir, 'static', 'index'))))
  },
}

/**
 * Ours as the Worker held it before the index was paged: one MiniSearch index of the whole archive with the result
 * fields stored, parsed at once; story texts kept in memory beside it. The baseline, never served.
 */
const oursWhole: EngineAdapter = {
  name: 'ours-whole',
  setup: 'one MiniSearch index of everything (stored fields as before), loaded at once; the same answerSearch',
  build: async (stories) => {
    const { index, pieces, summary } = await indexInMemory(stories)
    return { whole: WholeIndex.build(stories, { table: index.table }, { storeFields: STORED_FIELDS }), table: pieces.get(summary.directory.table)! }
  },
  save: async (built, dir) => {
    const { whole, table } = built as { whole: WholeIndex; table: Uint8Array }
    const files = await saveText(dir, JSON.stringify(whole.engine))
    // The story table beside it, for the same filters, facets and sorting (the old design read stored fields).
    await writeFile(join(dir, 'table.bin'), table)
    return [...files, join(dir, 'table.bin')]
  },
  load: async (dir, stories) => {
    const engine = MiniSearch.loadJSON(await loadText(dir), { ...MINISEARCH_OPTIONS, storeFields: STORED_FIELDS } as never)
    const table = StoryTable.decode(new Uint8Array(await readFile(join(dir, 'table.bin'))))
    // No packs: its phrase checks never stop. The fiction corpus is fewer packs than a search may read, so ours never
    // stops either.
    return searcher(new WholeIndex(engine as never, { table }, stories))
  },
}

/** The fields the Worker stored in the whole index before it was paged. */
const STORED_FIELDS = ['title', 'authors', 'fandoms', 'relationships', 'characters', 'tags', 'warnings', 'summary', 'rating', 'words', 'date', 'complete']

const MINISEARCH_FIELDS = ['title', 'text']

/** MiniSearch as its README sets it up: title and text, default options, search the string as typed. */
const minisearch: EngineAdapter = {
  name: 'minisearch',
  setup: "new MiniSearch({ fields: ['title', 'text'] }); index.search(q)",
  build: async (stories) => {
    const index = new MiniSearch({ fields: MINISEARCH_FIELDS })
    index.addAll(stories.map((story) => ({ id: story.id, title: story.title, text: story.body })))
    return index
  },
  save: async (index, dir) => saveText(dir, JSON.stringify(index)),
  load: async (dir) => {
    const index = MiniSearch.loadJSON(await loadText(dir), { fields: MINISEARCH_FIELDS })
    return async (q) => index.search(q).slice(0, TOP).map((result) => String(result.id))
  },
}

const ORAMA_SCHEMA = { title: 'string', body: 'string' } as const

/** Orama with a title/body schema and default search (it keeps every document, body included, in its store). */
const orama: EngineAdapter = {
  name: 'orama',
  setup: "create({ schema: { title: 'string', body: 'string' } }); search(db, { term: q, limit: 10 })",
  build: async (stories) => {
    const db = create({ schema: ORAMA_SCHEMA })
    await insertMultiple(db, stories.map((story) => ({ id: story.id, title: story.title, body: story.body })), 500)
    return db
  },
  save: async (db, dir) => saveText(dir, JSON.stringify(saveOrama(db as ReturnType<typeof create<typeof ORAMA_SCHEMA>>))),
  load: async (dir) => {
    const db = create({ schema: ORAMA_SCHEMA })
    loadOrama(db, JSON.parse(await loadText(dir)))
    return async (q) => {
      const result = await searchOrama(db, { term: q, limit: TOP })
      return result.hits.map((hit) => String(hit.id))
    }
  },
}

/** Lunr with title and body fields; a query its syntax rejects (`rating:teen`) is retried as plain words. */
const lunrEngine: EngineAdapter = {
  name: 'lunr',
  setup: "lunr(function () { this.ref('id'); this.field('title'); this.field('body') }); idx.search(q)",
  build: async (stories) =>
    lunr(function () {
      this.ref('id')
      this.field('title')
      this.field('body')
      for (const story of stories) this.add({ id: story.id, title: story.title, body: story.body })
    }),
  save: async (index, dir) => saveText(dir, JSON.stringify(index)),
  load: async (dir) => {
    const index = lunr.Index.load(JSON.parse(await loadText(dir)))
    return async (q) => {
      let results: lunr.Index.Result[]
      try {
        results = index.search(q)
      } catch {
        results = index.search(q.replace(/[^\p{L}\p{N}\s]/gu, ' '))
      }
      return results.slice(0, TOP).map((result) => result.ref)
    }
  },
}

const FLEX_OPTIONS = { document: { id: 'id', index: ['title', 'body'] } }

/** FlexSearch's Document index over title and body with its default (strict) tokenizer. */
const flexsearch: EngineAdapter = {
  name: 'flexsearch',
  setup: "new Document({ document: { id: 'id', index: ['title', 'body'] } }); search(q, { limit: 10, merge: true })",
  build: async (stories) => {
    const index = new Document(FLEX_OPTIONS)
    for (const story of stories) index.add({ id: story.id, title: story.title, body: story.body })
    return index
  },
  save: async (index, dir) => {
    const parts: [string, string][] = []
    await (index as Document).export((key: string, data: string) => {
      parts.push([key, data])
    })
    return saveText(dir, JSON.stringify(parts))
  },
  load: async (dir) => {
    const index = new Document(FLEX_OPTIONS)
    for (const [key, data] of JSON.parse(await loadText(dir)) as [string, string][]) index.import(key, data)
    return async (q) => {
      const results = index.search(q, { limit: TOP, merge: true }) as unknown as { id: string }[]
      return results.slice(0, TOP).map((result) => String(result.id))
    }
  },
}

export const ENGINE_ADAPTERS: Record<NodeEngineName, EngineAdapter> = { ours, 'ours-whole': oursWhole, minisearch, orama, lunr: lunrEngine, flexsearch }
