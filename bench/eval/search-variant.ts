// Loads worker/search/search.ts with other values for its tuning constants, to measure them without editing the source.
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ExecuteSearch } from './engines'

const SEARCH_DIR = fileURLToPath(new URL('../../worker/search/', import.meta.url))

/** The constants of search.ts an experiment may vary. */
export interface SearchTuning {
  stemWeight: number
  /** Words this long or longer get typo tolerance. */
  fuzzyMinLength: number
  /** Edits allowed for a typo-tolerant word shorter than `fuzzyLongFrom`. */
  fuzzyShort: number
  /** Edits allowed from `fuzzyLongFrom` letters on. */
  fuzzyLong: number
  fuzzyLongFrom: number
  /** What neighbouring typed words standing together add (their pair's score times this). */
  proximityWeight: number
  /** What a completion of the word being typed counts when the archive has the typed word itself. */
  completionWeight: number
}

// Each pattern must match exactly once in search.ts, so a refactoring there makes the experiment fail, not lie.
const PATTERNS: { pattern: RegExp; replace: (t: SearchTuning) => string }[] = [
  { pattern: /const STEM_WEIGHT = [\d.]+/g, replace: (t) => `const STEM_WEIGHT = ${t.stemWeight}` },
  { pattern: /const PROXIMITY_WEIGHT = [\d.]+/g, replace: (t) => `const PROXIMITY_WEIGHT = ${t.proximityWeight}` },
  { pattern: /const COMPLETION_WEIGHT = [\d.]+/g, replace: (t) => `const COMPLETION_WEIGHT = ${t.completionWeight}` },
  { pattern: /const FUZZY_MIN_LENGTH = \d+/g, replace: (t) => `const FUZZY_MIN_LENGTH = ${t.fuzzyMinLength}` },
  { pattern: /\(word\.length >= \d+ \? \d+ : \d+\)/g, replace: (t) => `(word.length >= ${t.fuzzyLongFrom} ? ${t.fuzzyLong} : ${t.fuzzyShort})` },
]

/** The values search.ts has now, read from its source. */
export async function currentTuning(): Promise<SearchTuning> {
  const source = await readFile(join(SEARCH_DIR, 'search.ts'), 'utf8')
  const stem = /const STEM_WEIGHT = ([\d.]+)/.exec(source)
  const min = /const FUZZY_MIN_LENGTH = (\d+)/.exec(source)
  const distances = /\(word\.length >= (\d+) \? (\d+) : (\d+)\)/.exec(source)
  const proximity = /const PROXIMITY_WEIGHT = ([\d.]+)/.exec(source)
  const completion = /const COMPLETION_WEIGHT = ([\d.]+)/.exec(source)
  if (!stem || !min || !distances || !proximity || !completion) throw new Error('eval: cannot find the tuning constants in worker/search/search.ts')
  return { stemWeight: Number(stem[1]), fuzzyMinLength: Number(min[1]), fuzzyLongFrom: Number(distances[1]), fuzzyLong: Number(distances[2]), fuzzyShort: Number(distances[3]), proximityWeight: Number(proximity[1]), completionWeight: Number(completion[1]) }
}

export function describeTuning(t: SearchTuning): string {
  return `stem ${t.stemWeight}, fuzzy from ${t.fuzzyMinLength} letters: ${t.fuzzyShort} edit${t.fuzzyShort === 1 ? '' : 's'}, ${t.fuzzyLong} from ${t.fuzzyLongFrom}, proximity ${t.proximityWeight}, completions ${t.completionWeight}`
}

/**
 * Writes a copy of search.ts with the given constants to a temporary folder, its imports pointed back at the
 * real modules (so it shares MiniSearch and everything else with the index), and imports it.
 */
export async function loadSearchVariants(tunings: SearchTuning[]): Promise<{ variants: ExecuteSearch[]; cleanup: () => Promise<void> }> {
  const source = await readFile(join(SEARCH_DIR, 'search.ts'), 'utf8')
  const dir = await mkdtemp(join(tmpdir(), 'story-search-variant-'))
  const minisearch = import.meta.resolve('minisearch')
  let importsFixed = source.replace(/from '(\.\.?\/[^']+)'/g, (_, path: string) => `from '${pathToFileURL(join(SEARCH_DIR, path.endsWith('.js') ? path : `${path}.ts`)).href}'`)
  importsFixed = importsFixed.replace(/from 'minisearch'/g, `from '${minisearch}'`)
  for (const match of importsFixed.matchAll(/from 'file:\/\/([^']+)'/g)) await access(fileURLToPath(`file://${match[1]}`))
  const variants: ExecuteSearch[] = []
  for (const [i, tuning] of tunings.entries()) {
    let text = importsFixed
    for (const { pattern, replace } of PATTERNS) {
      const count = text.match(pattern)?.length ?? 0
      if (count !== 1) throw new Error(`eval: expected ${pattern} once in worker/search/search.ts, found it ${count} times`)
      text = text.replace(pattern, replace(tuning))
    }
    const file = join(dir, `search-${i}.mts`)
    await writeFile(file, text)
    const module = (await import(pathToFileURL(file).href)) as { executeSearch: ExecuteSearch }
    variants.push(module.executeSearch)
  }
  return { variants, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
