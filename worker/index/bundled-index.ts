// The index directory a Worker bundles. wrangler.toml's [alias] points "story-search:index" at this module (tests point
// it at their own build), and the relative import below is what wrangler's Text rule applies to.
export { default } from '../../build/search.index.json'
