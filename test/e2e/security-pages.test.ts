// Hostile story files (test/fixtures/archive/hostile/) in a real Chromium: nothing from story content runs, on any page.
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoWithFixtures } from './_browser'

const TEXT_STORY = 'fixtures--hostile--script-tags'
const HTML_STORY = 'fixtures--hostile--markup-story'

const PAGES = [
  '/search?q=script',
  '/search?q=onerror',
  `/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`,
  `/stories/${TEXT_STORY}`,
  `/stories/${HTML_STORY}`,
  `/stories/${TEXT_STORY}?q=script`,
  '/help',
]

interface PageReport {
  dialogs: string[]
  errors: string[]
  /** Scripts that are not the site's own files, elements that load or run something, and event-handler attributes. */
  injected: string[]
}

/** Loads a page, lets its script fetch and render results, and reports anything that ran or would run. */
async function visit(browser: Browser, origin: string, path: string): Promise<PageReport> {
  const context = await browser.newContext({ baseURL: origin })
  const page: Page = await context.newPage()
  const report: PageReport = { dialogs: [], errors: [], injected: [] }
  page.on('dialog', (dialog) => {
    report.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => report.errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') report.errors.push(message.text())
  })
  try {
    const response = await page.goto(path, { waitUntil: 'networkidle', timeout: 20_000 })
    expect(response?.status(), path).toBe(200)
    report.injected = await page.evaluate(() => {
      const found: string[] = []
      for (const script of Array.from(document.querySelectorAll('script'))) {
        const src = script.getAttribute('src')
        if (!src || !src.startsWith('/') || src.startsWith('//') || script.textContent!.trim() !== '') found.push(script.outerHTML.slice(0, 120))
      }
      for (const element of Array.from(document.querySelectorAll('iframe, object, embed, base, frame, svg, img, style, form[action^="javascript" i]'))) {
        found.push(element.outerHTML.slice(0, 120))
      }
      for (const element of Array.from(document.querySelectorAll('*'))) {
        for (const attribute of Array.from(element.attributes)) {
          if (/^on/i.test(attribute.name) || (/^(href|src|action|formaction)$/i.test(attribute.name) && /^\s*javascript:/i.test(attribute.value))) {
            found.push(`${element.tagName.toLowerCase()}[${attribute.name}=${attribute.value.slice(0, 60)}]`)
          }
        }
      }
      return found
    })
    // Give any late timer-driven payload a moment to fire.
    await page.waitForTimeout(200)
  } finally {
    await context.close()
  }
  return report
}

describe('hostile stories in Chromium', () => {
  // Same ids as the Worker tests: fixtures--hostile--<name>.
  const served = demoWithFixtures(['hostile'], 'script')

  it.each(PAGES)('%s opens no dialog, logs no error and holds no script or handler from story content', { timeout: 30_000 }, async (path) => {
    const report = await visit(served.browser(), served.origin(), path)
    expect(report).toEqual({ dialogs: [], errors: [], injected: [] })
  })

  it('finds both hostile stories when searching "script", so the search pages above really rendered them', { timeout: 30_000 }, async () => {
    const context = await served.browser().newContext({ baseURL: served.origin() })
    const page = await context.newPage()
    await page.goto('/search?q=script', { waitUntil: 'networkidle' })
    const links = await page.locator(`a[href*="${TEXT_STORY}"], a[href*="${HTML_STORY}"]`).count()
    await context.close()
    expect(links).toBeGreaterThanOrEqual(2)
  })

  it('shows the hostile text as text on the story page', { timeout: 30_000 }, async () => {
    const context = await served.browser().newContext({ baseURL: served.origin() })
    const page = await context.newPage()
    await page.goto(`/stories/${TEXT_STORY}`, { waitUntil: 'networkidle' })
    const text = await page.locator('body').innerText()
    await context.close()
    expect(text).toContain("<script>alert('body')</script>")
  })
})
