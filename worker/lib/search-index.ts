// Loads the bundled index once per isolate, on first use, and shares the promise between concurrent requests.
// A Text module (see wrangler.toml [[rules]]): bundling it costs nothing at start-up; parsing waits for a request.
import INDEX_TEXT from 'story-search:index'
import { loadIndex, type LoadedIndex } from './index-contract'

let loading: Promise<LoadedIndex> | undefined

export function getSearchIndex(): Promise<LoadedIndex> {
  loading ??= Promise.resolve().then(() => loadIndex(INDEX_TEXT))
  return loading
}
