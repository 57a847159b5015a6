// A series as a page: its works in reading order, each with what a reader picks a story by.
import type { SeriesWork } from '../search/story-list'
import { feedHref, searchHref, storyPath, workStatus } from '../../static/search-url.js'
import { Layout } from './layout'
import { ratingClass } from './search-page'

export function seriesPath(title: string): string {
  return `/series/${encodeURIComponent(title)}`
}

export function SeriesPage({ title, works, total }: { title: string; works: (SeriesWork & { summary: string })[]; total: number }) {
  return (
    <Layout
      title={`${title} (series) – story-search`}
      description={`The ${total} works of the series ${title}, in reading order.`}
      query=""
      feeds={[{ title: `The series ${title}`, href: feedHref(new URLSearchParams([['series', title]])) }]}
    >
      <section class="series-page">
        <h1>
          {title} <span class="series-kind">series</span>
        </h1>
        <p class="series-count">
          {total} {total === 1 ? 'work' : 'works'} in reading order ·{' '}
          <a href={searchHref(new URLSearchParams({ series: title }))}>search within this series</a>
        </p>
        <ol class="series-works">
          {works.map((work) => (
            <li class="result">
              <h2 class="result-title">
                {work.part !== null ? <span class="series-part">Part {work.part}: </span> : null}
                <a href={storyPath(work.id)}>{work.title}</a>
              </h2>
              <p class="byline">
                <span class={ratingClass(work.rating)}>{work.rating}</span>{' '}
                <span class="author">{work.authors.length ? `by ${work.authors.join(', ')}` : 'author unknown'}</span>
              </p>
              <p class="stats">
                {work.words.toLocaleString('en-US')} words
                {work.date ? (
                  <>
                    {' · '}
                    <time datetime={work.date}>{work.date.slice(0, 10)}</time>
                  </>
                ) : null}
                {workStatus(work.complete) ? ` · ${workStatus(work.complete)}` : null}
              </p>
              {work.summary ? <p class="summary">{work.summary}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  )
}
