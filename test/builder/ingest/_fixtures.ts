// Reads ingestion fixtures and the demo archive's stories for the ingest tests.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export const STORIES_DIR = `${ROOT}stories`

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(`${ROOT}test/fixtures/ingest/${name}`)
}

export function storyBytes(name: string): Uint8Array {
  return readFileSync(`${STORIES_DIR}/${name}`)
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
