// Ranking metrics over graded judgments: NDCG@k, reciprocal rank and recall@k, pure and tested case by case.

/** Document id → grade (1–3). A document that is not listed has grade 0. */
export type Judgments = Readonly<Record<string, number>>

/** Cut-off for NDCG and recall, and the page size both engines are asked for. */
export const CUTOFF = 10

/**
 * The lowest grade that counts as "relevant" for reciprocal rank and recall. Grade 1 is "mentioned in a
 * meaningful way, or a plausible but unlikely target"; a searcher who lands on it has not found what they wanted.
 */
export const RELEVANT_GRADE = 2

function gradeOf(judgments: Judgments, id: string): number {
  return Object.hasOwn(judgments, id) ? judgments[id]! : 0
}

/** Gain of one grade: exponential, so one grade-3 hit is worth more than two grade-2 hits. */
export function gain(grade: number): number {
  return 2 ** grade - 1
}

/**
 * Discounted cumulative gain of grades in rank order, over the first `k`.
 *
 * @example dcg([3, 0, 2], 10) // 7/log2(2) + 0 + 3/log2(4) = 8.5
 */
export function dcg(grades: readonly number[], k: number = CUTOFF): number {
  let total = 0
  for (let i = 0; i < Math.min(k, grades.length); i++) total += gain(grades[i]!) / Math.log2(i + 2)
  return total
}

/**
 * NDCG@k: the DCG of the ranking over the DCG of the ideal ranking of the judged documents.
 * A ranking that repeats an id is credited once for it (a search never should, but a metric must not reward it).
 * 0 when the judgments hold no positive grade.
 */
export function ndcg(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF): number {
  const ideal = dcg(
    Object.values(judgments)
      .filter((grade) => grade > 0)
      .sort((a, b) => b - a),
    k,
  )
  if (ideal === 0) return 0
  const seen = new Set<string>()
  const grades = ranking.slice(0, k).map((id) => {
    if (seen.has(id)) return 0
    seen.add(id)
    return gradeOf(judgments, id)
  })
  return dcg(grades, k) / ideal
}

/** 1/rank of the first document graded `minGrade` or more within the first `k`; 0 when there is none. */
export function reciprocalRank(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF, minGrade: number = RELEVANT_GRADE): number {
  const at = ranking.slice(0, k).findIndex((id) => gradeOf(judgments, id) >= minGrade)
  return at === -1 ? 0 : 1 / (at + 1)
}

/** Share of the documents graded `minGrade` or more that appear within the first `k`; 0 when none is judged so. */
export function recall(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF, minGrade: number = RELEVANT_GRADE): number {
  const relevant = Object.keys(judgments).filter((id) => gradeOf(judgments, id) >= minGrade)
  if (relevant.length === 0) return 0
  const top = new Set(ranking.slice(0, k))
  return relevant.filter((id) => top.has(id)).length / relevant.length
}

export interface QueryScores {
  ndcg: number
  mrr: number
  recall: number
}

/** The three metrics of one ranking. */
export function scoreRanking(ranking: readonly string[], judgments: Judgments, k: number = CUTOFF): QueryScores {
  return { ndcg: ndcg(ranking, judgments, k), mrr: reciprocalRank(ranking, judgments, k), recall: recall(ranking, judgments, k) }
}

/** Arithmetic mean of each metric; zeros for an empty list. */
export function meanScores(scores: readonly QueryScores[]): QueryScores {
  if (scores.length === 0) return { ndcg: 0, mrr: 0, recall: 0 }
  const sum = (pick: (s: QueryScores) => number) => scores.reduce((total, s) => total + pick(s), 0) / scores.length
  return { ndcg: sum((s) => s.ndcg), mrr: sum((s) => s.mrr), recall: sum((s) => s.recall) }
}
