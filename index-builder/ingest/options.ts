// Ingestion options: their defaults, and loading them from the archive's optional aliases.yml and archive.yml.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import type { BuildProblem } from '../../core/story-record'

/** Files over 5 MB are far beyond any single story; past this they are truncated for the index. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

export interface IngestOptions {
  /** Files larger than this are truncated for the index, with a warning. Default: 5 MB. */
  maxBytes: number
  /** Fandom for stories whose header and folder name none. Default: null. */
  defaultFandom: string | null
  /**
   * Short names and portmanteaus to canonical names or relationships, matched case-insensitively.
   * Default: none.
   *
   * @example { Clark: 'Clark Kent', Clex: 'Clark Kent/Lex Luthor' }
   */
  aliases: Record<string, string>
}

/** Fills in every option once, so the parsers never check for undefined. */
export function withDefaults(options: Partial<IngestOptions> = {}): IngestOptions {
  return {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    defaultFandom: options.defaultFandom ?? null,
    aliases: options.aliases ?? {},
  }
}

/**
 * Reads `aliases.yml` and `archive.yml` from the stories folder. Both are optional; a file that is
 * malformed is reported as a problem and its settings are left at their defaults, so one typo never
 * stops a build.
 */
export async function loadIngestOptions(storiesDir: string): Promise<{ options: IngestOptions; problems: BuildProblem[] }> {
  const problems: BuildProblem[] = []
  const options = withDefaults()

  const aliases = await readYamlMap(storiesDir, 'aliases.yml', problems)
  if (aliases) {
    for (const [short, canonical] of Object.entries(aliases)) {
      if (typeof canonical === 'string' && canonical.trim() !== '') options.aliases[short.trim()] = canonical.trim()
      else problems.push(configProblem('aliases.yml', `alias "${short}" in aliases.yml has no name to map to`, 'ignored this alias'))
    }
  }

  const archive = await readYamlMap(storiesDir, 'archive.yml', problems)
  if (archive) {
    const { defaultFandom, maxFileBytes } = archive
    if (typeof defaultFandom === 'string' && defaultFandom.trim() !== '') options.defaultFandom = defaultFandom.trim()
    else if (defaultFandom !== undefined && defaultFandom !== null) {
      problems.push(configProblem('archive.yml', 'defaultFandom in archive.yml is not a name', 'stories without a fandom get none'))
    }
    if (typeof maxFileBytes === 'number' && Number.isInteger(maxFileBytes) && maxFileBytes > 0) options.maxBytes = maxFileBytes
    else if (maxFileBytes !== undefined && maxFileBytes !== null) {
      problems.push(configProblem('archive.yml', 'maxFileBytes in archive.yml is not a positive whole number', `kept the default of ${DEFAULT_MAX_BYTES} bytes`))
    }
  }
  return { options, problems }
}

async function readYamlMap(dir: string, name: string, problems: BuildProblem[]): Promise<Record<string, unknown> | null> {
  let text: string
  try {
    text = await readFile(join(dir, name), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    problems.push(configProblem(name, `${name} could not be read (${(error as Error).message})`, 'used the defaults'))
    return null
  }
  let value: unknown
  try {
    value = load(text, { schema: CORE_SCHEMA })
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]
    problems.push(configProblem(name, `${name} is not valid YAML: ${reason}`, 'ignored the file and used the defaults'))
    return null
  }
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(configProblem(name, `${name} should be a map of "name: value" lines`, 'ignored the file and used the defaults'))
    return null
  }
  return value as Record<string, unknown>
}

function configProblem(file: string, problem: string, action: string): BuildProblem {
  return { file, problem, action, severity: 'warning' }
}
