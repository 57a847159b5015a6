// Shared helpers for the end-to-end tests: one headless Debian Chromium, pages against the running service.
import { existsSync } from 'node:fs'
import { cp, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest'
import { startDevServer, type DevServer } from '../../tools/dev-server'
import { buildIndex } from '../../index-builder/build-index'
import { DEMO_ARCHIVE } from '../_helpers'
import { ROOT, copyProject, type ProjectCopy } from '../_project-copy'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots')
const AXE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js')

/** The base URL of the wrangler dev server started by global-setup.ts. */
export const baseUrl = (): string => inject('baseUrl')

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** A fresh context (no shared storage or history) and page, with short default timeouts. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 900 }, ...options })
  context.setDefaultTimeout(10_000)
  context.setDefaultNavigationTimeout(15_000)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  if (process.env.E2E_DEBUG) {
    const starts = new Map<unknown, number>()
    page.on('request', (request) => starts.set(request, Date.now()))
    page.on('requestfinished', (request) => {
      const ms = Date.now() - (starts.get(request) ?? Date.now())
      if (ms > 1000) console.log(`slow request: ${ms} ms ${request.url()}`)
    })
  }
  ;(page as Page & { errors: string[] }).errors = errors
  return { context, page }
}

/**
 * One browser for the test file and a fresh context per test: `open()` gives a test its page. After each test the
 * page must not have logged an error, and its context is closed.
 */
export function browserPerFile(): { open(options?: BrowserContextOptions): Promise<Page> } {
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let page: Page | undefined
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    const errors = page ? pageErrors(page) : []
    page = undefined
    await context?.close()
    context = undefined
    expect(errors).toEqual([])
  })
  return {
    async open(options = {}) {
      ;({ context, page } = await openPage(browser!, options))
      return page
    },
  }
}

/** Errors the page logged or threw (script errors, CSP violations). */
export const pageErrors = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? []

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE })
  // A string, evaluated in the page: this project's Node types have no DOM.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }))
  })()`)
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false })
}

/**
 * The demo archive plus fixture folders (test/fixtures/archive/<folder>, served under fixtures/<folder>, as the Worker
 * tests name them) built in a throwaway project copy and served by `wrangler dev`, with a browser: for a test file that
 * needs stories the shared demo server does not have. Stopped and removed after the file.
 */
export function demoWithFixtures(folders: string[], firstQuery: string): { origin(): string; browser(): Browser } {
  let project: ProjectCopy | undefined
  let server: DevServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    project = await copyProject(DEMO_ARCHIVE)
    for (const folder of folders) {
      await cp(join(ROOT, 'test', 'fixtures', 'archive', folder), join(project.storiesDir, 'fixtures', folder), { recursive: true })
    }
    await buildIndex({ storiesDir: project.storiesDir, ...project.outputs })
    // The copy's own wrangler.toml, as `npm start` serves it (its 600-a-minute API budget is far above the few calls here).
    server = await startDevServer({ cwd: project.dir, persistTo: join(project.dir, 'state'), firstPath: `/api/search?q=${encodeURIComponent(firstQuery)}` })
    browser = await launch()
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await project?.cleanup()
  })
  return { origin: () => server!.origin, browser: () => browser! }
}
