// The reader's own pages: /settings (standing filters) and /saved (saved searches, reading list, history, export).
// What they show lives in this browser (static/reader-state.js): the server sends the form and the empty lists,
// the page script (static/reader.js) fills them. Without the script there is nothing stored to show, and they say so.
import { STALE_CHOICES } from '../../static/search-url.js'
import { Layout } from './layout'

const LIST_FIELDS: { name: string; label: string; hint: string }[] = [
  { name: 'tag', label: 'Tags', hint: 'Omegaverse, *mimes' },
  { name: 'warning', label: 'Warnings', hint: '* Death*' },
  { name: 'character', label: 'Characters', hint: 'a character you would rather not read' },
  { name: 'relationship', label: 'Relationships', hint: 'A/B' },
  { name: 'fandom', label: 'Fandoms', hint: 'a fandom' },
  { name: 'author', label: 'Authors', hint: 'an author' },
]

function NeedsScript({ what }: { what: string }) {
  return (
    <noscript>
      <p class="notice">{what} are kept in this browser, which needs JavaScript; with it off there is nothing here to show.</p>
    </noscript>
  )
}

export function SettingsPage({ languages }: { languages: string[] }) {
  return (
    <Layout title="Your filters – story-search" description="Standing filters: what to hide from every search, kept in this browser.">
      <article class="reader-page settings">
        <h1>Your filters</h1>
        <p>
          What you hide here is hidden from every search you make in this browser, and shown above the results as chips
          you can remove. Write one name per line; <code>*</code> stands for anything, so <code>*mimes</code> hides every
          tag ending in “mimes” and <code>* Death*</code> hides “Major Character Death”. Nothing leaves your browser: the
          filters are ordinary search parameters (<a href="/api/openapi.json">the API</a> and the widget take them too).
        </p>
        <NeedsScript what="Your filters" />
        <form id="standing-form" class="settings-form">
          <fieldset>
            <legend>Hide stories with any of these</legend>
            {LIST_FIELDS.map((field) => (
              <p class="settings-field">
                <label for={`standing-${field.name}`}>{field.label}</label>
                <textarea id={`standing-${field.name}`} name={field.name} rows={3} placeholder={field.hint} spellcheck={false}></textarea>
              </p>
            ))}
          </fieldset>
          <fieldset>
            <legend>Crossovers and pairings</legend>
            <p class="settings-field">
              <label for="standing-fandoms_max">Hide stories with more than this many fandoms</label>
              <input id="standing-fandoms_max" name="fandoms_max" type="number" min="1" max="999" inputmode="numeric" placeholder="no limit" />
            </p>
            <p class="settings-check">
              <input id="standing-primary_pairing" name="primary_pairing" type="checkbox" value="true" />
              <label for="standing-primary_pairing">Main pairing only: a relationship I choose must be the story's first one</label>
            </p>
            <p class="settings-field">
              <label for="standing-stale">Works in progress</label>
              <select id="standing-stale" name="stale">
                <option value="">Show them all</option>
                {/* A standing filter only hides: the choices that keep only idle works are for one search. */}
                {STALE_CHOICES.filter(([value]) => value.startsWith('-')).map(([value, label]) => (
                  <option value={value}>{label}</option>
                ))}
              </select>
            </p>
          </fieldset>
          {languages.length > 1 ? (
            <fieldset>
              <legend>Only these languages (none ticked: every language)</legend>
              <ul class="settings-languages">
                {languages.map((language, i) => (
                  <li>
                    <input id={`standing-language-${i}`} name="language" type="checkbox" value={language} />
                    <label for={`standing-language-${i}`}>{language}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}
          <p class="settings-actions">
            <button type="submit" class="primary">
              Save filters
            </button> <a id="standing-try" href="/search">Search with them</a>
          </p>
          <p id="standing-status" class="settings-status" role="status"></p>
        </form>
      </article>
    </Layout>
  )
}

const LISTS: { id: string; title: string; empty: string }[] = [
  { id: 'later', title: 'For later', empty: 'Nothing yet: “For later” on a story puts it here.' },
  { id: 'history', title: 'History', empty: 'The stories you open are listed here, newest first.' },
  { id: 'read', title: 'Read', empty: 'Stories you mark as read are marked so in results (or hidden, below).' },
  { id: 'unwanted', title: 'Not interested', empty: 'Stories you are not interested in are hidden from results.' },
]

export function SavedPage() {
  return (
    <Layout title="Saved – story-search" description="Your saved searches, reading list and history, kept in this browser.">
      <article class="reader-page saved">
        <h1>Saved</h1>
        <p>Kept in this browser only. Export them to a file to keep them safe or to move them to another browser.</p>
        <NeedsScript what="Saved searches, the reading list and history" />
        <section aria-labelledby="searches-heading">
          <h2 id="searches-heading">Saved searches</h2>
          <p class="reader-empty" data-empty-for="searches">
            None yet: “Save search” above any results keeps that search here, with its feed.
          </p>
          <ul class="saved-searches" id="list-searches"></ul>
        </section>
        {LISTS.map((list) => (
          <section aria-labelledby={`${list.id}-heading`}>
            <h2 id={`${list.id}-heading`}>
              {list.title} <span class="count" id={`count-${list.id}`}></span>
            </h2>
            <p class="reader-empty" data-empty-for={list.id}>
              {list.empty}
            </p>
            <ol class="reader-list" id={`list-${list.id}`}></ol>
          </section>
        ))}
        <section aria-labelledby="options-heading">
          <h2 id="options-heading">In results</h2>
          <p class="settings-check">
            <input id="hide-read" type="checkbox" />
            <label for="hide-read">Hide stories I have read (otherwise they stay, their titles marked “read”)</label>
          </p>
        </section>
        <section aria-labelledby="move-heading">
          <h2 id="move-heading">Export and import</h2>
          <p>
            The file holds your filters, saved searches, lists and history. Importing adds to what is here; nothing is lost.
          </p>
          <p class="settings-actions">
            <button type="button" id="export-state">
              Export to a file
            </button>{' '}
            <label class="import-label" for="import-state">
              Import a file
            </label>
            <input type="file" id="import-state" accept="application/json,.json" />
          </p>
          <p id="move-status" class="settings-status" role="status"></p>
        </section>
      </article>
    </Layout>
  )
}
