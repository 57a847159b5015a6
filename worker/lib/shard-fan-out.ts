// Fans a search out to every shard Worker in parallel (Workers RPC over service bindings) and collects the answers.
// A shard that fails or is too slow costs its stories, not the response: the rest is returned, flagged partial.
import type StoryShard from '../shard'
import { ApiError } from './errors'
import type { SearchRequest, ShardAnswer } from './search'

/** How long the front waits for a shard unless SHARD_TIMEOUT_MS says otherwise: long enough for a cold shard to load its index. */
export const DEFAULT_SHARD_TIMEOUT_MS = 5_000

/** The bindings a sharded front Worker has (written by index-builder/shards.ts); a single Worker has none of them. */
export interface ShardedEnv {
  /** How many shards there are; bindings SHARD_0 .. SHARD_<count-1> must exist. Absent or "1": no fan-out. */
  SHARD_COUNT?: string
  /** Milliseconds to wait for each shard. Default: DEFAULT_SHARD_TIMEOUT_MS. */
  SHARD_TIMEOUT_MS?: string
}

/** What the front calls on a shard: StoryShard.search over RPC. */
export interface ShardSearcher {
  search(request: SearchRequest): Promise<ShardAnswer>
}

export interface FanOutResult {
  /** Answers from the shards that answered, in shard order. */
  answers: ShardAnswer[]
  /** True when at least one shard did not answer. */
  partial: boolean
  /** One sentence per shard that did not answer. */
  warnings: string[]
}

/**
 * The shard bindings in order, or null when this Worker is not sharded (no SHARD_COUNT, or one shard).
 * A SHARD_COUNT without its bindings is a broken deployment, not a slow shard: it throws.
 */
export function shardsOf(env: ShardedEnv): { shards: ShardSearcher[]; timeoutMs: number } | null {
  if (env.SHARD_COUNT === undefined) return null
  const count = Number(env.SHARD_COUNT)
  if (!Number.isInteger(count) || count < 1) throw new Error(`story-search: SHARD_COUNT must be a whole number of shards, got "${env.SHARD_COUNT}"`)
  if (count === 1 && !('SHARD_0' in env)) return null
  const bindings = env as unknown as Record<string, Service<StoryShard> | undefined>
  const shards = Array.from({ length: count }, (_, i) => {
    const binding = bindings[`SHARD_${i}`]
    if (!binding) throw new Error(`story-search: SHARD_COUNT is ${count} but there is no SHARD_${i} binding; rebuild the shards (npm run build:shards)`)
    return binding as unknown as ShardSearcher
  })
  const timeoutMs = env.SHARD_TIMEOUT_MS === undefined ? DEFAULT_SHARD_TIMEOUT_MS : Number(env.SHARD_TIMEOUT_MS)
  if (!(timeoutMs > 0)) throw new Error(`story-search: SHARD_TIMEOUT_MS must be a positive number of milliseconds, got "${env.SHARD_TIMEOUT_MS}"`)
  return { shards, timeoutMs }
}

class ShardTimeout extends Error {}

// Symbol.dispose exists in workerd; the Worker's TypeScript lib (ES2023) does not declare it.
const DISPOSE = (Symbol as unknown as { dispose?: symbol }).dispose

function disposeResult(result: unknown): void {
  if (DISPOSE === undefined || typeof result !== 'object' || result === null) return
  const dispose = (result as Record<symbol, unknown>)[DISPOSE]
  if (typeof dispose === 'function') dispose.call(result)
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ShardTimeout()), ms)
  })
  return Promise.race([work, timeout]).finally(() => {
    if (timer !== undefined) clearTimeout(timer)
  })
}

/**
 * Asks every shard at once and waits for each up to `timeoutMs`. Shards that fail or time out are reported in
 * `warnings`; when none answers there is nothing to show, and that is a 503.
 */
export async function fanOut(shards: ShardSearcher[], request: SearchRequest, timeoutMs: number): Promise<FanOutResult> {
  const calls = shards.map((shard) => {
    const call = Promise.resolve().then(() => shard.search(request))
    // Workers RPC gives every result a disposer and warns when one is left to the garbage collector. An answer is plain
    // data, still readable once disposed, so each is released as it arrives: also one that comes after its timeout.
    call.then(disposeResult, () => undefined)
    return withTimeout(call, timeoutMs)
  })
  const settled = await Promise.allSettled(calls)
  const answers: ShardAnswer[] = []
  const warnings: string[] = []
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') {
      answers.push(outcome.value)
      return
    }
    const reason =
      outcome.reason instanceof ShardTimeout ? `did not answer within ${timeoutMs} ms` : `failed (${String((outcome.reason as Error)?.message ?? outcome.reason).slice(0, 200)})`
    const warning = `shard ${i + 1} of ${shards.length} ${reason}; its stories are missing from these results`
    console.warn(`story-search: ${warning}`)
    warnings.push(warning)
  })
  if (answers.length === 0) throw new ApiError(503, 'shards_unavailable', `no shard answered this search; try again shortly (${warnings[0]})`)
  return { answers, partial: warnings.length > 0, warnings }
}
