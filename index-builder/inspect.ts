// `npm run inspect -- PATH...`: prints, as JSON, what the builder makes of each story file (or of every story file
// in a folder): the record without its body, the id the build serves it under, which rule found each field, and
// the problems. Exits 1 when a file cannot be read.
import { readFile, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { BuildProblem } from '../core/story-record'
import { fail, isMainModule, readCommandLine } from './command-line'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions } from './ingest/options'
import { listStoryFiles } from './read-stories'

const USAGE = 'usage: npm run inspect -- [--stories DIR] FILE_OR_FOLDER...'
const DEFAULT_STORIES = 'stories'

export interface Inspection {
  file: string
  /** False for an empty or binary file, which the build reports and does not serve. */
  served?: boolean
  provenance?: Record<string, string>
  problems: BuildProblem[]
  [field: string]: unknown
}

/**
 * Inspects files and folders. Ids and folder fandoms are read from the path relative to the archive folder, as the
 * build reads them: `storiesDir` when given, else `stories/` when the path is inside it, else the path's own folder.
 */
export async function inspectPaths(paths: string[], storiesDir?: string): Promise<Inspection[]> {
  const output: Inspection[] = []
  for (const path of paths) {
    const isFolder = await stat(path).then((s) => s.isDirectory(), () => false)
    const archive = archiveFolder(path, isFolder, storiesDir)
    const files = isFolder ? (await listStoryFiles(path)).map((file) => join(path, file)) : [path]
    for (const file of files) output.push(await inspectFile(file, archive))
  }
  return output
}

async function inspectFile(file: string, archive: string): Promise<Inspection> {
  const { options, problems: optionProblems } = await loadIngestOptions(archive)
  const sourcePath = relative(archive, resolve(file)).split(sep).join('/')
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    return { file, problems: [{ file: sourcePath, problem: `cannot read file: ${(error as Error).message}`, action: 'skipped', severity: 'error' }] }
  }
  const { record, problems, isStory, provenance } = parseStoryFile(bytes, sourcePath, options)
  const { body: _body, ...withoutBody } = record
  // The id is the build's (a second file with the same id would get a `-2` suffix, which only a whole build can tell).
  return { file, ...withoutBody, served: isStory, provenance, problems: [...optionProblems, ...problems] }
}

function archiveFolder(path: string, isFolder: boolean, storiesDir: string | undefined): string {
  if (storiesDir) return resolve(storiesDir)
  const stories = resolve(DEFAULT_STORIES)
  const absolute = resolve(path)
  if (absolute === stories || absolute.startsWith(stories + sep)) return stories
  return isFolder ? absolute : dirname(absolute)
}

async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(USAGE, { options: { stories: { type: 'string' } }, allowPositionals: true })
  if (positionals.length === 0) fail(USAGE, 'story-search: name at least one story file or folder')
  const output = await inspectPaths(positionals, values.stories)
  console.log(JSON.stringify(output, null, 2))
  // A file that could not be read at all is a failed inspection, whatever the others gave.
  if (output.some((entry) => entry.problems.some((problem) => problem.problem.startsWith('cannot read file')))) process.exitCode = 1
}

if (isMainModule(import.meta.url)) await main()
