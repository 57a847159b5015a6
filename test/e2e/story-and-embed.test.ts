// Story pages from a search, the embeddable widget, accessibility checks and screenshots, in a real browser.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserPerFile, screenshot, seriousViolations } from './_browser'

const session = browserPerFile()
let page: Page

describe('story page', () => {
  it('opens from a result with the searched words highlighted, and steps through the matches', async () => {
    page = await session.open()
    await page.goto('/search?q=clark')
    const first = page.locator('#results .result-title a').first()
    const title = await first.textContent()
    await first.click()
    await page.waitForURL(/\/stories\/[^?]+\?q=clark/)
    expect(await page.locator('.story h1').textContent()).toBe(title)
    const marks = page.locator('.story-text mark.match')
    const count = await marks.count()
    expect(count).toBeGreaterThan(0)
    expect((await marks.first().textContent())!.toLowerCase()).toContain('clark')
    expect(await page.locator('#match-status').textContent()).toContain(`${count} match`)
    await page.locator('#match-next').click()
    await expect.poll(() => page.locator('mark.current').getAttribute('id')).toBe('match-1')
    expect(new URL(page.url()).hash).toBe('#match-1')
    if (count > 1) {
      await page.locator('#match-next').click()
      await expect.poll(() => page.locator('mark.current').getAttribute('id')).toBe('match-2')
      await page.locator('#match-prev').click()
      await expect.poll(() => page.locator('mark.current').getAttribute('id')).toBe('match-1')
    }
    await page.locator('#match-status', { hasText: `Match 1 of ${count}` }).waitFor()
  })
})

// Runs in the page; typed by hand because this project's Node types have no DOM.
const cornerRadius = (element: unknown) =>
  (globalThis as unknown as { getComputedStyle(element: unknown): { borderTopLeftRadius: string } }).getComputedStyle(element).borderTopLeftRadius

describe('embed widget', () => {
  it('searches through the <story-search> element on the demo page and links back to the story', async () => {
    page = await session.open()
    await page.goto('/embed')
    // Playwright's CSS locators pierce open shadow roots.
    const widget = page.locator('#demo-default story-search')
    await widget.locator('input').pressSequentially('lana', { delay: 30 })
    await widget.locator('li a').first().waitFor()
    expect(await widget.locator('.status').textContent()).toMatch(/\d+ stor(y|ies) for “lana”/)
    expect(await widget.locator('mark').count()).toBeGreaterThan(0)
    // Styles are isolated: the page's .result/.snippet rules do not reach inside, the shadow sheet does.
    const radius = await widget.locator('button').evaluate(cornerRadius)
    expect(radius).toBe('6px')
    const themed = await page.locator('#demo-themed story-search button').evaluate(cornerRadius)
    expect(themed).toBe('0px')
    const href = await widget.locator('li a').first().getAttribute('href')
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/stories\/[^?]+\?q=lana$/)
    await widget.locator('li a').first().click()
    await page.waitForURL(/\/stories\//)
    expect(await page.locator('.story-text mark').count()).toBeGreaterThan(0)
  })
})

describe('accessibility (axe-core)', () => {
  const pages = [
    ['the search page', '/'],
    ['a results page', '/search?q=lana'],
    ['a page with no results', '/search?q=zzyzx'],
    ['a story page from a search', '/stories/000-cabcaac395bc47b5?q=clark'],
    ['the embed demo', '/embed'],
    ['the browse page', '/browse'],
    ['a browse list', '/browse/characters?sort=name'],
    ['a series page', '/series/Symphony'],
  ] as const
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, path] of pages) {
      it(`finds no serious or critical violations on ${name} (${scheme})`, async () => {
        // axe is injected as a script, which the page's Content-Security-Policy would rightly refuse.
        page = await session.open({ colorScheme: scheme, bypassCSP: true })
        await page.goto(path)
        if (path === '/embed') {
          await page.locator('#demo-default story-search input').fill('lana')
          await page.locator('#demo-default story-search li a').first().waitFor()
        }
        expect(await seriousViolations(page)).toEqual([])
      })
    }
  }
})

describe('screenshots', () => {
  const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 780 } }
  for (const scheme of ['light', 'dark'] as const) {
    for (const [size, viewport] of Object.entries(sizes)) {
      it(`captures the results and a story at ${size} width in ${scheme}`, async () => {
        page = await session.open({ colorScheme: scheme, viewport, deviceScaleFactor: size === 'phone' ? 2 : 1 })
        await page.goto('/search?q=lana')
        await screenshot(page, `search-${size}-${scheme}`)
        await page.goto('/')
        await screenshot(page, `browse-${size}-${scheme}`)
        await page.goto('/stories/000-cabcaac395bc47b5?q=clark')
        await screenshot(page, `story-${size}-${scheme}`)
        // Nothing wider than the viewport: no sideways scrolling on a phone.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width)
        await page.goto('/embed')
        await page.locator('#demo-default story-search input').fill('lana')
        await page.locator('#demo-default story-search li a').first().waitFor()
        await page.locator('#demo-default').scrollIntoViewIfNeeded()
        await screenshot(page, `embed-${size}-${scheme}`)
      })
    }
  }
})
