// Tests for the benchmark corpus generator: determinism, length distribution, formats, vocabulary growth.

import { isUtf8 } from 'node:buffer'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parse as parseHtml } from 'node-html-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CORE_SCHEMA, load } from 'js-yaml'
import { type CorpusSummary, DEFAULT_CORPUS_DIR, generateCorpus } from './generate-corpus'
import { loadMarkovModel, trainMarkovModel } from './markov-model'
import { Random } from './random'
import { MAX_STORY_WORDS, MIN_STORY_WORDS, sampleStoryLength } from './story-length'
import { countWords } from '../../core/text'
import { hasShared } from '../../test/_helpers'

/** The generator learns its prose from the public-domain chapters in ../shared. */
const TRAINING = hasShared('corpora/fiction', 'the corpus generator tests that write stories (they train on the public-domain chapters)')

// Writing a few hundred stories takes seconds, several times that on a loaded CI machine; vitest's 5 s default is too tight.
const SLOW = 60_000

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'corpus-generator-test-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Every file under `dir`, as relative path → bytes. */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(relative(dir, path), await readFile(path))
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)))
}

async function generate(name: string, stories: number, seed = 'test-seed'): Promise<{ dir: string; summary: CorpusSummary }> {
  const dir = join(scratch, name)
  return { dir, summary: await generateCorpus({ stories, outDir: dir, seed }) }
}

describe.skipIf(!TRAINING)('determinism', { timeout: SLOW }, () => {
  it('writes byte-identical files for the same seed and a different archive for another seed', async () => {
    const first = await readTree((await generate('same-1', 50)).dir)
    const second = await readTree((await generate('same-2', 50)).dir)
    const other = await readTree((await generate('other', 50, 'another-seed')).dir)

    expect(first.size).toBe(50)
    expect([...second.keys()]).toEqual([...first.keys()])
    for (const [path, bytes] of first) expect(second.get(path)!.equals(bytes), path).toBe(true)
    expect([...other.keys()]).not.toEqual([...first.keys()])
  })

  it('makes the first stories of a larger archive identical to a smaller archive', async () => {
    const small = await readTree((await generate('prefix-20', 20)).dir)
    const large = await readTree((await generate('prefix-40', 40)).dir)
    for (const [path, bytes] of small) expect(large.get(path)?.equals(bytes), path).toBe(true)
  })
})

describe('story lengths', () => {
  it('have a median within 20% of 3,000 words over 2,000 draws, all inside the clamp', () => {
    const rng = Random.derive('length-test')
    const lengths = Array.from({ length: 2000 }, () => sampleStoryLength(rng)).sort((a, b) => a - b)
    const median = (lengths[999]! + lengths[1000]!) / 2
    expect(median).toBeGreaterThan(3000 * 0.8)
    expect(median).toBeLessThan(3000 * 1.2)
    expect(lengths[0]).toBeGreaterThanOrEqual(MIN_STORY_WORDS)
    expect(lengths.at(-1)).toBeLessThanOrEqual(MAX_STORY_WORDS)
  })

  it('include stories over 50,000 words once an archive is large', () => {
    const rng = Random.derive('tail-test')
    const long = Array.from({ length: 20_000 }, () => sampleStoryLength(rng)).filter((w) => w > 50_000)
    expect(long.length).toBeGreaterThan(20)
  })
})

describe.skipIf(!TRAINING)('a 200-story archive', { timeout: SLOW }, () => {
  let files: Map<string, Buffer>
  let summary: CorpusSummary

  beforeAll(async () => {
    const run = await generate('formats', 200)
    summary = run.summary
    files = await readTree(run.dir)
  }, SLOW)

  const texts = () => [...files].map(([path, bytes]) => ({ path, text: bytes.toString('utf8') }))

  it('is valid UTF-8 throughout, one file per story, spread over fandom folders', () => {
    expect(files.size).toBe(200)
    for (const [path, bytes] of files) expect(isUtf8(bytes), path).toBe(true)
    const folders = new Set([...files.keys()].map((path) => path.split(/[\\/]/)[0]))
    expect(folders.size).toBeGreaterThanOrEqual(5)
    for (const path of files.keys()) expect(path).toMatch(/^[a-z0-9-]+[\\/]\d{5}-[a-z0-9-]+\.(txt|md|html)$/)
  })

  it('contains every header format', () => {
    const all = texts()
    const has = (test: (f: { path: string; text: string }) => boolean) => all.some(test)
    expect(has((f) => f.path.endsWith('.txt') && f.text.startsWith('Title: '))).toBe(true)
    expect(has((f) => /^(\S.*\n\n[A-Z][a-z]+ \d{1,2}, \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4}( \d\d:\d\d)?\n\n\S)/.test(f.text))).toBe(true)
    expect(has((f) => /^(.*\n)?by \S/.test(f.text))).toBe(true)
    expect(has((f) => f.path.endsWith('.md') && f.text.startsWith('---\n'))).toBe(true)
    expect(has((f) => f.path.endsWith('.html') && f.text.includes('<h2 class="title heading">'))).toBe(true)
    expect(has((f) => /^Rated: Fiction (K|K\+|T|M) - English - .* - Words: [\d,]+/m.test(f.text))).toBe(true)
  })

  it('gives every eFiction header a Title, an Author and a rating, and a Word Count that matches the body', () => {
    const efiction = texts().filter((f) => f.text.startsWith('Title: '))
    expect(efiction.length).toBeGreaterThan(20)
    expect(efiction.filter((f) => /^Word Count: /m.test(f.text)).length).toBeGreaterThan(0)
    for (const { path, text } of efiction) {
      const [header, ...rest] = text.split(/\n(?:---|\*\*\*|~~~)\n/)
      const labels = Object.fromEntries(header!.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]))
      expect(labels, path).toHaveProperty('Title')
      expect(labels, path).toHaveProperty('Author')
      expect(['G', 'PG', 'PG-13', 'R', 'NC-17', 'FRT', 'FR13', 'FRM'], path).toContain(labels.Rating)
      if (labels['Word Count']) expect(Number(labels['Word Count'].replace(/,/g, '')), path).toBe(countWords(rest.join('\n')))
    }
  })

  it('gives every Markdown file YAML front matter with the documented keys', () => {
    const markdown = texts().filter((f) => f.path.endsWith('.md'))
    expect(markdown.length).toBeGreaterThan(10)
    for (const { path, text } of markdown) {
      const front = load(text.split('\n---\n')[0]!.slice(4), { schema: CORE_SCHEMA }) as Record<string, unknown>
      for (const key of ['title', 'author', 'rating', 'fandom', 'relationships', 'characters', 'tags', 'date', 'summary']) {
        expect(front, `${path} ${key}`).toHaveProperty(key)
      }
      expect(String(front.date), path).toMatch(/^20(0[1-9]|1\d|2[0-4])-\d\d-\d\d$/)
    }
  })

  it('gives every AO3 file a title, an author link, the tag list and chapter paragraphs', () => {
    const html = texts().filter((f) => f.path.endsWith('.html'))
    expect(html.length).toBeGreaterThan(10)
    for (const { path, text } of html) {
      const root = parseHtml(text)
      expect(root.querySelector('h2.title.heading')?.text.trim(), path).toBeTruthy()
      expect(root.querySelector('a[rel="author"]')?.text.trim(), path).toBeTruthy()
      const labels = root.querySelectorAll('dl.tags > dt').map((dt) => dt.text.trim())
      expect(labels, path).toEqual(expect.arrayContaining(['Rating:', 'Archive Warning:', 'Fandom:', 'Stats:']))
      expect(root.querySelector('blockquote.userstuff.summary'), path).not.toBeNull()
      expect(root.querySelectorAll('#chapters.userstuff p').length, path).toBeGreaterThan(0)
    }
  })

  it('names the pairing leads in the prose of stories that have a pairing', () => {
    const paired = texts().filter((f) => /^Pairing: ([^/&,]+?)(\/| & )/m.test(f.text))
    expect(paired.length).toBeGreaterThan(10)
    const named = paired.filter(({ text }) => {
      const lead = /^Pairing: ([^/&,]+?)(\/| & )/m.exec(text)![1]!
      return text.split(/\n(?:---|\*\*\*|~~~)\n/)[1]!.includes(lead)
    })
    expect(named.length / paired.length).toBeGreaterThan(0.9)
  })

  it('reports a summary that agrees with the files', () => {
    const bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0)
    expect(summary.stories).toBe(200)
    expect(summary.totalBytes).toBe(bytes)
    expect(Object.values(summary.formats).every((n) => n > 0)).toBe(true)
    expect(summary.medianWords).toBeLessThanOrEqual(summary.p90Words)
    expect(summary.p90Words).toBeLessThanOrEqual(summary.maxWords)
  })
})

describe.skipIf(!TRAINING)('vocabulary', { timeout: SLOW }, () => {
  it('keeps growing with the archive: 400 stories have clearly more distinct terms than 100', async () => {
    const small = (await generate('vocabulary-100', 100)).summary
    const large = (await generate('vocabulary-400', 400)).summary
    expect(large.distinctTerms).toBeGreaterThan(small.distinctTerms * 1.3)
    expect(large.distinctAuthors).toBeGreaterThan(small.distinctAuthors * 2)
  })
})

describe.skipIf(!TRAINING)('output folder', { timeout: SLOW }, () => {
  it('refuses a non-empty folder without force, and clears it with force', async () => {
    const dir = join(scratch, 'occupied')
    await generateCorpus({ stories: 1, outDir: dir, seed: 's' })
    await writeFile(join(dir, 'keep-me.txt'), 'not a story')
    await expect(generateCorpus({ stories: 1, outDir: dir, seed: 's' })).rejects.toThrow(/not empty; pass --force/)
    await generateCorpus({ stories: 2, outDir: dir, seed: 's', force: true })
    const files = await readTree(dir)
    expect(files.has('keep-me.txt')).toBe(false)
    expect(files.size).toBe(2)
  })
})

describe.skipIf(!TRAINING)('markov model', { timeout: SLOW }, () => {
  it('trains on the shared fiction corpus in seconds and gives every state a successor', async () => {
    const model = await loadMarkovModel(DEFAULT_CORPUS_DIR)
    expect(model.trainingWords).toBeGreaterThan(800_000)
    let deadEnds = 0
    for (let s = 0; s < model.stateCount; s++) if (model.offsets[s + 1]! <= model.offsets[s]!) deadEnds++
    expect(deadEnds).toBe(0)
  })

  it('drops chapter headings and keeps dashes on the word before them', () => {
    const model = trainMarkovModel(['CHAPTER IV\n\nShe came—and went. He stayed.\n\nThen Emma left.'])
    expect(model.text).not.toContain('CHAPTER')
    expect(model.text).toContain('came—')
    expect(model.text).toContain('and')
  })
})
