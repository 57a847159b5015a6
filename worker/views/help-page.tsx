// /help: the query language, with examples a reader can click.
import type { ArchiveExamples } from '../present/archive-examples'
import { MAX_QUERY_LENGTH } from '../query/search-params'
import { Layout } from './layout'

export function HelpPage({ examples }: { examples: ArchiveExamples }) {
  return (
    <Layout title="Search help – story-search" description="How to search story-search: phrases, exclusions, fields, ranges and filters.">
      <article class="help">
        <h1>How to search</h1>
        <p>
          Type words and every story containing all of them is found, ranked by where they appear: titles, ships and
          characters count more than a word somewhere in the text. Queries can be up to {MAX_QUERY_LENGTH} characters.
        </p>
        <table class="examples">
          <caption>Examples from this archive (each one is a link)</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">To find</th>
            </tr>
          </thead>
          <tbody>
            {examples.examples.map((example) => (
              <tr>
                <td>
                  <a href={`/search?q=${encodeURIComponent(example.query)}`}>
                    <code>{example.query}</code>
                  </a>
                </td>
                <td>
                  {example.meaning.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>Filters</h2>
        <p>
          The sidebar filters by rating, fandom, relationship, character, warning and length; each can include or exclude.
          The same filters are API parameters: <code>rating=Teen</code>, <code>rating=-Explicit</code>, <code>fandom=</code>,{' '}
          <code>relationship=</code>, <code>character=</code>, <code>warning=</code>, <code>tag=</code>, <code>author=</code>,{' '}
          <code>words_min=</code>, <code>words_max=</code>, <code>date_from=</code>, <code>date_to=</code>, <code>complete=true</code>.
          In a name, <code>*</code> stands for anything: <code>tag=-*mimes</code> hides every tag ending in “mimes”. Status
          and length filter by when a story was last updated (<code>updated_within=6m</code>), works in progress left idle
          (<code>stale=-12</code> hides those not updated for a year), chapters (<code>chapters_min=</code>) and reading time
          in minutes (<code>minutes_max=</code>); <code>fandoms_max=1</code> hides crossovers and{' '}
          <code>primary_pairing=true</code> keeps a chosen relationship to stories where it comes first.
        </p>
        <h2>Filters that stay, feeds and your lists</h2>
        <p>
          <a href="/settings">Your filters</a> hides what you never want to see from every search in this browser. Any
          search can be saved and followed as an Atom feed (the <em>Feed</em> link above its results; fandoms, ships,
          characters, authors and series have theirs too). Mark stories <em>for later</em>, <em>read</em> or{' '}
          <em>not interested</em>; <a href="/saved">Saved</a> lists them, with your history, and moves them to another
          browser as a file. Nothing leaves your browser.
        </p>
        <h2>For developers</h2>
        <p>
          Everything here is available as JSON: <a href={`/api/search?q=${encodeURIComponent(examples.word ?? '')}`}>/api/search</a>,{' '}
          <a href={`/api/suggest?q=${encodeURIComponent((examples.word ?? '').slice(0, 3))}`}>/api/suggest</a>, described
          by <a href="/api/openapi.json">/api/openapi.json</a>.
        </p>
      </article>
    </Layout>
  )
}
