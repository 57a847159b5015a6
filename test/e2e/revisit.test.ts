// A returning reader: reloading and revisiting pages in one browser context, where the browser revalidates its cached
// pages (If-None-Match → 304) and merges the 304's headers into them. The page must keep its stylesheet and script.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserPerFile } from './_browser'

const session = browserPerFile()

/** What the page looks like once its stylesheet and script have run; evaluated in the page. */
const LOOK = `(() => ({
  font: getComputedStyle(document.body).fontFamily,
  scripted: document.documentElement.classList.contains('js'),
  rules: [...document.styleSheets].reduce((n, sheet) => { try { return n + sheet.cssRules.length } catch { return n } }, 0),
}))()`

async function look(page: Page): Promise<{ font: string; scripted: boolean; rules: number }> {
  return page.evaluate(LOOK)
}

describe('a returning reader in one browser context', () => {
  it('keeps styles and scripts on /, a search page and a story page across reloads and revisits, with no console error', async () => {
    const page = await session.open()
    const revalidated: string[] = []
    page.on('response', (response) => {
      if (response.status() === 304) revalidated.push(new URL(response.url()).pathname)
    })

    await page.goto('/search?q=clark')
    const story = await page.locator('#results .result-title a').first().getAttribute('href')
    expect(story).toMatch(/^\/stories\//)
    const paths = ['/', '/search?q=clark', story!]

    for (const path of paths) {
      await page.goto(path)
      const fresh = await look(page)
      expect(fresh.rules, path).toBeGreaterThan(0)
      expect(fresh.scripted, path).toBe(true)
      // Reload: the browser revalidates the page it holds.
      await page.reload()
      expect(await look(page), `${path} after reload`).toEqual(fresh)
    }
    // Revisit each one by navigating to it again in the same context.
    for (const path of paths) {
      await page.goto(path)
      const again = await look(page)
      expect(again.rules, `${path} revisited`).toBeGreaterThan(0)
      expect(again.scripted, `${path} revisited`).toBe(true)
      expect(again.font.toLowerCase(), `${path} revisited`).not.toContain('times')
    }
    // The browser did revalidate: otherwise this test would not have seen a 304 at all.
    expect(revalidated.length).toBeGreaterThan(0)
    // Console errors (a CSP violation among them) fail the test in browserPerFile's afterEach.
  })
})
