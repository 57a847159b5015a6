// The in-process engines compared: ours (the contract's MiniSearch and the real search code) and the alternatives with their default setups.
import { create, insertMultiple, load as loadOrama, save as saveOrama, search as searchOrama } from '@orama/orama'
import { Document } from 'flexsearch'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import { SCHEMA_VERSION, createSearchIndex, loadIndex, toIndexDocument } from '../../worker/lib/index-contract'
import { executeSearch, queryWords } from '../../worker/lib/search'
import { parseSearchParams } from '../../worker/lib/search-params'
import { makeSnippet } from '../../worker/lib/snippet'
import type { QueryNode } from '../../worker/lib/query-parser'
import type { StoryRecord } from '../../worker/lib/story-record'

export const NODE_ENGINES = ['ours', 'minisearch', 'orama', 'lunr', 'flexsearch'] as const
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
  serialize(index: unknown): Promise<string>
  load(text: string, stories: StoryRecord[]): Promise<Searcher>
}

const TOP = 10

/** Ours: the contract's options, the artifact format the Worker loads, and the Worker's search path (query parser, filters, facets, snippets). */
const ours: EngineAdapter = {
  name: 'ours',
  setup: 'index-contract MINISEARCH_OPTIONS; search via parseSearchParams + executeSearch + makeSnippet (fragments served from memory)',
  build: async (stories) => createSearchIndex(stories.map(toIndexDocument)),
  serialize: async (index) =>
    JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      builtAt: new Date(0).toISOString(),
      contentHash: '0'.repeat(64),
      storyCount: (index as MiniSearch).documentCount,
      index: (index as MiniSearch).toJSON(),
    }),
  load: async (text, stories) => {
    const loaded = loadIndex(text)
    const byId = new Map(stories.map((story) => [story.id, story]))
    const loadStory = async (id: string) => byId.get(id) ?? null
    return async (q) => {
      const request = parseSearchParams(new URLSearchParams({ q, limit: String(TOP) }))
      const outcome = await executeSearch(loaded, request, loadStory)
      const typed = request.query.root ? typedWords(request.query.root) : []
      // The snippet is part of every answer the Worker gives, so its cost is part of ours here too.
      for (const { hit, terms } of outcome.hits) {
        const story = byId.get(hit.id)
        if (story && (terms.length > 0 || typed.length > 0)) makeSnippet(story.body, [...typed, ...terms])
      }
      return outcome.hits.map(({ hit }) => hit.id)
    }
  },
}

function typedWords(node: QueryNode): string[] {
  if (node.type === 'and' || node.type === 'or') return node.children.flatMap(typedWords)
  return queryWords(node.text).flatMap((word) => [word, ...word.split(/['\-/]/)])
}

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
  serialize: async (index) => JSON.stringify(index),
  load: async (text) => {
    const index = MiniSearch.loadJSON(text, { fields: MINISEARCH_FIELDS })
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
  serialize: async (db) => JSON.stringify(saveOrama(db as ReturnType<typeof create<typeof ORAMA_SCHEMA>>)),
  load: async (text) => {
    const db = create({ schema: ORAMA_SCHEMA })
    loadOrama(db, JSON.parse(text))
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
  serialize: async (index) => JSON.stringify(index),
  load: async (text) => {
    const index = lunr.Index.load(JSON.parse(text))
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
  serialize: async (index) => {
    const parts: [string, string][] = []
    await (index as Document).export((key: string, data: string) => {
      parts.push([key, data])
    })
    return JSON.stringify(parts)
  },
  load: async (text) => {
    const index = new Document(FLEX_OPTIONS)
    for (const [key, data] of JSON.parse(text) as [string, string][]) index.import(key, data)
    return async (q) => {
      const results = index.search(q, { limit: TOP, merge: true }) as unknown as { id: string }[]
      return results.slice(0, TOP).map((result) => String(result.id))
    }
  },
}

export const ENGINE_ADAPTERS: Record<NodeEngineName, EngineAdapter> = { ours, minisearch, orama, lunr: lunrEngine, flexsearch }
