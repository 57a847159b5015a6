// The OpenAPI 3.1 description of the public API, served at /api/openapi.json and checked against real responses in tests.
import { toJsonSchema } from '@valibot/to-json-schema'
import { SORT_ORDERS } from '../search/order'
import { MAX_QUERY_LENGTH, SEARCH_PARAMETERS } from '../query/search-params'
import { RATINGS } from '../../core/story-record'
import { NOT_IN_FEEDS } from '../../static/search-url.js'
import { FEED_ENTRIES } from './feed'

const string = { type: 'string' } as const
const stringList = { type: 'array', items: string } as const
const nullableString = { type: ['string', 'null'] } as const
const integer = { type: 'integer' } as const
/** The fields a search hit and a story share (a hit is the story's metadata without its text). */
const storyFields = {
  id: string,
  title: string,
  authors: stringList,
  rating: { type: 'string', enum: [...RATINGS] },
  fandoms: stringList,
  relationships: stringList,
  characters: stringList,
  warnings: stringList,
  tags: stringList,
  summary: string,
  date: nullableString,
  updated: { type: ['string', 'null'], description: 'The last update, or the date posted when the file names none' },
  complete: { type: ['boolean', 'null'] },
  words: integer,
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

/**
 * The search's parameters as OpenAPI lists them, made from the one schema the search reads them with
 * (worker/query/search-params.ts): bounds, patterns, defaults and descriptions cannot drift apart.
 */
function searchParameters() {
  return Object.entries(SEARCH_PARAMETERS.entries).map(([name, parameter]) => {
    const { $schema: _, description, ...schema } = toJsonSchema(parameter, { errorMode: 'ignore' }) as { $schema?: string; description?: string; type?: string }
    return {
      name,
      in: 'query',
      ...(description ? { description } : {}),
      schema,
      ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
    }
  })
}

let document: object | undefined

/** The document, made on the first request for it (not when an isolate starts). */
export function openapiDocument(): object {
  return (document ??= makeDocument())
}

function makeDocument() {
  const parameters = searchParameters()
  return {
    openapi: '3.1.0',
    info: {
      title: 'story-search',
      version: '1',
      description: 'Full-text search over a fan-fiction archive. Every route answers JSON and allows any origin (CORS).',
    },
    paths: {
      '/api/search': {
        get: {
          summary: 'Ranked search with filters, facets, snippets and paging',
          parameters,
          responses: {
            '200': { description: 'Search results', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResponse' } } } },
            '400': errorResponse('A parameter is out of bounds or malformed'),
          },
        },
      },
      '/feed.atom': {
        get: {
          summary: `The Atom feed of a search: its ${FEED_ENTRIES} most recently updated stories (page, limit and sort are ignored)`,
          parameters: parameters.filter((parameter) => !NOT_IN_FEEDS.includes(parameter.name)),
          responses: {
            '200': { description: 'An Atom 1.0 document (RFC 4287)', content: { 'application/atom+xml': {} } },
            '400': errorResponse('A parameter is out of bounds or malformed'),
          },
        },
      },
      '/api/suggest': {
        get: {
          summary: 'Suggestions for the search box',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY_LENGTH } }],
          responses: {
            '200': { description: 'Suggestions', content: { 'application/json': { schema: { $ref: '#/components/schemas/Suggestions' } } } },
            '400': errorResponse('q is too long'),
          },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary: "A story's metadata and full text",
          parameters: [{ name: 'id', in: 'path', required: true, schema: string }],
          responses: {
            '200': { description: 'The story', content: { 'application/json': { schema: { $ref: '#/components/schemas/Story' } } } },
            '404': errorResponse('No story with this id'),
          },
        },
      },
      '/api/health': {
        get: {
          summary: 'Which index is served',
          responses: { '200': { description: 'Health', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } },
        },
      },
      '/api/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } } },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: string, message: string } } },
        },
        IndexInfo: {
          type: 'object',
          required: ['version', 'builtAt', 'stories'],
          properties: { version: string, builtAt: string, stories: integer },
        },
        Snippet: {
          type: ['object', 'null'],
          required: ['text', 'highlights'],
          properties: {
            text: string,
            highlights: { type: 'array', items: { type: 'array', items: integer, minItems: 2, maxItems: 2 } },
          },
        },
        Hit: {
          type: 'object',
          required: ['id', 'title', 'author', 'authors', 'rating', 'words', 'date', 'updated', 'chapterCount', 'readingMinutes', 'complete', 'fandoms', 'relationships', 'characters', 'warnings', 'tags', 'summary', 'score', 'allWords', 'url', 'chapter', 'snippet'],
          properties: {
            ...storyFields,
            author: { type: 'string', description: 'All authors, comma-separated' },
            chapterCount: { type: 'integer', minimum: 1, description: 'Chapters in the file (1 for a story in one piece)' },
            readingMinutes: integer,
            score: { type: 'number' },
            allWords: { type: 'boolean', description: 'False when the story has only some of the query words (listed after those with all of them)' },
            url: string,
            chapter: {
              type: ['object', 'null'],
              description: 'For a story in chapters, the chapter the snippet is from (its page at `url`); null otherwise',
              required: ['number', 'title', 'url'],
              properties: { number: integer, title: string, url: string },
            },
            snippet: { $ref: '#/components/schemas/Snippet' },
          },
        },
        FacetCount: { type: 'object', required: ['value', 'count'], properties: { value: string, count: integer } },
        SearchResponse: {
          type: 'object',
          required: ['query', 'total', 'page', 'limit', 'facetLimit', 'sort', 'hits', 'facets', 'didYouMean', 'truncated', 'partial', 'warnings', 'tookMs', 'index'],
          properties: {
            query: string,
            total: integer,
            page: integer,
            limit: integer,
            facetLimit: integer,
            sort: { type: 'string', enum: [...SORT_ORDERS] },
            hits: { type: 'array', items: { $ref: '#/components/schemas/Hit' } },
            facets: {
              type: 'object',
              required: ['rating', 'fandom', 'relationship', 'character', 'warning', 'language', 'words'],
              properties: {
                rating: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                fandom: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                relationship: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                character: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                warning: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                language: { type: 'array', items: { $ref: '#/components/schemas/FacetCount' } },
                words: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['value', 'label', 'min', 'max', 'count'],
                    properties: { value: string, label: string, min: integer, max: { type: ['integer', 'null'] }, count: integer },
                  },
                },
              },
            },
            didYouMean: { ...nullableString, description: 'A corrected query that finds more stories with every word, else null' },
            truncated: { type: 'boolean', description: 'True when not every candidate of a phrase of three words or more, asked for or excluded, was checked (a search checks at most 500, from at most 32 text packs): total is an estimate (the unchecked counted at the rate the checked ones had the phrase). Unchecked candidates of a phrase asked for are in neither hits nor facets; those of an excluded phrase are left out where the page reached them, and counted in the facets past it. Once the checks or the text packs ran out, a page may miss stories that a check of every candidate would show, and may have fewer hits than limit (no page follows a short one)' },
            partial: { type: 'boolean', description: 'True when part of the index could not be read: some matching stories may be missing' },
            warnings: { ...stringList, description: 'Why the result is partial, one sentence per part of the index that could not be read' },
            tookMs: { type: 'number' },
            index: { $ref: '#/components/schemas/IndexInfo' },
          },
        },
        NamedCount: { type: 'object', required: ['value', 'count'], properties: { value: string, count: integer } },
        Suggestions: {
          type: 'object',
          required: ['query', 'completions', 'stories', 'authors', 'characters', 'relationships', 'fandoms'],
          properties: {
            query: string,
            completions: stringList,
            stories: { type: 'array', items: { type: 'object', required: ['id', 'title', 'url'], properties: { id: string, title: string, url: string } } },
            authors: { type: 'array', items: { $ref: '#/components/schemas/NamedCount' } },
            characters: { type: 'array', items: { $ref: '#/components/schemas/NamedCount' } },
            relationships: { type: 'array', items: { $ref: '#/components/schemas/NamedCount' } },
            fandoms: { type: 'array', items: { $ref: '#/components/schemas/NamedCount' } },
          },
        },
        Story: {
          type: 'object',
          required: ['id', 'sourcePath', 'format', 'title', 'authors', 'rating', 'fandoms', 'relationships', 'characters', 'warnings', 'tags', 'summary', 'notes', 'series', 'date', 'updated', 'complete', 'language', 'chapters', 'chaptersPlanned', 'words', 'wordsDeclared', 'readingMinutes', 'body', 'raw', 'extra'],
          properties: {
            ...storyFields,
            sourcePath: string,
            format: { type: 'string', enum: ['text', 'markdown', 'html'] },
            notes: string,
            series: { type: ['object', 'null'], required: ['title', 'part'], properties: { title: string, part: { type: ['integer', 'null'] } } },
            chapters: {
              type: 'array',
              description: 'The chapters, in order, each with where its text starts in `body`; empty for a story in one piece',
              items: { type: 'object', required: ['title', 'start'], properties: { title: string, start: integer } },
            },
            chaptersPlanned: { type: ['integer', 'null'], description: 'How many chapters the work is to have, when the file says' },
            language: { type: ['string', 'null'], description: 'Named in English; declared by the story or detected from its text' },
            wordsDeclared: { type: ['integer', 'null'] },
            readingMinutes: integer,
            body: string,
            raw: { type: 'object', additionalProperties: string },
            extra: { type: 'object', additionalProperties: string },
          },
        },
        Health: {
          type: 'object',
          required: ['status', 'index'],
          properties: { status: { type: 'string', enum: ['ok'] }, index: { $ref: '#/components/schemas/IndexInfo' } },
        },
      },
    },
  }
}
