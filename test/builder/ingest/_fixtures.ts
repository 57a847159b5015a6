// Reads ingestion fixtures and the demo archive's stories for the ingest tests.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The demo archive as the tests know it (a copy of stories/, which an archive owner replaces with their own). */
export const STORIES_DIR = `${ROOT}test/fixtures/demo`

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(`${ROOT}test/fixtures/ingest/${name}`)
}

export function storyBytes(name: string): Uint8Array {
  return readFileSync(`${STORIES_DIR}/${name}`)
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
