// A story in chapters in Chromium: from a search hit to the chapter its words are in, chapter to chapter, and back to
// the reader's place from the whole work, by keyboard where a reader would use it.
import { describe, expect, it } from 'vitest'
import { demoWithFixtures } from './_browser'

const ID = 'fixtures--chapters--keepers-log'

describe('a story in chapters, in Chromium', () => {
  const served = demoWithFixtures(['chapters'], 'foghorn')

  it('goes from a hit to its chapter, on to the next, and back to the reader’s place from the whole work', { timeout: 60_000 }, async () => {
    const context = await served.browser().newContext({ baseURL: served.origin(), viewport: { width: 390, height: 700 } })
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
      // Looking at the contents is not reading them: after a reload the offer still points at chapter 3.
      await page.reload()
      await expect.poll(() => resume.textContent()).toMatch(/^Continue where you left off \(chapter 3, \d+%\)$/)
      await resume.click()
      await page.waitForURL(`**/stories/${ID}/chapters/3#resume`)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('offers the way back to the reader’s place in a story in one piece too', { timeout: 60_000 }, async () => {
    const context = await served.browser().newContext({ baseURL: served.origin(), viewport: { width: 390, height: 700 } })
    const page = await context.newPage()
    const story = '004-0000a776e102d203'
    try {
      await page.goto(`/stories/${story}`)
      await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2))
      // The place is kept once the scrolling has stopped a moment.
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `story-search:place:${story}`)).toMatch(/"chapter":null/)
      await page.goto('/')
      await page.goto(`/stories/${story}`)
      const resume = page.locator('#reading-place a')
      await expect.poll(() => resume.textContent()).toMatch(/^Continue where you left off \(\d+%\)$/)
      expect(Number((await resume.textContent())!.match(/(\d+)%/)![1])).toBeGreaterThan(30)
      await resume.click()
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0)
    } finally {
      await context.close()
    }
  })
})
