// Every story in the loaded index with the few fields pages need (sitemap, previous/next), listed once per index.
import MiniSearch from 'minisearch'
import type { LoadedIndex, StoredStory } from './index-contract'

export interface ListedStory {
  id: string
  title: string
  authors: string[]
  date: string | null
}

const lists = new WeakMap<LoadedIndex, ListedStory[]>()

/** The stories of `index`, in id order; computed on first use and kept with the index. */
export function listStories(index: LoadedIndex): ListedStory[] {
  let list = lists.get(index)
  if (!list) {
    const stored = index.search.search(MiniSearch.wildcard) as unknown as (StoredStory & { id: string })[]
    list = stored.map(({ id, title, authors, date }) => ({ id, title, authors, date })).sort((a, b) => a.id.localeCompare(b.id))
    lists.set(index, list)
  }
  return list
}
