// The judged query set (test/relevance/queries.json, described in test/relevance/JUDGING.md), read and checked.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Judgments } from './metrics'

export const QUERIES_FILE = fileURLToPath(new URL('../../test/relevance/queries.json', import.meta.url))

/**
 * The judged set in two parts, told apart by id: `q…` were judged over the demo stories and the classics (lines,
 * scenes, names, typos), `m…` over the real fan-fiction files, whose metadata the field boosts are measured on.
 */
export const QUERY_SETS: readonly { prefix: string; name: string }[] = [
  { prefix: 'q', name: 'demo stories and classics (q…)' },
  { prefix: 'm', name: 'real stories\' metadata (m…)' },
]

export interface JudgedQuery {
  id: string
  query: string
  kind: string
  judgments: Judgments
}

/** Reads the judged queries; throws on a malformed entry or a judgment for a document the corpus does not have. */
export async function loadJudgedQueries(file: string = QUERIES_FILE, knownIds?: ReadonlySet<string>): Promise<JudgedQuery[]> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
  if (!Array.isArray(parsed)) throw new Error(`eval: ${file} must hold an array of queries`)
  return parsed.map((entry: Partial<JudgedQuery>, i) => {
    if (typeof entry.id !== 'string' || typeof entry.query !== 'string' || typeof entry.kind !== 'string' || typeof entry.judgments !== 'object' || entry.judgments === null) {
      throw new Error(`eval: query #${i + 1} in ${file} needs id, query, kind and judgments`)
    }
    if (knownIds) {
      const unknown = Object.keys(entry.judgments).filter((id) => !knownIds.has(id))
      if (unknown.length > 0) throw new Error(`eval: ${entry.id} judges documents the corpus does not have: ${unknown.join(', ')}`)
    }
    return { id: entry.id, query: entry.query, kind: entry.kind, judgments: entry.judgments }
  })
}
