// The search page in a real browser: live results, facets and the URL, history, keyboard, and no JavaScript at all.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { baseUrl, browserPerFile } from './_browser'

const session = browserPerFile()
let page: Page

const resultTitles = (p: Page) => p.locator('#results .result-title a').allTextContents()
/** The number of stories the count line says were found (all pages, not the rows of this one). */
const storiesFound = async (p: Page) => Number((await p.locator('#result-count').textContent())!.match(/^(?:about )?([\d,]+) stor/)![1]!.replace(/,/g, ''))

describe('with JavaScript', () => {
  it('updates the results as the reader types, and the URL follows', async () => {
    page = await session.open()
    await page.goto('/')
    await expect.poll(() => page.locator('#results .result').count()).toBeGreaterThan(0)
    await page.locator('#q').pressSequentially('lana', { delay: 40 })
    await page.locator('#result-count', { hasText: 'for “lana”' }).waitFor()
    await expect.poll(() => new URL(page.url()).search).toBe('?q=lana')
    expect(new URL(page.url()).pathname).toBe('/search')
    const titles = await resultTitles(page)
    expect(titles.length).toBeGreaterThan(0)
    expect(await page.locator('#results mark').count()).toBeGreaterThan(0)
    // The result links carry the query to the story page.
    expect(await page.locator('#results .result-title a').first().getAttribute('href')).toMatch(/^\/stories\/[^?]+\?q=lana$/)
    // Authors and fandoms the page script drew are links to their filtered search, as the server draws them.
    const fandom = page.locator('#results .fandom a.name-link').first()
    expect(await fandom.getAttribute('href')).toBe(`/search?fandom=${encodeURIComponent(String(await fandom.textContent())).replace(/%20/g, '+')}`)
    // The suggestions for "lana" lie over the first results until closed.
    await page.keyboard.press('Escape')
    await fandom.click()
    await expect.poll(() => new URL(page.url()).searchParams.get('fandom')).toBe('Smallville')
  })

  it('says once, above them, that the stories below have only some of the words', async () => {
    page = await session.open()
    await page.goto('/')
    await page.locator('#q').pressSequentially('clark telescope', { delay: 20 })
    await page.locator('#result-count', { hasText: 'for “clark telescope”' }).waitFor()
    expect(await page.locator('#results .result.some-words').count()).toBeGreaterThan(1)
    expect(await page.locator('#results .some-words-note').count()).toBe(1)
    // The note opens the first such row.
    expect(await page.locator('#results .result.some-words').first().locator('.some-words-note').count()).toBe(1)
  })

  it('filters by a facet with a result count matching the facet, changes the URL, and goes back', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    const before = await page.locator('#results .result').count()
    const facet = page.locator('#facets .facet-include', { hasText: 'Clark Kent/Lana Lang' })
    const expected = Number(await facet.locator('.count').textContent())
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(before)
    await facet.click()
    await expect.poll(() => new URL(page.url()).searchParams.getAll('relationship')).toEqual(['Clark Kent/Lana Lang'])
    await expect.poll(() => page.locator('#results .result').count()).toBe(expected)
    await expect.poll(() => page.locator('#result-count').textContent()).toContain(`${expected} ${expected === 1 ? 'story' : 'stories'}`)
    // The active filter is a removable chip, and the facet shows as selected.
    await page.locator('#chips .chip', { hasText: 'Relationship: Clark Kent/Lana Lang' }).waitFor()
    expect(await page.locator('#facets .is-include').count()).toBe(1)

    await page.goBack()
    await expect.poll(() => page.url()).toMatch(/\/search\?q=lana$/)
    await expect.poll(() => page.locator('#results .result').count()).toBe(before)
    expect(await page.locator('#chips .chip').count()).toBe(0)

    await page.goForward()
    await expect.poll(() => page.locator('#results .result').count()).toBe(expected)
  })

  it('adds a second rating to the first, which stays there to choose, and shows stories of either', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    const ratings = page.locator('#facets .facet', { has: page.locator('h3', { hasText: 'Rating' }) }).locator('.facet-include')
    expect(await ratings.count()).toBeGreaterThan(1)
    const counts = (await ratings.locator('.count').allTextContents()).map(Number)
    await ratings.nth(0).click()
    await expect.poll(() => storiesFound(page)).toBe(counts[0])
    // The other ratings are still listed with the counts they had.
    expect((await ratings.locator('.count').allTextContents()).map(Number)).toEqual(counts)
    await ratings.nth(1).click()
    await expect.poll(() => new URL(page.url()).searchParams.getAll('rating').length).toBe(2)
    await expect.poll(() => storiesFound(page)).toBe(counts[0]! + counts[1]!)
  })

  it('filters a long facet list by name as the reader types in its box', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    // The demo archive has no facet long enough for a box (the Worker tests check which get one); this one is
    // lengthened to eight values in the page, and the page script does the rest.
    await page.evaluate(`{
      const section = document.querySelector('#facets .facet')
      const list = section.querySelector('ul')
      for (const name of ['Martha Kent', 'Chloe Sullivan', 'Lionel Luthor', 'Jonathan Kent', 'Oliver Queen', 'Lois Lane']) list.append(Object.assign(document.createElement('li'), { textContent: name }))
      section.insertBefore(Object.assign(document.createElement('input'), { type: 'search', className: 'facet-filter' }), list)
    }`)
    const box = page.locator('#facets .facet-filter')
    expect(await box.isVisible()).toBe(true)
    await box.fill('kent')
    expect(await page.locator('#facets .facet').first().locator('li:visible').allTextContents()).toEqual(['Martha Kent', 'Jonathan Kent'])
    await box.fill('')
    expect(await page.locator('#facets .facet').first().locator('li:visible').count()).toBeGreaterThanOrEqual(8)
  })

  it('on a phone, opens the filters as a sheet, keeps it open while values are chosen, and shows the stories from its button', async () => {
    page = await session.open({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })
    await page.goto('/search?q=lana')
    const total = await storiesFound(page)
    await page.locator('.filters-link').click()
    const sheet = page.locator('#facets')
    const done = sheet.locator('.sheet-done')
    await expect.poll(() => sheet.evaluate((el) => getComputedStyle(el).position)).toBe('fixed')
    expect(await done.textContent()).toBe(`Show ${total} ${total === 1 ? 'story' : 'stories'}`)
    // The button sits at the bottom of the screen, not below the list.
    const button = (await done.boundingBox())!
    expect(button.y + button.height).toBeLessThanOrEqual(740)
    expect(button.y + button.height).toBeGreaterThan(700)
    // Every control of the sheet is a comfortable target on a touch screen.
    for (const control of await sheet.locator('.facet-include, .facet-exclude').all()) expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    const value = sheet.locator('.facet-include', { hasText: 'Clark Kent/Lana Lang' })
    const count = Number(await value.locator('.count').textContent())
    await value.click()
    await expect.poll(() => done.textContent()).toBe(`Show ${count} ${count === 1 ? 'story' : 'stories'}`)
    expect(await sheet.evaluate((el) => getComputedStyle(el).position)).toBe('fixed')
    await done.click()
    await expect.poll(() => sheet.evaluate((el) => getComputedStyle(el).position)).not.toBe('fixed')
    expect(await storiesFound(page)).toBe(count)
  })

  it('shows more values of the facets from their link, in place', async () => {
    page = await session.open()
    await page.goto('/search?q=lana&facet_limit=1')
    const characters = page.locator('#facets .facet', { has: page.locator('h3', { hasText: 'Characters' }) })
    expect(await characters.locator('li').count()).toBe(1)
    await characters.locator('.facet-more').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('facet_limit')).toBe('100')
    await expect.poll(() => characters.locator('li').count()).toBeGreaterThan(1)
    expect(await characters.locator('.facet-more').count()).toBe(0)
  })

  it('draws focus rings in the site colour', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    const [outline, accent] = await page.evaluate(`[getComputedStyle(document.activeElement).outlineColor, getComputedStyle(document.querySelector('.result-title a')).color]`) as [string, string]
    expect(outline).toBe(accent)
  })

  it('excludes with the second control and removes a filter from its chip', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    const before = await page.locator('#results .result').count()
    const include = page.locator('#facets .facet-include', { hasText: 'Clark Kent/Lana Lang' })
    const excluded = Number(await include.locator('.count').textContent())
    await page.locator('#facets .facet-exclude[aria-label="Exclude Clark Kent/Lana Lang"]').click()
    await expect.poll(() => new URL(page.url()).searchParams.getAll('relationship')).toEqual(['-Clark Kent/Lana Lang'])
    await expect.poll(() => page.locator('#results .result').count()).toBe(before - excluded)
    await page.locator('#chips .chip', { hasText: 'not Relationship: Clark Kent/Lana Lang' }).click()
    await expect.poll(() => page.url()).toMatch(/\/search\?q=lana$/)
    await expect.poll(() => page.locator('#results .result').count()).toBe(before)
  })

  it('sorts with the selector and keeps the sort in the URL', async () => {
    page = await session.open()
    await page.goto('/search?q=lana')
    await page.locator('#sort').selectOption('title')
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('title')
    await expect.poll(async () => {
      const titles = await resultTitles(page)
      return titles.join('|') === [...titles].sort((a, b) => a.localeCompare(b)).join('|')
    }).toBe(true)
  })

  it('offers the did-you-mean correction and query tips when nothing matches', async () => {
    page = await session.open()
    // The search engine's corrections evolve; use the first misspelling it currently corrects.
    let misspelled = 'zzyzx qqqq'
    let correction: string | null = null
    for (const candidate of ['lex lutohr', 'hte lxe', 'helaing', 'clrak', 'lnaa']) {
      const body = (await (await fetch(`${baseUrl()}/api/search?q=${encodeURIComponent(candidate)}`)).json()) as { total: number; didYouMean: string | null }
      if (body.total === 0 && body.didYouMean) {
        misspelled = candidate
        correction = body.didYouMean
        break
      }
    }
    await page.goto('/')
    await page.locator('#q').fill(misspelled)
    await page.locator('#notices .no-hits').waitFor()
    expect(await page.locator('#notices a[href="/help"]').count()).toBe(1)
    // The tips the server rendered into the page's template, with the archive's own examples.
    expect(await page.locator('#notices .no-hits .tips li').count()).toBe(3)
    if (correction !== null) {
      const link = page.locator('#notices .did-you-mean a')
      expect(await link.textContent()).toBe(correction)
      await link.click()
      await page.locator('#result-count', { hasText: `for “${correction}”` }).waitFor()
      expect(await page.locator('#q').inputValue()).toBe(correction)
      expect(new URL(page.url()).searchParams.get('q')).toBe(correction)
    }
  })

  it('offers the spelling above the stories a misspelt word found, and follows it', async () => {
    page = await session.open()
    await page.goto('/')
    // Two letters swapped: the typo match finds Clark's stories, and the page says how the word is spelled.
    await page.locator('#q').fill('clrak')
    const link = page.locator('#notices .did-you-mean a')
    await link.waitFor()
    expect(await link.textContent()).toBe('clark')
    expect(await page.locator('#results .result').count()).toBeGreaterThan(0)
    expect(await page.locator('#notices .no-hits').count()).toBe(0)
    await link.click()
    await page.locator('#result-count', { hasText: 'for “clark”' }).waitFor()
    expect(new URL(page.url()).searchParams.get('q')).toBe('clark')
  })

  it('suggests ships, characters and stories in named groups, and applies a ship as a filter in place of the word typed', async () => {
    page = await session.open()
    await page.goto('/')
    await page.locator('#q').fill('')
    await page.locator('#q').pressSequentially('lana', { delay: 40 })
    const ships = page.locator('#suggestions [role="group"]', { has: page.locator('.suggestion-group', { hasText: 'Ships' }) })
    await ships.waitFor()
    // Each group is named for assistive technology, and holds its options.
    const labelled = await ships.getAttribute('aria-labelledby')
    expect(await page.locator(`#${labelled}`).textContent()).toBe('Ships')
    const ship = ships.locator('[role="option"]').first()
    const shipName = (await ship.evaluate((el) => el.firstChild?.textContent ?? ''))!
    expect(shipName).toMatch(/Lana/)
    const count = Number(await ship.locator('.suggestion-count').textContent())
    await ship.click()
    await expect.poll(() => new URL(page.url()).searchParams.getAll('relationship')).toEqual([shipName])
    expect(new URL(page.url()).searchParams.get('q') ?? '').toBe('')
    expect(await page.locator('#q').inputValue()).toBe('')
    await expect.poll(() => storiesFound(page)).toBe(count)
    await page.locator('#chips .chip', { hasText: `Relationship: ${shipName}` }).waitFor()
  })

  it('lines the search box up with the results and the site name with the filters, centred, at 1280 and 1920 pixels', async () => {
    for (const width of [1280, 1920]) {
      page = await session.open({ viewport: { width, height: 800 } })
      await page.goto('/search?q=clark')
      const [box, results, name, facets] = await Promise.all(['#q', '#results', '.site-name', '#facets'].map((selector) => page.locator(selector).boundingBox()))
      expect(Math.abs(box!.x - results!.x), `${width}: box and results`).toBeLessThanOrEqual(1)
      expect(Math.abs(name!.x - facets!.x), `${width}: name and filters`).toBeLessThanOrEqual(1)
      // As much room on the right of the results as on the left of the filters.
      expect(Math.abs(width - (results!.x + results!.width) - facets!.x), `${width}: margins`).toBeLessThanOrEqual(2)
    }
  })

  it('works from the keyboard alone: / to focus, arrows through suggestions and results, Enter to open', async () => {
    page = await session.open()
    await page.goto('/')
    await page.locator('#results .result').first().waitFor()
    await page.keyboard.press('/')
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('q')
    await page.keyboard.type('cla', { delay: 40 })
    await page.locator('#suggestions [role="option"]').first().waitFor()
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('ArrowDown')
    const active = await page.locator('#q').getAttribute('aria-activedescendant')
    expect(active).toBeTruthy()
    const chosen = (await page.locator(`#${active} `).textContent())!.replace(/^Search\s*/, '').trim()
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#q').inputValue()).toBe(chosen)
    await page.locator('#result-count', { hasText: `for “${chosen}”` }).waitFor()
    expect(await page.locator('#suggestions').isHidden()).toBe(true)
    // Escape with no suggestions open keeps the query and its results (a search field would empty itself).
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)
    expect(await page.locator('#q').inputValue()).toBe(chosen)
    expect(await page.locator('#result-count').textContent()).toContain(`for “${chosen}”`)
    await page.keyboard.press('ArrowDown')
    const links = page.locator('#results .result-title a')
    await expect.poll(() => page.evaluate<boolean>("document.activeElement?.closest('.result') != null")).toBe(true)
    if ((await links.count()) > 1) {
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('ArrowUp')
    }
    const href = await page.evaluate<string | null>("document.activeElement.getAttribute('href')")
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname + url.search === href)
    await page.locator('.story h1').waitFor()
  })
})

describe('without JavaScript', () => {
  it('searches by submitting the form, filters with facet links, pages and opens a story', async () => {
    page = await session.open({ javaScriptEnabled: false })
    await page.goto('/')
    expect(await page.locator('#results .result').count()).toBeGreaterThan(0)
    await page.locator('#q').fill('lana')
    await page.locator('#q').press('Enter')
    await page.waitForURL(/\/search\?q=lana/)
    const before = await page.locator('#results .result').count()
    expect(before).toBeGreaterThan(0)
    expect(await page.locator('#results mark').count()).toBeGreaterThan(0)
    // The sort selector has its own submit button without JavaScript.
    expect(await page.locator('.sort button').isVisible()).toBe(true)
    const facet = page.locator('#facets .facet-include', { hasText: 'Lana Lang/Lex Luthor' })
    const expected = Number(await facet.locator('.count').textContent())
    await facet.click()
    await page.waitForURL(/relationship=/)
    expect(await page.locator('#results .result').count()).toBe(expected)
    // A new query keeps the filter (hidden fields in the form).
    await page.locator('#q').fill('lex')
    await page.locator('#q').press('Enter')
    await page.waitForURL(/q=lex/)
    expect(new URL(page.url()).searchParams.getAll('relationship')).toEqual(['Lana Lang/Lex Luthor'])
    await page.locator('#results .result-title a').first().click()
    await page.waitForURL(/\/stories\/.+\?q=lex/)
    expect(await page.locator('.story-text mark').count()).toBeGreaterThan(0)
    expect(await page.locator('.match-list a').count()).toBeGreaterThan(0)
  })
})
