import { describe, expect, it } from 'vitest'
import { IndexContractError, SCHEMA_VERSION, parseIndexArtifact } from '../../worker/lib/index-contract'

describe('parseIndexArtifact', () => {
  it.each([
    ['not JSON', '{oops'],
    ['no schema version', '{}'],
    ['another schema version', JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, contentHash: 'x', storyCount: 0, index: {} })],
    ['a missing index', JSON.stringify({ schemaVersion: SCHEMA_VERSION, contentHash: 'x', storyCount: 0 })],
  ])('refuses an artifact with %s and says to rebuild', (_name, text) => {
    expect(() => parseIndexArtifact(text)).toThrow(IndexContractError)
    expect(() => parseIndexArtifact(text)).toThrow(/rebuild the index/)
  })
})
