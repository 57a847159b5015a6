// GET /settings and /saved: the pages of what a reader keeps in this browser (worker/views/reader-pages.tsx).
import { Hono } from 'hono'
import { getIndex } from '../index/index-loader'
import { SavedPage, SettingsPage } from '../views/reader-pages'

export const readerPages = new Hono<{ Bindings: Env }>()
  .get('/settings', async (c) => {
    // The languages to choose from are the archive's own, most stories first.
    const { names, counts } = (await getIndex(c.env.ASSETS)).table.values.languages
    const languages = names.map((name, i) => ({ name, count: counts[i]! })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((language) => language.name)
    return c.html(<SettingsPage languages={languages} />)
  })
  .get('/saved', (c) => c.html(<SavedPage />))
