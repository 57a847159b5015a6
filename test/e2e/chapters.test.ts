// A story in chapters in Chromium: from a search hit to the chapter its words are in, chapter to chapter, and back to
// the reader's place from the whole work, by keyboard where a reader would use it.
import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer } from '../../bench/run/worker-server'
import { buildIndex } from '../../index-builder/build-index'
import { DEMO_ARCHIVE } from '../_helpers'
import { ROOT, copyProject, freePort, type ProjectCopy } from '../_project-copy'
import { launch } from './_browser'

const ID = 'fixtures--chapters--keepers-log'

describe('a story in chapters, in Chromium', () => {
  let project: ProjectCopy
  let server: DevServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    project = await copyProject(DEMO_ARCHIVE)
    await cp(join(ROOT, 'test', 'fixtures', 'archive', 'chapters'), join(project.storiesDir, 'fixtures', 'chapters'), { recursive: true })
    await buildIndex({ storiesDir: project.storiesDir, ...project.outputs })
    const [port, inspectorPort] = [await freePort(), await freePort()]
    server = await startDevServer(project.dir, join(project.dir, 'wrangler.toml'), port, inspectorPort, { q: 'foghorn', kind: 'word' })
    browser = await launch()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await project?.cleanup()
  })

  it('goes from a hit to its chapter, on to the next, and back to the reader’s place from the whole work', { timeout: 60_000 }, async () => {
    const context = await browser!.newContext({ baseURL: server!.origin, viewport: { width: 390, height: 700 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    try {
      await page.goto('/search?q=foghorn')
      await page.getByRole('link', { name: 'Chapter 2: The Foghorn:' }).click()
      await page.waitForURL(`**/stories/${ID}/chapters/2?q=foghorn`)
      expect(await page.locator('mark.match').first().textContent()).toBe('foghorn')

      // Next chapter by keyboard: the link is reachable and follows on Enter.
      await page.locator('.chapter-nav-bottom a[rel="next"]').focus()
      await page.keyboard.press('Enter')
      await page.waitForURL(`**/stories/${ID}/chapters/3?q=foghorn`)
      expect(await page.locator('.story-text').textContent()).toContain('loaded with oranges')

      // The whole work remembers chapter 3 and offers the way back.
      await page.goto(`/stories/${ID}`)
      const resume = page.locator('#reading-place a')
      await expect.poll(() => resume.textContent()).toMatch(/^Continue where you left off \(chapter 3, \d+%\)$/)
      await resume.click()
      await page.waitForURL(`**/stories/${ID}/chapters/3#resume`)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
