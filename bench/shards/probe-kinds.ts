// `npx tsx bench/shards/probe-kinds.ts --stories DIR --out build/shards-bench-N`: serves an already built sharded deployment
// and times each kind of query in the mix, one at a time (warm), to see which kinds dominate the tail.
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { readdir } from 'node:fs/promises'
import { readArchive } from '../../index-builder/build-index'
import { startDev } from './dev-session'
import { makeQueryMix } from './query-mix'

const { values } = parseArgs({ options: { stories: { type: 'string' }, out: { type: 'string' } } })
const out = values.out!
const shardConfigs = (await readdir(out)).filter((name) => /^shard-\d+\.toml$/.test(name)).sort()
const session = await startDev([join(out, 'front.toml'), ...shardConfigs.map((name) => join(out, name))], 300_000)
try {
  const { stories } = await readArchive(values.stories!)
  const mix = makeQueryMix(stories)
  await fetch(`${session.url}/api/search?q=warm`).then((r) => r.json())
  const byKind = new Map<string, number[]>()
  let n = 0
  for (const query of mix) {
    const started = performance.now()
    try {
      await fetch(`${session.url}/api/search?${new URLSearchParams({ q: query.q, n: String(n++) })}`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.json())
    } catch {
      console.log(JSON.stringify({ slow: query }))
    }
    const ms = performance.now() - started
    if (ms > 2000) console.log(JSON.stringify({ ms: Math.round(ms), ...query }))
    const times = byKind.get(query.kind) ?? []
    times.push(ms)
    byKind.set(query.kind, times)
  }
  for (const [kind, times] of byKind) {
    times.sort((a, b) => a - b)
    console.log(JSON.stringify({ kind, n: times.length, median: Math.round(times[Math.floor(times.length / 2)]!), max: Math.round(times[times.length - 1]!) }))
  }
} finally {
  await session.stop()
}
