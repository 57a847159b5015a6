// GET /series/:title: a series' works in reading order, with their metadata and summaries.
import { Hono } from 'hono'
import { notFound } from '../errors'
import { getIndex } from '../index/index-loader'
import { HIT_PACKS } from '../present/answer-search'
import { eachByPack } from '../search/by-pack'
import { readableWithin } from '../search/pack-budget'
import { seriesWorks } from '../search/story-list'
import { SeriesPage } from '../views/series-page'

/** Works listed on one series page; a series longer than this is a search for `series:`. */
const MAX_WORKS = 200
/** Text packs read for one page's summaries: a pack for every work, and no more bytes than a page of search results. */
const SUMMARY_PACKS = { packs: MAX_WORKS, bytes: HIT_PACKS.bytes }

export const seriesPages = new Hono<{ Bindings: Env }>().get('/:title', async (c) => {
  const title = c.req.param('title')
  const index = await getIndex(c.env.ASSETS)
  const series = title.length <= 300 ? seriesWorks(index.table, title) : null
  if (!series) throw notFound(`no series "${title.slice(0, 200)}"`)
  const works = series.works.slice(0, MAX_WORKS)
  // Summaries come from the works' text packs: only this page's works are read, each pack once, and no more of them
  // than a page of search results reads (a work past that is listed without its summary).
  const shortIds = works.map((work) => work.shortId)
  const readable = readableWithin(index, shortIds, SUMMARY_PACKS)
  const summaries = await eachByPack(
    index,
    shortIds,
    async (shortId, i) => {
      if (!readable[i]) return ''
      try {
        return (await index.storyText(shortId))?.meta.summary ?? ''
      } catch {
        return ''
      }
    },
  )
  return c.html(<SeriesPage title={series.title} works={works.map((work, i) => ({ ...work, summary: summaries[i]! }))} total={series.works.length} />)
})
