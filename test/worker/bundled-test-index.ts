// The index the Worker tests bundle when this config is run by wrangler: the test build from global-setup.ts.
// (Under vitest, vitest.config.mts aliases "story-search:index" to the same file.)
export { default } from '../../build/test/search.index.json'
