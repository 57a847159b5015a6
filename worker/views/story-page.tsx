// A story as a readable page: its metadata, then its text paragraph by paragraph.
import type { StoryRecord } from '../lib/story-record'
import { Layout } from './layout'

export function StoryPage({ story, query }: { story: StoryRecord; query: string }) {
  const meta: [string, string][] = [
    ['Author', story.authors.join(', ')],
    ['Fandom', story.fandoms.join(', ')],
    ['Rating', story.rating],
    ['Warnings', story.warnings.join(', ')],
    ['Relationships', story.relationships.join(', ')],
    ['Characters', story.characters.join(', ')],
    ['Words', story.words.toLocaleString('en-US')],
    ['Date', story.date ? story.date.slice(0, 10) : ''],
  ]
  return (
    <Layout title={`${story.title} – story-search`} description={story.summary.slice(0, 200)} query={query}>
      <article class="story">
        <header class="story-header">
          <h1>{story.title}</h1>
          <dl class="story-meta">
            {meta
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </>
              ))}
          </dl>
          {story.summary ? (
            <section class="story-summary">
              <h2>Summary</h2>
              <p>{story.summary}</p>
            </section>
          ) : null}
          {story.notes ? (
            <section class="story-notes">
              <h2>Notes</h2>
              {story.notes.split(/\n{2,}/).map((paragraph) => (
                <p>{paragraph}</p>
              ))}
            </section>
          ) : null}
        </header>
        <div class="story-text">
          {story.body.split(/\n{2,}/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </div>
      </article>
    </Layout>
  )
}
