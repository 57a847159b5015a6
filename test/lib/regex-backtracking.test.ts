// No regular expression that sees user input or story text backtracks catastrophically.
// Two layers: a sweep over every regex literal in the Worker and the builder, run alone on adversarial strings,
// and the public functions that use them, fed the same strings. The time bound is a guard, not a benchmark:
// a linear regex takes milliseconds on 100,000 characters, a quadratic one tens of seconds.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { parseStoryFile } from '../../index-builder/ingest/index'
import { parseQuery } from '../../worker/lib/query-parser'
import { parseSearchParams } from '../../worker/lib/search-params'
import { queryWords } from '../../worker/lib/search'
import { makeSnippet } from '../../worker/lib/snippet'
import { isValidStoryId } from '../../worker/lib/story-id'
import { countWords, foldForMatching, tokenize } from '../../worker/lib/text'
import { fixtureBytes, utf8 } from '../builder/ingest/_fixtures'

const ROOT = join(import.meta.dirname, '..', '..')
const LONG = 100_000
/** Generous: a linear pass over 100k characters takes a few milliseconds. */
const BOUND_MS = 1000

/**
 * Strings that make a backtracking regex go quadratic: long runs of one character (what `\s*x`, `[a-z]+:` and
 * `(a|a)*` chew on), runs of two alternating characters (`a-a-a-`, `a a a`), each ending in a character that makes
 * the match fail at the very end.
 */
function adversarialStrings(length: number): string[] {
  const singles = [' ', '\t', '\n', '\r\n', 'a', 'Z', '1', '-', "'", '/', ':', ',', '.', '*', '_', '=', '#', '<', '&', 'é', '\u00a0', '\u2014', '\u2019', '"', '(', '~']
  const pairs = ['a-', "a'", 'a/', 'a ', 'a:', 'a,', 'a.', 'a\n', '1,', '1.', ' \n', 'a*', 'a_', ': ', '\n\n ']
  const out: string[] = []
  for (const s of [...singles, ...pairs]) out.push(s.repeat(Math.ceil(length / s.length)).slice(0, length) + '\u0001')
  out.push(`Title: ${'a'.repeat(length)}`, `${'a: '.repeat(length / 3)}`, `<${'a'.repeat(length)}`, `"${' '.repeat(length)}`)
  return out
}

const INPUTS = adversarialStrings(LONG)

function timed(run: () => unknown): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

/** Every regex literal in the TypeScript files under `dirs`, with where it is written. */
function regexLiterals(dirs: string[]): { where: string; regex: RegExp }[] {
  const found: { where: string; regex: RegExp }[] = []
  const visitFile = (file: string) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source)
        const slash = text.lastIndexOf('/')
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push({ where: `${relative(ROOT, file)}:${line} ${text}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) visitFile(path)
    }
  }
  for (const dir of dirs) walk(join(ROOT, dir))
  return found
}

/**
 * Regexes that are quadratic on some string, but never see one: each is reviewed, and the reason is why the
 * string cannot reach it. The functions below still get the adversarial input end to end.
 */
const SAFE_IN_CONTEXT: Record<string, string> = {
  // readTag collapses every whitespace run to one space the line before, so `\s*` matches at most one character.
  'index-builder/ingest/ao3-html.ts /\\s*,\\s*/': 'input has single spaces only',
  // Cubic on a long whitespace run, but resolveSeries only runs it on a series name of at most 200 characters.
  'index-builder/ingest/series.ts /^(.+?)\\s*(?:#|,\\s*part\\s+|\\s+part\\s+)(\\d{1,4})$/i': 'input is at most 200 characters',
  // Quadratic on a long whitespace run, but relationship values reach it only after header lines are length-capped.
  'index-builder/ingest/relationships.ts /\\s+and\\s+/i': 'header values are length-capped before splitting',
}

/**
 * Quadratic alone on a long whitespace run, and not yet rewritten: each is reached only through header values that
 * are short or whitespace-collapsed first, and the end-to-end tests below (parseStoryFile on 100,000-character
 * hostile files) hold them to the bound. Reported for review; rewriting them (`\s*x\s*` → split then trim) empties this list.
 */
const QUADRATIC_ALONE: { file: string; regex: string }[] = [
  { file: 'index-builder/ingest/build-record.ts', regex: '/\\s+(?:and|&)\\s+/i' },
  { file: 'index-builder/ingest/build-record.ts', regex: '/\\n|;|\\s+\\|\\s+|\\s*\\(/' },
  { file: 'index-builder/ingest/ffn-line.ts', regex: '/\\s+-\\s+/' },
  { file: 'index-builder/ingest/html-to-text.ts', regex: '/[ \\t]*\\n[ \\t]*/g' },
  { file: 'index-builder/ingest/labels.ts', regex: '/\\s*(?:\\/|&|\\band\\b)\\s*/i' },
  { file: 'index-builder/ingest/normalize-rating.ts', regex: '/[.!]+$/' },
  { file: 'index-builder/ingest/normalize-rating.ts', regex: '/[.,;:!]+$/' },
  { file: 'index-builder/ingest/plain-text-headers.ts', regex: '/\\s*,\\s*/' },
  { file: 'index-builder/ingest/relationships.ts', regex: '/\\s*(?:\\/|\\s[x×]\\s)\\s*/' },
  { file: 'index-builder/ingest/relationships.ts', regex: '/\\s*&\\s*/' },
  { file: 'index-builder/ingest/relationships.ts', regex: '/\\s+and\\s+|\\s*[&/]\\s*/i' },
]

describe('every regex literal in worker/ and index-builder/', () => {
  const literals = regexLiterals(['worker', 'index-builder'])

  it('finds the regexes it sweeps', () => {
    expect(literals.length).toBeGreaterThan(100)
  })

  it(`runs each on ${INPUTS.length} adversarial strings of 100,000 characters in under ${BOUND_MS} ms a call`, () => {
    // Screened in stages so the sweep stays fast and a cubic regex fails instead of hanging: at 500 characters
    // anything over 20 ms is already pathological; at 5,000 a linear regex takes microseconds, so whatever takes
    // over 2 ms is run on the full 100,000 characters against the bound.
    const tiny = adversarialStrings(500)
    const short = adversarialStrings(5_000)
    const slow: string[] = []
    let confirmed = 0
    for (const { where, regex } of literals) {
      if (Object.hasOwn(SAFE_IN_CONTEXT, where.replace(/:\d+ /, ' '))) continue
      for (const [i, screen] of short.entries()) {
        const show = JSON.stringify(INPUTS[i]!.slice(0, 8))
        const tinyMs = run(regex, tiny[i]!)
        if (tinyMs > 20) {
          slow.push(`${where} took ${Math.round(tinyMs)} ms on 500 characters of ${show}…`)
          break // one slow string is enough to name the regex
        }
        const screenMs = run(regex, screen)
        if (screenMs < SCREEN_MS) continue
        // Over 20 ms at 5,000 characters is at least quadratic: 100,000 would take minutes, so it fails here.
        if (screenMs > 20) {
          slow.push(`${where} took ${Math.round(screenMs)} ms on 5,000 characters of ${show}…`)
          break
        }
        confirmed++
        const ms = run(regex, INPUTS[i]!)
        if (ms > BOUND_MS) {
          slow.push(`${where} took ${Math.round(ms)} ms on ${show}…`)
          break
        }
      }
    }
    // Each regex that is slow alone must be one already reviewed (QUADRATIC_ALONE): a new one fails here.
    const unreviewed = slow.filter((line) => !QUADRATIC_ALONE.some((known) => line.startsWith(known.file) && line.includes(known.regex)))
    expect(unreviewed).toEqual([])
    expect(confirmed).toBeLessThan(literals.length * short.length) // the screen did screen
  }, 60_000)
})

/** A regex alone on a string: a global one replaces all matches, any other is tried at every start by test(). */
function run(regex: RegExp, input: string): number {
  const once = () => {
    const fresh = new RegExp(regex.source, regex.flags)
    return timed(() => (fresh.global ? input.replace(fresh, '') : fresh.test(input)))
  }
  // A garbage-collection pause is not backtracking: a slow first run is measured again and the fastest counts.
  const first = once()
  return first < SCREEN_MS ? first : Math.min(first, once(), once())
}

const SCREEN_MS = 2

describe('functions that read queries and parameters', () => {
  it.each([
    ['parseQuery', (s: string) => parseQuery(s)],
    ['queryWords', (s: string) => queryWords(s)],
    ['tokenize', (s: string) => tokenize(s)],
    ['foldForMatching', (s: string) => foldForMatching(s)],
    ['countWords', (s: string) => countWords(s)],
    ['isValidStoryId', (s: string) => isValidStoryId(s)],
    ['makeSnippet', (s: string) => makeSnippet(s, ['a', 'zz', '~a'])],
  ])('%s handles each adversarial string in under a second', (_name, run) => {
    for (const input of INPUTS) expect(timed(() => run(input)), JSON.stringify(input.slice(0, 8))).toBeLessThan(BOUND_MS)
  }, 60_000)

  it('parseQuery reads deeply nested parentheses and thousands of quotes and terms in under a second', () => {
    const nasty = ['('.repeat(LONG), `${'('.repeat(LONG / 2)}${')'.repeat(LONG / 2)}`, '"'.repeat(LONG), '-"a '.repeat(LONG / 4), 'a OR '.repeat(LONG / 5), 'title:'.repeat(LONG / 6), 'words>1'.repeat(LONG / 7), `${'-('.repeat(LONG / 2)}`]
    for (const input of nasty) expect(timed(() => parseQuery(input)), input.slice(0, 10)).toBeLessThan(BOUND_MS)
  })

  it('parseSearchParams rejects or reads a 100,000-character value of every parameter in under a second', () => {
    for (const name of ['q', 'page', 'limit', 'sort', 'rating', 'fandom', 'words_min', 'date_from', 'date_to', 'complete', 'facet_limit']) {
      for (const value of ['1'.repeat(LONG), ' '.repeat(LONG) + 'x', '-'.repeat(LONG)]) {
        const params = new URLSearchParams({ [name]: value })
        expect(timed(() => {
          try {
            parseSearchParams(params)
          } catch {
            // a 400 is the expected answer to most of these
          }
        })).toBeLessThan(BOUND_MS)
      }
    }
  })
})

describe('the story parser on hostile story text', () => {
  const ao3 = new TextDecoder().decode(fixtureBytes('ao3-download.html'))
  const files: [string, (run: string) => string][] = [
    ['a plain-text story body', (run) => `Title: T\nAuthor: A\n\n${run}`],
    ['a plain-text header value', (run) => `Title: ${run}\nAuthor: A\n\nbody`],
    ['a plain-text header label', (run) => `${run}: x\n\nbody`],
    ['a Markdown story', (run) => `---\ntitle: T\n---\n\n# ${run}\n\n${run}`],
    ['an HTML story', (run) => `<html><body><h1>T</h1><p>Author: A</p><pre>${run}</pre><p>${run}</p></body></html>`],
    ['an AO3 download tag list', (run) => ao3.replace(/<dd><a href="[^"]*Smallville[^"]*">Smallville<\/a><\/dd>/, `<dd>${run}</dd>`)],
    ['AO3 download stats', (run) => ao3.replace(/<dt>Stats:<\/dt>\s*<dd>[\s\S]*?<\/dd>/, `<dt>Stats:</dt><dd>${run}</dd>`)],
  ]
  const extension = (name: string) => (name.includes('HTML') || name.includes('AO3') ? 'html' : name.includes('Markdown') ? 'md' : 'txt')

  it.each(files)('reads %s built from each adversarial string in under a second', (name, make) => {
    const slow: string[] = []
    // One long run per shape is enough end to end; the sweep above covers every regex alone.
    for (const input of adversarialStrings(LONG)) {
      const ms = timed(() => parseStoryFile(utf8(make(input)), `hostile.${extension(name)}`))
      if (ms > BOUND_MS) slow.push(`${Math.round(ms)} ms on ${JSON.stringify(input.slice(0, 8))}…`)
    }
    expect(slow).toEqual([])
  }, 120_000)
})
