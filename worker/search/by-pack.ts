// Reading several stories at once without reading a pack twice. An isolate's cache keeps values, never promises (workerd
// cancels a request that awaits a promise another request started), so two stories of one pack asked for at once would
// each read the pack: a pack of a dozen stories could be read a dozen times by one search.
import type { SearchIndex } from './search'

/**
 * `run` for each of `shortIds`, answers in their order: the stories of different packs at once, those of one pack one
 * after another, so that the first reads the pack and the others find it kept.
 */
export async function eachByPack<T>(index: Pick<SearchIndex, 'textPiece'>, shortIds: readonly number[], run: (shortId: number, i: number) => Promise<T>): Promise<T[]> {
  const answers = new Array<T>(shortIds.length)
  const groups = new Map<string | number, number[]>()
  shortIds.forEach((shortId, i) => {
    // A story read from no pack is a group of its own.
    const key = index.textPiece(shortId)?.name ?? -1 - i
    const group = groups.get(key)
    if (group) group.push(i)
    else groups.set(key, [i])
  })
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const i of group) answers[i] = await run(shortIds[i]!, i)
    }),
  )
  return answers
}
