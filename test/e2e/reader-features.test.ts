// What a reader keeps in the browser, in Chromium against `wrangler dev`: standing filters, saved searches and their
// feeds, the reading list and history with export and import, and the status and length filters (also without
// JavaScript); keyboard only where a reader would use it, a phone-sized screen, and axe-core on the new pages.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { demoWithFixtures, openPage, pageErrors, screenshot, seriousViolations } from './_browser'

const served = demoWithFixtures(['fan-features', 'Smallville', 'Supernatural'], 'impala')
let page: Page | undefined

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  ;({ page } = await openPage(served.browser(), { baseURL: served.origin(), ...options }))
  return page
}

afterEach(async () => {
  const errors = page ? pageErrors(page) : []
  await page?.context().close()
  page = undefined
  expect(errors).toEqual([])
})

const titles = (p: Page) => p.locator('#results .result:visible .result-title a').allTextContents()
const param = (p: Page, name: string) => new URL(p.url()).searchParams.getAll(name)

/** Focuses a control and presses a key on it: how a keyboard reader uses it. */
async function press(p: Page, selector: string, key = 'Enter') {
  await p.locator(selector).first().focus()
  await p.keyboard.press(key)
}

describe('filters that stay', () => {
  it('hides a wildcard tag from every search, shows it as a chip, and forgets it when the chip is removed (keyboard only)', async () => {
    const p = await open()
    await p.goto('/search?q=wolf')
    expect(await titles(p)).toContain('Two Skies')

    await p.goto('/settings')
    await p.locator('#standing-tag').focus()
    await p.keyboard.type('*mimes')
    await press(p, '#standing-form button[type="submit"]')
    await p.locator('#standing-status', { hasText: 'Saved: 1 standing filter' }).waitFor()

    // A search from the box on any page carries it; so does a link from elsewhere.
    await p.goto('/help')
    await p.locator('#q').fill('wolf')
    await p.keyboard.press('Enter')
    await expect.poll(() => param(p, 'tag')).toEqual(['-*mimes'])
    await p.locator('#chips .chip-standing', { hasText: 'not Tag: *mimes' }).waitFor()
    expect(await titles(p)).not.toContain('Two Skies')
    await p.goto('/search?q=wolf')
    await expect.poll(() => param(p, 'tag')).toEqual(['-*mimes'])
    await p.locator('#chips .chip-standing').waitFor()
    expect(await titles(p)).not.toContain('Two Skies')

    await press(p, '#chips .chip-standing')
    await expect.poll(() => param(p, 'tag')).toEqual([])
    await expect.poll(() => titles(p)).toContain('Two Skies')
    await p.goto('/settings')
    expect(await p.locator('#standing-tag').inputValue()).toBe('')
  })

  it('rides on links to searches from other pages, and leaves them when the reader stops it', async () => {
    const p = await open()
    await p.goto('/settings')
    await p.locator('#standing-fandoms_max').fill('1')
    await p.locator('#standing-form button[type="submit"]').click()
    await p.locator('#standing-status', { hasText: 'Saved' }).waitFor()
    const story = (await (await p.request.get('/api/search?q=wolf')).json()) as { hits: { title: string; url: string }[] }
    await p.goto(story.hits.find((hit) => hit.title === 'Two Skies')!.url)
    const fandomLink = p.locator('.story-meta a[href*="fandom="]').first()
    await expect.poll(() => fandomLink.getAttribute('href')).toMatch(/fandoms_max=1/)
    await p.goto('/settings')
    await p.locator('#standing-fandoms_max').fill('')
    await p.locator('#standing-form button[type="submit"]').click()
    await p.locator('#standing-status', { hasText: 'no standing filters' }).waitFor()
    await p.goBack()
    await p.reload()
    await expect.poll(() => fandomLink.getAttribute('href')).not.toMatch(/fandoms_max/)
  })

  it('keeps crossovers out and the main pairing only, on a phone', async () => {
    const p = await open({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })
    await p.goto('/settings')
    await p.locator('#standing-fandoms_max').fill('1')
    await p.locator('#standing-primary_pairing').tap()
    await p.locator('#standing-form button[type="submit"]').tap()
    await p.locator('#standing-status', { hasText: 'Saved: 2 standing filters' }).waitFor()
    const box = await p.locator('#standing-form button[type="submit"]').boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(44)
    await screenshot(p, 'settings-phone-light')

    await p.goto(`/search?relationship=${encodeURIComponent("Daniel Jackson/Jack O'Neill")}`)
    await expect.poll(() => param(p, 'primary_pairing')).toEqual(['true'])
    // Background Lights has Jack/Daniel second; Two Skies is a crossover that has it second too.
    await expect.poll(() => titles(p)).toEqual(['Gate Room Hours'])
    expect(await p.locator('#chips .chip-standing').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('no crossovers'), expect.stringContaining('main pairing only')]))
    // The marks are as easy to tap as the rest.
    const later = p.locator('#results .result button[data-mark="later"]').first()
    expect((await later.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await later.tap()
    await expect.poll(() => later.getAttribute('aria-pressed')).toBe('true')
    await screenshot(p, 'standing-chips-phone-light')
  })
})

describe('standing filters on another site', () => {
  it('the widget takes them as its params: a wildcard tag and no crossovers', async () => {
    const p = await open()
    const origin = served.origin()
    const host = (params: string) =>
      `<!doctype html><html><head><script src="${origin}/embed.js" defer></script></head>` +
      `<body><story-search endpoint="${origin}" limit="20" params="${params}"></story-search></body></html>`
    const found = async (params: string) => {
      await p.setContent(host(params))
      await p.locator('story-search input').pressSequentially('wolf', { delay: 20 })
      await p.locator('story-search .status', { hasText: /for “wolf”/ }).waitFor()
      return p.locator('story-search li a').allTextContents()
    }
    expect(await found('')).toContain('Two Skies')
    expect(await found('tag=-*mimes')).not.toContain('Two Skies')
    expect(await found('fandoms_max=1')).not.toContain('Two Skies')
  })
})

describe('saved searches and feeds', () => {
  it('saves a search by name, lists it with its Atom feed, and the feed is valid Atom of that search', async () => {
    const p = await open()
    await p.goto('/search?q=wolf')
    await p.locator('#q').fill('')
    await p.locator('#q').pressSequentially('lana', { delay: 20 })
    // The feed follows a search made in place.
    await expect.poll(() => p.locator('.results-toolbar .feed-link').getAttribute('href')).toBe('/feed.atom?q=lana')
    expect(await p.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/feed.atom?q=lana')
    await p.goto('/search?fandom=Smallville&sort=title')
    expect(await p.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/feed.atom?fandom=Smallville')
    await press(p, '.save-search')
    await p.locator('#save-name').fill('Smallville, all of it')
    await p.keyboard.press('Enter')
    await p.locator('#save-form', { hasText: 'Saved as “Smallville, all of it”' }).waitFor()

    await p.goto('/saved')
    const saved = p.locator('#list-searches li')
    expect(await saved.count()).toBe(1)
    expect(await saved.locator('a').first().getAttribute('href')).toBe('/search?fandom=Smallville&sort=title')
    const feedHref = (await saved.locator('a.feed-link').getAttribute('href'))!
    expect(feedHref).toBe('/feed.atom?fandom=Smallville')
    const response = await p.request.get(feedHref)
    expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/)
    const xml = await response.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const entries = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml).feed.entry as { id: string }[]
    const api = (await (await p.request.get('/api/search?fandom=Smallville&limit=100')).json()) as { hits: { url: string }[] }
    expect(entries.map((entry) => new URL(entry.id).pathname).sort()).toEqual(api.hits.map((hit) => hit.url).sort())

    // Forgetting it empties the list.
    await press(p, '#list-searches [data-forget-search]')
    await expect.poll(() => p.locator('#list-searches li').count()).toBe(0)
    expect(await p.locator('[data-empty-for="searches"]').isVisible()).toBe(true)
  })
})

describe('reading list and history', () => {
  it('marks stories for later, read and not interested, hides and dims them in results, and lists them on /saved', async () => {
    const p = await open()
    await p.goto('/search?q=clark&sort=title')
    const rows = p.locator('#results .result')
    await rows.first().locator('.reader-actions').waitFor()
    const [first, second, third] = await rows.evaluateAll((items) => items.slice(0, 3).map((item) => (item as HTMLElement).dataset.title!))

    await rows.nth(0).locator('button[data-mark="later"]').focus()
    await p.keyboard.press('Enter')
    await expect.poll(() => rows.nth(0).locator('button[data-mark="later"]').getAttribute('aria-pressed')).toBe('true')
    await rows.nth(1).locator('button[data-mark="unwanted"]').focus()
    await p.keyboard.press('Space')
    await expect.poll(() => titles(p)).not.toContain(second)
    await p.locator('#reader-note', { hasText: '1 story hidden on this page (not interested)' }).waitFor()
    await press(p, '#toggle-unwanted')
    await expect.poll(() => titles(p)).toContain(second)
    await press(p, '#toggle-unwanted')
    await rows.nth(2).locator('button[data-mark="read"]').click()
    await expect.poll(() => rows.nth(2).getAttribute('class')).toContain('is-read')

    // The marks hold on the next search and on a fresh page.
    await p.goto('/search?q=clark&sort=title')
    await rows.first().locator('.reader-actions').waitFor()
    expect(await titles(p)).not.toContain(second)
    expect(await rows.nth(2).getAttribute('class')).toContain('is-read')
    await screenshot(p, 'reading-marks-desktop-light')

    // Opening a story puts it in the history, with its marks under the title.
    await rows.nth(0).locator('.result-title a').click()
    await p.locator('article.story .reader-actions button[data-mark="later"][aria-pressed="true"]').waitFor()

    await p.goto('/saved')
    const listed = async (list: string) => p.locator(`#list-${list} li a`).allTextContents()
    expect(await listed('later')).toEqual([first])
    expect(await listed('unwanted')).toEqual([second])
    expect(await listed('read')).toEqual([third])
    expect(await listed('history')).toEqual([first])

    // Hiding read stories is a choice kept here.
    await p.locator('#hide-read').check()
    await p.goto('/search?q=clark&sort=title')
    await rows.first().locator('.reader-actions').waitFor()
    expect(await titles(p)).not.toContain(third)
  })

  it('keeps what two tabs do: a story opened in one is still in the history after a mark made in the other', async () => {
    const p = await open()
    await p.goto('/search?q=clark&sort=title')
    const rows = p.locator('#results .result')
    await rows.first().locator('.reader-actions').waitFor()
    const other = await p.context().newPage()
    await other.goto((await rows.nth(1).locator('.result-title a').getAttribute('href'))!)
    await other.locator('article.story .reader-actions').waitFor()
    const opened = await other.locator('article.story').getAttribute('data-title')
    // The first tab learns of it, and its own mark keeps it.
    await rows.first().locator('button[data-mark="later"]').click()
    await other.close()
    await p.goto('/saved')
    expect(await p.locator('#list-history li a').allTextContents()).toEqual([opened])
    expect(await p.locator('#list-later li').count()).toBe(1)
  })

  it('moves the keyboard on to the next story when one is hidden as not interesting', async () => {
    const p = await open()
    await p.goto('/search?q=clark&sort=title')
    const rows = p.locator('#results .result')
    await rows.first().locator('.reader-actions').waitFor()
    const second = await rows.nth(1).getAttribute('data-story')
    await rows.first().locator('button[data-mark="unwanted"]').focus()
    await p.keyboard.press('Enter')
    await expect.poll(() => p.evaluate('document.activeElement.closest("[data-story]")?.dataset.story')).toBe(second)
    expect(await p.evaluate('document.activeElement.dataset.mark')).toBe('unwanted')
  })

  it('exports everything to a file, and importing it into a fresh browser brings it all back; a bad file changes nothing', async () => {
    const p = await open()
    await p.goto('/search?q=clark&sort=title')
    const rows = p.locator('#results .result')
    await rows.first().locator('.reader-actions').waitFor()
    const title = (await rows.first().getAttribute('data-title'))!
    await rows.first().locator('button[data-mark="later"]').click()
    await p.goto('/settings')
    await p.locator('#standing-warning').fill('* Death*')
    await p.locator('#standing-form button[type="submit"]').click()
    await p.locator('#standing-status', { hasText: 'Saved' }).waitFor()

    await p.goto('/saved')
    const [download] = await Promise.all([p.waitForEvent('download'), press(p, '#export-state')])
    // Saved outside the context, which deletes its downloads when it closes.
    const file = join(await mkdtemp(join(tmpdir(), 'story-search-export-')), download.suggestedFilename())
    await download.saveAs(file)
    expect(download.suggestedFilename()).toMatch(/^story-search-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(await readFile(file, 'utf8'))
    expect(exported).toMatchObject({ format: 'story-search-reader', version: 1, standing: [['warning', '-* Death*']] })
    expect(exported.later.map((story: { title: string }) => story.title)).toEqual([title])
    await p.context().close()

    const fresh = await open()
    await fresh.goto('/saved')
    expect(await fresh.locator('#list-later li').count()).toBe(0)
    await fresh.locator('#import-state').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "ours"}') })
    await fresh.locator('#move-status', { hasText: 'Could not import broken.json' }).waitFor()
    expect(await fresh.locator('#list-later li').count()).toBe(0)
    await fresh.locator('#import-state').setInputFiles(file)
    await fresh.locator('#move-status', { hasText: 'Imported' }).waitFor()
    expect(await fresh.locator('#list-later li a').allTextContents()).toEqual([title])
    await fresh.goto('/settings')
    expect(await fresh.locator('#standing-warning').inputValue()).toBe('* Death*')
    await fresh.goto('/search?q=clark')
    await expect.poll(() => param(fresh, 'warning')).toEqual(['-* Death*'])
    await screenshot(fresh, 'saved-desktop-light')
  })
})

describe('status, freshness and length', () => {
  it('filters by chapters and stale works in progress without JavaScript, from a plain form', async () => {
    const p = await open({ javaScriptEnabled: false })
    await p.goto('/search?sort=title&limit=50')
    await p.locator('.shape-filters input[name="chapters_min"]').fill('2')
    await p.locator('.shape-filters button[type="submit"]').click()
    await p.waitForURL(/chapters_min=2/)
    expect(param(p, 'sort')).toEqual(['title'])
    const stats = await p.locator('#results .result .stats').allTextContents()
    expect(stats.length).toBeGreaterThan(0)
    for (const line of stats) expect(line).toMatch(/\d+ chapters/)
    await p.locator('#chips .chip', { hasText: 'at least 2 chapters' }).waitFor()

    await p.locator('.shape-filters select[name="stale"]').selectOption('12')
    await p.locator('.shape-filters button[type="submit"]').click()
    await p.waitForURL(/stale=12/)
    expect(await titles(p)).toEqual(['Two Skies'])
    // The feed of what is shown is a plain link too.
    expect(await p.locator('.results-toolbar .feed-link').getAttribute('href')).toBe('/feed.atom?stale=12&chapters_min=2')
    await p.locator('.shape-filters').scrollIntoViewIfNeeded()
    await screenshot(p, 'status-length-desktop-light')
  })

  it('runs the same form in place with JavaScript, and reading time too', async () => {
    const p = await open()
    await p.goto('/search?q=clark')
    await p.locator('#results .result').first().waitFor()
    await p.locator('.shape-filters input[name="minutes_max"]').fill('1')
    await p.locator('.shape-filters select[name="complete"]').selectOption('true')
    await press(p, '.shape-filters button[type="submit"]')
    await expect.poll(() => param(p, 'minutes_max')).toEqual(['1'])
    expect(param(p, 'complete')).toEqual(['true'])
    await p.locator('#chips .chip', { hasText: 'at most 1 minutes to read' }).waitFor()
    for (const line of await p.locator('#results .result .stats').allTextContents()) expect(line).toContain('1 min')
  })
})

describe('accessibility of the new pages (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violations on /settings, /saved and marked results (${scheme})`, async () => {
      const p = await open({ colorScheme: scheme, bypassCSP: true })
      await p.goto('/search?q=clark')
      await p.locator('#results .result .reader-actions').first().waitFor()
      await p.locator('#results .result button[data-mark="later"]').first().click()
      await p.locator('#results .result button[data-mark="read"]').nth(1).click()
      await p.locator('.save-search').click()
      await p.locator('#save-name').fill('Clark, everywhere')
      await p.keyboard.press('Enter')
      await p.locator('#save-form', { hasText: 'Saved as' }).waitFor()
      expect(await seriousViolations(p)).toEqual([])
      for (const path of ['/settings', '/browse/relationships', '/saved']) {
        await p.goto(path)
        expect(await seriousViolations(p), path).toEqual([])
        if (scheme === 'light' && path !== '/settings') await screenshot(p, `${path === '/saved' ? 'saved-lists' : 'browse-relationships'}-desktop-light`)
      }
    })
  }
})
