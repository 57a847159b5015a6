// Reads a command's options the same way for every command: an unknown or malformed option prints the usage and exits 2
// (no stack trace), and --help prints the usage and exits 0.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'

/**
 * Parses `process.argv` strictly with `config`, adding `--help`.
 *
 * @example const { values } = readCommandLine('usage: npm start [-- --stories DIR]', { options: { stories: { type: 'string' } } })
 */
export function readCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const withHelp = { ...config, options: { ...config.options, help: { type: 'boolean', short: 'h' } }, strict: true } as T
  let parsed: ReturnType<typeof parseArgs<T>>
  try {
    parsed = parseArgs(withHelp)
  } catch (error) {
    fail(usage, (error as Error).message)
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage)
    process.exit(0)
  }
  return parsed
}

/** Stops the command with a message and its usage: the caller's input was wrong. */
export function fail(usage: string, message: string): never {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

/** Whether the module at `moduleUrl` (its `import.meta.url`) is the command being run, not imported by another. */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl)
}
