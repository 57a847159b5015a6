// Story pages from a search, the embeddable widget, accessibility checks and screenshots, in a real browser.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { baseUrl, browserPerFile, screenshot, seriousViolations } from './_browser'

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

describe('embed page and widget, as another site uses them', () => {
  it('copies the embed code with its button, and every page links to the embed page from its footer', async () => {
    page = await session.open({ permissions: ['clipboard-read', 'clipboard-write'] })
    await page.goto('/')
    await page.locator('.site-footer a[href="/embed"]').click()
    await page.waitForURL(/\/embed$/)
    const code = await page.locator('#embed-code').textContent()
    expect(code).toContain('</story-search>')
    await page.locator('.copy-button').click()
    await expect.poll(() => page.locator('.copy-button').textContent()).toBe('Copied')
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code)
  })

  /** A page of another site with the widget on it, as the embed code puts it there. */
  const hostPage = (head: string, attributes = '') =>
    `<!doctype html><html><head>${head}<script src="${baseUrl()}/embed.js" defer></script></head>` +
    `<body><story-search endpoint="${baseUrl()}" ${attributes}></story-search></body></html>`

  it("follows its host page's colour scheme: light in a light page on a dark system, dark where the page allows it or is told", async () => {
    page = await session.open({ colorScheme: 'dark' })
    const scheme = async (html: string) => {
      await page.setContent(html)
      await page.locator('story-search input').waitFor()
      return page.locator('story-search').getAttribute('data-scheme')
    }
    expect(await scheme(hostPage(''))).toBe('light')
    expect(await scheme(hostPage('<meta name="color-scheme" content="light dark">'))).toBe('dark')
    expect(await scheme(hostPage('<style>:root { color-scheme: light dark }</style>'))).toBe('dark')
    expect(await scheme(hostPage('<meta name="color-scheme" content="light dark">', 'theme="light"'))).toBe('light')
    expect(await scheme(hostPage('', 'theme="dark"'))).toBe('dark')
  })

  it('links to every result on the site below its few, says what to do when nothing is found, and keeps its filters', async () => {
    page = await session.open()
    await page.setContent(hostPage('', 'limit="1"'))
    const widget = page.locator('story-search')
    await widget.locator('input').pressSequentially('lana', { delay: 30 })
    const more = widget.locator('.more a')
    await more.waitFor()
    expect(await widget.locator('li').count()).toBe(1)
    const total = Number((await widget.locator('.status').textContent())!.match(/^(\d+)/)![1])
    expect(total).toBeGreaterThan(1)
    expect(await more.textContent()).toBe(`See all ${total} stories on the site`)
    expect(await more.getAttribute('href')).toBe(`${baseUrl()}/search?q=lana`)

    await widget.locator('input').fill('zzyzxq')
    await widget.locator('.status', { hasText: 'No stories found' }).waitFor()
    expect(await widget.locator('li').count()).toBe(0)
    expect(await widget.locator('.more a').getAttribute('href')).toBe(`${baseUrl()}/help`)

    // Filters for every search, given by the host: a rating leaves out the others.
    await page.setContent(hostPage('', 'limit="20" params="rating=-General"'))
    await page.locator('story-search input').pressSequentially('lana', { delay: 30 })
    await page.locator('story-search li').first().waitFor()
    const ratings = await page.locator('story-search .meta').allTextContents()
    expect(ratings.every((meta) => !meta.includes('General'))).toBe(true)
    expect(await page.locator('story-search .status').textContent()).toMatch(/^\d+ stor(y|ies) for “lana”$/)
  })
})

describe('accessibility (axe-core)', () => {
  const pages = [
    ['the search page', '/'],
    ['a results page', '/search?q=lana'],
    ['a page with no results', '/search?q=zzyzx'],
    ['a story page from a search', '/stories/000-cabcaac395bc47b5?q=clark'],
    ['the embed demo', '/embed'],
    ['the help page', '/help'],
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
  const sizes = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 900 }, wide: { width: 1920, height: 1000 } }
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
