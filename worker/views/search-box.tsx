// The search box in every page's header: a form that works without JavaScript, and an ARIA combobox once /app.js runs.
import type { Child } from 'hono/jsx'
import { MAX_QUERY_LENGTH } from '../query/search-params'

export function SearchBox({ query, extras }: { query: string; extras?: Child }) {
  return (
    <form id="search-form" class="search-form" action="/search" method="get" role="search">
      <label for="q" class="visually-hidden">
        Search stories
      </label>
      <div class="combobox">
        <input
          id="q"
          name="q"
          type="search"
          value={query}
          placeholder="Search titles, pairings, and the text itself"
          maxlength={MAX_QUERY_LENGTH}
          autocomplete="off"
          spellcheck={false}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded="false"
          aria-controls="suggestions"
          aria-describedby="search-hint"
        />
        <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
      </div>
      {extras}
      <button type="submit">Search</button>
      <span id="search-hint" class="visually-hidden">
        Press slash to focus the search box; arrow keys move through suggestions and results.
      </span>
    </form>
  )
}
