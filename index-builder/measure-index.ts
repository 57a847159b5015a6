// Loads a built index the way the Worker does and prints, as JSON, how long that took and how much heap it holds.
// Run in a fresh process (`node --expose-gc --import tsx index-builder/measure-index.ts FILE`) so nothing else is on the heap.
import { readFile } from 'node:fs/promises'
import { loadIndex } from '../worker/lib/index-contract'

const file = process.argv[2]
if (!file) {
  console.error('usage: node --expose-gc --import tsx index-builder/measure-index.ts INDEX_FILE')
  process.exit(2)
}
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {})
collect()
const baseline = process.memoryUsage().heapUsed
// The Worker holds the index text as a module string for the isolate's life, so it counts.
const text = await readFile(file, 'utf8')
const started = performance.now()
const index = loadIndex(text)
index.search.search('the')
const loadMs = performance.now() - started
collect()
console.log(JSON.stringify({ loadMs, heapBytes: process.memoryUsage().heapUsed - baseline, stories: index.storyCount }))
