// No regular expression that sees user input or story text backtracks catastrophically, checked without a clock bound.
// 1. recheck, a ReDoS analyser, reads every regex literal in core/, worker/, index-builder/ and static/ and says, from its structure,
//    whether some input makes it super-linear. A new one that is must be rewritten or reviewed below.
// 2. Those inputs (recheck's attack strings) and long runs of the usual suspects go through the public functions that
//    reach the regexes, story files included, and the time must grow linearly: the time on 4n characters against the
//    time on n, measured in the same run, so a busy or slow machine changes both sides alike.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { checkSync, type Diagnostics } from 'recheck'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../index-builder/ingest/index'
import { parseQuery } from '../../worker/query/query-parser'
import { parseSearchParams } from '../../worker/query/search-params'
import { makeSnippet } from '../../worker/present/snippet'
import { isValidStoryId } from '../../core/story-id'
import { countWords, foldForMatching, queryWords, tokenize } from '../../core/text'
import { fixtureBytes, utf8 } from '../builder/ingest/_fixtures'

const ROOT = join(import.meta.dirname, '..', '..')
/** The smaller input; the larger is four times as long. */
const N = 10_000
/** Linear work grows about 4× from n to 4n, quadratic 16×: anything past this is not linear. */
const MAX_GROWTH = 10
/** Below this a measurement is noise (timer resolution, a stray pause): the ratio is taken against at least this. */
const FLOOR_MS = 2
/**
 * Measurements more of each size when a ratio is over the bound (a stray GC or page fault is not growth), within a
 * budget of CPU time so that work that really is quadratic is not measured for minutes.
 */
const RETRIES = 10
const RETRY_BUDGET_MS = 3_000
/** A ratio this large is no measurement's noise: it is reported without the confirmation on 16n. */
const CLEARLY_SUPER_LINEAR = 40

/** Every regex literal in the TypeScript files under `dirs`: `file /source/flags`. */
function regexLiterals(dirs: string[]): { where: string; source: string; flags: string }[] {
  const found: { where: string; source: string; flags: string }[] = []
  const visitFile = (file: string) => {
    const kind = file.endsWith('.js') ? ts.ScriptKind.JS : file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind)
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source)
        const slash = text.lastIndexOf('/')
        found.push({ where: `${relative(ROOT, file)} ${text}`, source: text.slice(1, slash), flags: text.slice(slash + 1) })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      // Tests beside the code are not what serves: their regexes never see a reader's input.
      else if (/\.(tsx?|js)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) visitFile(path)
    }
  }
  for (const dir of dirs) walk(join(ROOT, dir))
  return found
}

/**
 * Regexes recheck finds super-linear, and why no input reaches them at a harmful length. Each reason is also checked:
 * recheck's attack on each of them goes through the story parser below. A regex that recheck no longer finds
 * super-linear, or that is gone, must leave this list.
 */
const REVIEWED: Record<string, string> = {
  'index-builder/ingest/ao3-html.ts /\\s*,\\s*/': 'readTag collapses every whitespace run to one space first',
  'index-builder/ingest/build-record.ts /\\s+(?:and|&)\\s+/i': 'author values come from header lines, length-capped first',
  'index-builder/ingest/build-record.ts /\\n|;|\\s+\\|\\s+|\\s*\\(/': 'split on a header value, length-capped first',
  'index-builder/ingest/ffn-line.ts /\\s+-\\s+/': 'only on a line that starts as an FFN "Rated:" line, length-capped first',
  'index-builder/ingest/ffn-line.ts /^([A-Za-z ]{1,20}):\\s*(.*)$/': 'anchored; the bounded class limits each start to 20 characters',
  'index-builder/ingest/html-to-text.ts /[ \\t]*\\n[ \\t]*/g': 'runs after spaces and tabs are collapsed to one',
  'index-builder/ingest/labels.ts /\\s*(?:\\/|&|\\band\\b)\\s*/i': 'labels are header values, length-capped first',
  'index-builder/ingest/markdown.ts /^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$/': 'only on lines of at most 500 characters',
  'index-builder/ingest/normalize-rating.ts /[.!]+$/': 'ratings are header values, length-capped first',
  'core/ratings.ts /[,;:!]+$/': 'header values are length-capped first; filter values and q are at most 200 and 500 characters',
  'index-builder/ingest/plain-text-headers.ts /\\s*,\\s*/': 'inside a [bracket] group of at most 200 characters',
  'index-builder/ingest/relationships.ts /\\s*(?:\\/|\\s[x×]\\s)\\s*/': 'relationship values are header values, length-capped first',
  'index-builder/ingest/relationships.ts /\\s*&\\s*/': 'relationship values are header values, length-capped first',
  'index-builder/ingest/relationships.ts /\\s+and\\s+|\\s*[&/]\\s*/i': 'relationship values are header values, length-capped first',
  'index-builder/ingest/relationships.ts /\\s+and\\s+/i': 'relationship values are header values, length-capped first',
  'index-builder/ingest/series.ts /^(.+?)\\s*(?:#|,\\s*part\\s+|\\s+part\\s+)(\\d{1,4})$/i': 'only on a series name of at most 200 characters',
  'core/story-id.ts /^-+|-+$/g': 'on one path segment, which the file system caps at 255 bytes',
  'tools/query-mix.ts /[.!?"\'\\n]\\s*$/': 'on the two characters before a word, when drawing the query mix',
  'tools/query-mix.ts /\\s*[/&]\\s*/': 'on relationship names, header values length-capped when parsed',
}

/** recheck's verdict on every literal, once: the structural half of the check. */
// static/ too: its scripts run in readers' browsers, and search-url.js and reader-state.js in the Worker as well.
const VERDICTS = regexLiterals(['core', 'worker', 'index-builder', 'tools', 'static']).map((literal) => ({
  ...literal,
  // The automaton checker is exact where it answers; what it cannot model (lookaround, back-references) or cannot
  // finish in time comes back "unknown" and is left to the growth checks below.
  verdict: checkSync(literal.source, literal.flags, { checker: 'automaton', timeout: 2_000 }) as Diagnostics,
}))

/** A string of about `length` characters built from one of recheck's attacks: its prefixes, pumped parts and suffix. */
function attackOfLength(verdict: Diagnostics, length: number): string | null {
  if (verdict.status !== 'vulnerable') return null
  const { pumps, suffix } = verdict.attack
  const fixed = pumps.reduce((sum, pump) => sum + pump.prefix.length, 0) + suffix.length
  const pumped = pumps.reduce((sum, pump) => sum + pump.pump.length, 0)
  if (pumped === 0) return null
  const repeat = Math.max(1, Math.floor((length - fixed) / pumped))
  return pumps.map((pump) => pump.prefix + pump.pump.repeat(repeat)).join('') + suffix
}

/**
 * Inputs that make a backtracking regex go super-linear: long runs of one character (what `\s*x`, `[a-z]+:` and
 * `(a|a)*` chew on), runs of two alternating characters (`a-a-a-`, `a a a`), each ending in a character that makes the
 * match fail at the very end, and every attack recheck found.
 */
function adversarialStrings(length: number): { name: string; text: string }[] {
  const singles = [' ', '\t', '\n', '\r\n', 'a', 'Z', '1', '-', "'", '/', ':', ',', '.', '*', '_', '=', '#', '<', '&', 'é', '\u00a0', '\u2014', '\u2019', '"', '(', '~', '[', '!']
  const pairs = ['a-', '-*', "a'", 'a/', 'a ', 'a:', 'a,', 'a.', 'a\n', '1,', '1.', ' \n', 'a*', 'a_', ': ', '\n\n ', '![', '[]']
  const out = [...singles, ...pairs].map((s) => ({ name: JSON.stringify(s.slice(0, 4)), text: s.repeat(Math.ceil(length / s.length)).slice(0, length) + '\u0001' }))
  out.push({ name: 'title', text: `Title: ${'a'.repeat(length)}` }, { name: 'a: a: ', text: 'a: '.repeat(length / 3) }, { name: '<aaa', text: `<${'a'.repeat(length)}` })
  for (const { where, verdict } of VERDICTS) {
    const text = attackOfLength(verdict, length)
    if (text !== null) out.push({ name: `attack on ${where}`, text })
  }
  return out
}

/**
 * CPU milliseconds `run` takes in this process (vitest runs each test file in a process of its own). Not wall time:
 * on a machine whose cores are busy, a long run is preempted more often than a short one, and wall time made a
 * linear parse look 10.6× slower on four times the input.
 */
function timed(run: () => unknown): number {
  const started = process.cpuUsage()
  run()
  const used = process.cpuUsage(started)
  return (used.user + used.system) / 1000
}

/**
 * How much more CPU `run` takes on `large` than on `small` (four times as long). Measured once; a ratio over the bound
 * is measured again, alternating the two sizes, and the fastest of each counts.
 */
function ratioOf<T>(run: (input: T) => unknown, small: T, large: T): number {
  let smallMs = timed(() => run(small))
  let largeMs = timed(() => run(large))
  let spent = smallMs + largeMs
  const ratio = () => largeMs / Math.max(smallMs, FLOOR_MS)
  for (let again = 0; again < RETRIES && spent < RETRY_BUDGET_MS && ratio() > MAX_GROWTH; again++) {
    const nextSmall = timed(() => run(small))
    const nextLarge = timed(() => run(large))
    spent += nextSmall + nextLarge
    smallMs = Math.min(smallMs, nextSmall)
    largeMs = Math.min(largeMs, nextLarge)
  }
  return ratio()
}

/**
 * How much more CPU `run` takes on an input four times as long: from n to 4n and, when that is over the bound, again
 * from 4n to 16n, the smaller of the two. Super-linear work grows at least as fast on the longer step; a linear
 * parse that a busy machine made look 13.9× slower once (an AO3 tag list of commas, 7.3× idle) does not do it twice.
 */
function growth<T>(run: (input: T) => unknown, input: (length: number) => T): number {
  const first = ratioOf(run, input(N), input(4 * N))
  if (first <= MAX_GROWTH || first > CLEARLY_SUPER_LINEAR) return first
  return Math.min(first, ratioOf(run, input(4 * N), input(16 * N)))
}

/** The inputs on which `run` grows faster than linearly, each named with its ratio. */
function superLinear(run: (input: string) => unknown): string[] {
  const byLength = new Map<number, { name: string; text: string }[]>()
  const inputs = (length: number) => byLength.get(length) ?? byLength.set(length, adversarialStrings(length)).get(length)!
  const slow: string[] = []
  for (const [i, { name }] of inputs(N).entries()) {
    const ratio = growth(run, (length) => inputs(length)[i]!.text)
    if (ratio > MAX_GROWTH) slow.push(`${name}: ${ratio.toFixed(1)}× on four times ${N} characters`)
  }
  return slow
}

describe('every regex literal in worker/ and index-builder/', () => {
  it('finds the regexes it checks', () => {
    expect(VERDICTS.length).toBeGreaterThan(100)
  })

  it('is linear by its structure, or reviewed with a reason', () => {
    const unreviewed = VERDICTS.filter(({ where, verdict }) => verdict.status === 'vulnerable' && !Object.hasOwn(REVIEWED, where)).map(
      ({ where, verdict }) => `${where}: ${verdict.status === 'vulnerable' ? verdict.complexity.summary : ''} (rewrite it, or review it in REVIEWED)`,
    )
    expect(unreviewed).toEqual([])
  })

  it('keeps the review list to regexes that exist and are still super-linear', () => {
    const stale = Object.keys(REVIEWED).filter((where) => {
      const found = VERDICTS.find((literal) => literal.where === where)
      return !found || found.verdict.status === 'safe'
    })
    expect(stale).toEqual([])
  })
})

describe('the growth check itself', () => {
  // A check that never fails proves nothing: it must flag work that grows with the square of the input.
  const pairs = (s: string) => {
    const n = s.length / 4
    let odd = 0
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) odd += s.charCodeAt(j) & 1
    return odd
  }
  const scan = (s: string) => {
    let odd = 0
    for (let i = 0; i < s.length; i++) odd += s.charCodeAt(i) & 1
    return odd
  }

  it('flags a quadratic function and passes a linear one', () => {
    const text = (length: number) => 'ab'.repeat(length / 2)
    // Noise only ever hides growth here (a slow small run), so the clearest of three measurements counts.
    expect(Math.max(...[1, 2, 3].map(() => growth(pairs, text)))).toBeGreaterThan(MAX_GROWTH)
    expect(growth(scan, text)).toBeLessThanOrEqual(MAX_GROWTH)
  }, 120_000)
})

describe('functions that read queries and parameters grow linearly with their input', () => {
  it.each([
    ['parseQuery', (s: string) => parseQuery(s)],
    ['queryWords', (s: string) => queryWords(s)],
    ['tokenize', (s: string) => tokenize(s)],
    ['foldForMatching', (s: string) => foldForMatching(s)],
    ['countWords', (s: string) => countWords(s)],
    ['isValidStoryId', (s: string) => isValidStoryId(s)],
    ['makeSnippet', (s: string) => makeSnippet(s, ['a', 'zz', '~a'])],
  ])('%s', (_name, run) => {
    expect(superLinear(run)).toEqual([])
  }, 120_000)

  it('parseQuery on nested parentheses, quotes, exclusions, ORs, fields and ranges', () => {
    const shapes = ['(', '()', '"', '-"a ', 'a OR ', 'title:', 'words>1', '-(']
    const slow = shapes.flatMap((unit) => {
      const make = (length: number) => unit.repeat(Math.ceil(length / unit.length))
      const ratio = growth(parseQuery, make)
      return ratio > MAX_GROWTH ? [`${JSON.stringify(unit)}: ${ratio.toFixed(1)}×`] : []
    })
    expect(slow).toEqual([])
  })

  it('parseSearchParams on a long value of every parameter', () => {
    const parse = (params: URLSearchParams) => {
      try {
        parseSearchParams(params)
      } catch {
        // a 400 is the expected answer to most of these
      }
    }
    const slow: string[] = []
    for (const name of ['q', 'page', 'limit', 'sort', 'rating', 'fandom', 'words_min', 'date_from', 'date_to', 'complete', 'facet_limit']) {
      for (const unit of ['1', ' ', '-']) {
        const params = (length: number) => new URLSearchParams({ [name]: unit.repeat(length) + 'x' })
        const ratio = growth(parse, params)
        if (ratio > MAX_GROWTH) slow.push(`${name}=${JSON.stringify(unit)}…: ${ratio.toFixed(1)}×`)
      }
    }
    expect(slow).toEqual([])
  })
})

describe('the story parser on hostile story text grows linearly', () => {
  const ao3 = new TextDecoder().decode(fixtureBytes('ao3-download.html'))
  const files: [string, string, (run: string) => string][] = [
    ['a plain-text story body', 'txt', (run) => `Title: T\nAuthor: A\n\n${run}`],
    ['a plain-text header value', 'txt', (run) => `Title: ${run}\nAuthor: A\n\nbody`],
    ['a plain-text header label', 'txt', (run) => `${run}: x\n\nbody`],
    ['plain-text relationship and author headers', 'txt', (run) => `Title: T\nAuthor: ${run}\nPairing: ${run}\nRating: ${run}\nSeries: ${run}\n\nbody`],
    ['an FFN story line', 'txt', (run) => `Title: T\n\nRated: Fiction T - English - ${run} - Words: 5\n\nbody`],
    ['a Markdown story', 'md', (run) => `---\ntitle: T\n---\n\n# ${run}\n\n${run}`],
    ['an HTML story', 'html', (run) => `<html><body><h1>T</h1><p>Author: A</p><pre>${run}</pre><p>${run}</p></body></html>`],
    ['an AO3 download tag list', 'html', (run) => ao3.replace(/<dd><a href="[^"]*Smallville[^"]*">Smallville<\/a><\/dd>/, `<dd>${run}</dd>`)],
    ['AO3 download stats', 'html', (run) => ao3.replace(/<dt>Stats:<\/dt>\s*<dd>[\s\S]*?<\/dd>/, `<dt>Stats:</dt><dd>${run}</dd>`)],
  ]

  it.each(files)('%s', (_name, extension, make) => {
    expect(superLinear((input) => parseStoryFile(utf8(make(input)), `hostile.${extension}`))).toEqual([])
  }, 300_000)
})
