// Loads a shard Worker's bundled index once per isolate, with the archive-wide statistics it ranks by.
import MiniSearch from 'minisearch'
import { applyArchiveTermCounts, type ArchiveStats } from './archive-stats'
import { MINISEARCH_OPTIONS, indexVersion, parseIndexArtifact, type IndexDocument, type LoadedIndex } from './index-contract'
import INDEX_TEXT from 'story-search:index'

let loading: Promise<LoadedIndex> | undefined

/** Like loadIndex, plus the shard's archive statistics (artifacts written by index-builder/shards.ts). */
export function loadShardIndex(text: string): LoadedIndex {
  const artifact = parseIndexArtifact(text) as ReturnType<typeof parseIndexArtifact> & { archiveStats?: ArchiveStats }
  const search = MiniSearch.loadJS<IndexDocument>(artifact.index, MINISEARCH_OPTIONS)
  if (artifact.archiveStats) applyArchiveTermCounts(search as MiniSearch<unknown>, artifact.archiveStats.termDocumentCounts)
  return { search, version: indexVersion(artifact), builtAt: artifact.builtAt, storyCount: artifact.storyCount }
}

export function getShardIndex(): Promise<LoadedIndex> {
  loading ??= Promise.resolve().then(() => loadShardIndex(INDEX_TEXT))
  return loading
}
