// The index a single Worker bundles. wrangler.toml's [alias] points "story-search:index" at this module (a generated
// sharded config points it at its shard's own), and the relative import below is what wrangler's Text rule applies to.
export { default } from '../../build/search.index.json'
