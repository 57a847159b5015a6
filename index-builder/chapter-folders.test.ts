import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildIndex } from './build-index'
import { chapterFolders, chapterNumber, mergeChapters } from './chapter-folders'
import { parseStoryFile } from './ingest/index'
import { buildIntoTemp, openIndex, searchIds } from '../test/_helpers'
import { utf8 } from '../test/builder/ingest/_fixtures'

describe('folders of chapter files', () => {
  it.each([
    ['work/01.txt', 1],
    ['work/02-the-bridge.md', 2],
    ['work/Chapter 10.txt', 10],
    ['work/ch_3.html', 3],
    ['work/notes.txt', null],
    ['work/2019-diary.txt', null],
    ['work/part-two.txt', null],
  ])('reads the chapter number of %s as %s', (file, n) => {
    expect(chapterNumber(file)).toBe(n)
  })

  it('leaves apart numbered files that each name themselves as a story (an archive that numbers its stories)', () => {
    const mark = (title: string, ownTitle: boolean) => ({ title, ownTitle, n: null })
    const files = ['Smallville/001_a1b2c3.txt', 'Smallville/002_d4e5f6.txt']
    expect(chapterFolders(files, new Map([[files[0]!, mark('Healing', true)], [files[1]!, mark('Symphony', true)]])).size).toBe(0)
    expect(chapterFolders(files, new Map([[files[0]!, mark('Tidewater', true)], [files[1]!, mark('Tidewater', true)]])).size).toBe(1)
    expect(chapterFolders(files, new Map([[files[0]!, mark('Chapter 1: Fog', false)], [files[1]!, mark('Chapter 2: Rain', false)]])).size).toBe(1)
  })

  it('finds folders of two or more chapter files, in chapter order, and nothing else', () => {
    const works = chapterFolders(['top/01.txt', 'a.txt', 'w/10.txt', 'w/2.txt', 'w/1.txt', 'mixed/01.txt', 'mixed/notes.txt', 'one/01.txt', 'dup/1.txt', 'dup/01.txt'])
    expect([...works]).toEqual([['w', ['w/1.txt', 'w/2.txt', 'w/10.txt']]])
  })

  it('dates the work by its first posting and its latest update, whichever chapter names them', () => {
    const chapter = (file: string, header: string) => parseStoryFile(utf8(`Title: Tidewater\nAuthor: Marisol\n${header}\n\nText.`), file).record
    const work = mergeChapters('Tidewater', [
      chapter('Tidewater/01.txt', 'Date: 2010-01-05\nUpdated: 2010-02-01'),
      chapter('Tidewater/02.txt', 'Date: 2010-03-09'),
      chapter('Tidewater/03.txt', 'Rating: Teen'),
    ])
    expect(work).toMatchObject({ date: '2010-01-05', updated: '2010-03-09' })
  })

  it('builds a folder of chapters as one work in chapters, titled as its chapters say, and rebuilds a changed chapter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-search-chapters-'))
    await mkdir(join(dir, 'Tidewater'))
    await writeFile(join(dir, 'Tidewater', '01.txt'), 'Title: Tidewater\nAuthor: Marisol\nRating: Teen\n\nThe lighthouse had been dark for a year.\n')
    await writeFile(join(dir, 'Tidewater', '02.txt'), 'Title: Tidewater\nAuthor: Marisol\nRating: Mature\n\nChloe climbed it anyway, counting gulls.\n')
    await writeFile(join(dir, 'other.txt'), 'Title: Other\nAuthor: A\n\nSomething else entirely.\n')
    const build = await buildIntoTemp(dir)
    expect(build.storyCount).toBe(2)
    const index = await openIndex(build.indexFile, build.piecesDir)
    expect(await searchIds(index, 'gulls')).toEqual(['tidewater'])
    const work = await index.record(index.table.shortIdOf('tidewater'))
    expect(work).toMatchObject({
      title: 'Tidewater',
      authors: ['Marisol'],
      rating: 'Mature',
      sourcePath: 'Tidewater',
      chapters: [
        { title: 'Chapter 1', start: 0 },
        { title: 'Chapter 2', start: work!.body.indexOf('Chloe') },
      ],
    })
    expect(work!.body).toBe('The lighthouse had been dark for a year.\n\nChloe climbed it anyway, counting gulls.')

    // The same output folders again, with the cache: only the changed chapter is read again.
    const options = { storiesDir: dir, indexFile: build.indexFile, piecesDir: build.piecesDir, reportFile: build.reportFile, cacheDir: join(build.dir, 'cache') }
    await buildIndex(options)
    await writeFile(join(dir, 'Tidewater', '02.txt'), 'Title: Tidewater\nAuthor: Marisol\n\nChloe climbed it anyway, counting herons.\n')
    const again = await buildIndex(options)
    expect(again.incremental).toMatchObject({ parsesReused: 2 })
    const rebuilt = await openIndex(build.indexFile, build.piecesDir)
    expect(await searchIds(rebuilt, 'herons')).toEqual(['tidewater'])
    expect(await searchIds(rebuilt, 'gulls')).toEqual([])
    await Promise.all([build.cleanup(), rm(dir, { recursive: true })])
  })
  it('joins files that say in their headers which chapter of one work they are, and not parts of a series', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-search-chapter-keys-'))
    await mkdir(join(dir, 'Hearth'))
    await writeFile(join(dir, 'Hearth', 'the-bridge.md'), '---\ntitle: Hearth\nauthor: Wren\nchapter: 2\n---\nThe bridge held, barely.\n')
    await writeFile(join(dir, 'Hearth', 'prologue.md'), '---\ntitle: Hearth\nauthor: Wren\nchapter: 1\n---\nThe fire was lit at dusk.\n')
    await mkdir(join(dir, 'Seasons'))
    await writeFile(join(dir, 'Seasons', 'winter.txt'), 'Title: Winter\nSeries: Seasons\nPart: 1\nAuthor: Wren\n\nSnow.\n')
    await writeFile(join(dir, 'Seasons', 'spring.txt'), 'Title: Spring\nSeries: Seasons\nPart: 2\nAuthor: Wren\n\nRain.\n')
    const options = { storiesDir: dir, indexFile: join(dir, 'out', 'i.json'), piecesDir: join(dir, 'out', 'p'), reportFile: join(dir, 'out', 'r.json'), cacheDir: join(dir, 'out', 'c') }
    for (const pass of ['first build', 'from the cache']) {
      const result = await buildIndex(options)
      expect(result.storyCount, pass).toBe(3)
      const index = await openIndex(options.indexFile, options.piecesDir)
      const work = await index.record(index.table.shortIdOf('hearth'))
      expect(work?.body, pass).toBe('The fire was lit at dusk.\n\nThe bridge held, barely.')
      expect(work?.chapters.map((c) => c.title), pass).toEqual(['Chapter 1', 'Chapter 2'])
      expect(index.table.shortIdOf('seasons--winter'), pass).not.toBe(-1)
    }
    await rm(dir, { recursive: true })
  })
})
