// A shard Worker: one slice of the archive's index, searched over Workers RPC by the front Worker (lib/shard-fan-out.ts).
// It bundles its own index ("story-search:index", set per shard by the generated config) and its stories' fragments,
// which phrase checks read locally. No pages, no Hono: only the search.
import { WorkerEntrypoint } from 'cloudflare:workers'
import { loadStory } from './lib/fragments'
import { searchShard, type SearchRequest, type ShardAnswer } from './lib/search'
import { getShardIndex } from './lib/shard-index'

export interface ShardEnv {
  ASSETS: Fetcher
}

export default class StoryShard extends WorkerEntrypoint<ShardEnv> {
  /** Every match in this shard, counted and faceted; the first `page × limit` in the requested order. */
  async search(request: SearchRequest): Promise<ShardAnswer> {
    const index = await getShardIndex()
    return searchShard(index, request, (id) => loadStory(this.env.ASSETS, id))
  }

  /** Shards answer only RPC; a stray HTTP request learns where it is. */
  override async fetch(): Promise<Response> {
    return new Response('story-search shard: searched through the front Worker only\n', { status: 404 })
  }
}
