// Shards that misbehave, for the fan-out tests: one never answers in time, one throws.
import { WorkerEntrypoint } from 'cloudflare:workers'

export class SlowShard extends WorkerEntrypoint {
  async search(): Promise<never> {
    await new Promise((resolve) => setTimeout(resolve, 60_000))
    throw new Error('SlowShard answered after the test was over')
  }
}

export class FailingShard extends WorkerEntrypoint {
  async search(): Promise<never> {
    throw new Error('this shard is broken on purpose')
  }
}

export default class extends WorkerEntrypoint {
  override async fetch(): Promise<Response> {
    return new Response('faulty shards for tests\n', { status: 404 })
  }
}
