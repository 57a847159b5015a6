// Placeholder until the ingestion options loader lands.
import type { BuildProblem } from '../../worker/lib/story-record'
import type { IngestOptions } from './index'

export async function loadIngestOptions(_storiesDir: string): Promise<{ options: IngestOptions; problems: BuildProblem[] }> {
  return { options: { maxBytes: 5 * 1024 * 1024, defaultFandom: null, aliases: {} }, problems: [] }
}
