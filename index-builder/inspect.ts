// `npm run inspect -- FILE...`: prints the record the builder makes for each file (without the body), as JSON.
import { readFile } from 'node:fs/promises'
import { basename, dirname, relative, resolve } from 'node:path'
import { fail, readCommandLine } from './command-line'
import { parseStoryFile } from './ingest/index'
import { loadIngestOptions } from './ingest/options'

const USAGE = 'usage: npm run inspect -- FILE...'
const files = readCommandLine(USAGE, { options: {}, allowPositionals: true }).positionals
if (files.length === 0) fail(USAGE, 'story-search: name at least one story file')

const output = []
for (const file of files) {
  // Options (aliases, default fandom) come from the archive folder the file sits in.
  const archive = dirname(resolve(file))
  const { options, problems: optionProblems } = await loadIngestOptions(archive)
  try {
    const bytes = await readFile(file)
    const { record, problems } = parseStoryFile(bytes, relative(archive, resolve(file)) || basename(file), options)
    const { body: _body, ...withoutBody } = record
    output.push({ file, ...withoutBody, problems: [...optionProblems, ...problems] })
  } catch (error) {
    output.push({ file, problems: [{ file, problem: `cannot read file: ${(error as Error).message}`, action: 'skipped', severity: 'error' }] })
  }
}
console.log(JSON.stringify(output, null, 2))
// A file that could not be read at all is a failed inspection, whatever the others gave.
if (output.some((entry) => entry.problems.some((problem) => problem.problem.startsWith('cannot read file')))) process.exitCode = 1
