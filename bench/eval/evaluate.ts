// Runs an engine over the judged queries and scores every ranking.
import type { Engine } from './engines'
import type { JudgedQuery } from './judgments'
import { meanScores, scoreRanking, type QueryScores } from './metrics'

export interface QueryOutcome {
  query: JudgedQuery
  ranking: string[]
  scores: QueryScores
}

export interface EngineRun {
  engine: string
  outcomes: QueryOutcome[]
  mean: QueryScores
  /** Mean scores per query kind, kinds in the order they first appear. */
  byKind: Map<string, QueryScores>
  /** Wall-clock time for all queries. */
  ms: number
}

export async function evaluate(engine: Engine, queries: readonly JudgedQuery[]): Promise<EngineRun> {
  const started = performance.now()
  const outcomes: QueryOutcome[] = []
  for (const query of queries) {
    const ranking = await engine.search(query.query)
    outcomes.push({ query, ranking, scores: scoreRanking(ranking, query.judgments) })
  }
  const ms = performance.now() - started
  return { engine: engine.name, outcomes, mean: meanScores(outcomes.map((o) => o.scores)), byKind: scoresByKind(outcomes), ms }
}

export function scoresByKind(outcomes: readonly QueryOutcome[]): Map<string, QueryScores> {
  const groups = new Map<string, QueryScores[]>()
  for (const { query, scores } of outcomes) groups.set(query.kind, [...(groups.get(query.kind) ?? []), scores])
  return new Map([...groups].map(([kind, scores]) => [kind, meanScores(scores)]))
}
