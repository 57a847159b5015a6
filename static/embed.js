// <story-search endpoint="https://archive.example">: a search box for other sites, with results linking back.
// Styles live in the element's Shadow DOM (a constructed stylesheet, so no inline <style> and no CSP exception);
// the host page themes it with CSS custom properties (--story-search-accent, -bg, -fg, -muted, -line, -radius, -font).
const CSS = `
:host { display: block; font-family: var(--story-search-font, system-ui, sans-serif); color: var(--story-search-fg, #1f1d1a);
  --_accent: var(--story-search-accent, #7a2e3b); --_bg: var(--story-search-bg, #fff); --_muted: var(--story-search-muted, #5c5750);
  --_line: var(--story-search-line, #d6cfc4); --_radius: var(--story-search-radius, 6px); --_mark: var(--story-search-mark, #ffe58a); }
@media (prefers-color-scheme: dark) {
  :host { color: var(--story-search-fg, #ece8e1); --_accent: var(--story-search-accent, #f0a8b4); --_bg: var(--story-search-bg, #1f1e23);
    --_muted: var(--story-search-muted, #b3ada4); --_line: var(--story-search-line, #45414a); --_mark: var(--story-search-mark, #6b5a12); }
}
form { display: flex; gap: .5rem; }
label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
input { flex: 1; min-width: 0; font: inherit; color: inherit; background: var(--_bg); padding: .55rem .75rem; border: 1px solid var(--_line); border-radius: var(--_radius); }
button { font: inherit; font-weight: 600; padding: .55rem .9rem; border: 0; border-radius: var(--_radius); background: var(--_accent); color: var(--_bg); cursor: pointer; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
ol { list-style: none; margin: .75rem 0 0; padding: 0; }
li { padding: .6rem 0; border-top: 1px solid var(--_line); }
a { color: var(--_accent); font-weight: 600; }
.meta, .status { color: var(--_muted); font-size: .875rem; margin: .15rem 0 0; }
.snippet { margin: .25rem 0 0; font-size: .925rem; }
mark { background: var(--_mark); color: inherit; border-radius: 2px; }
`

const DEBOUNCE_MS = 200
let sheet = null

class StorySearch extends HTMLElement {
  #counter = 0
  #timer = 0

  connectedCallback() {
    if (this.shadowRoot) return
    const root = this.attachShadow({ mode: 'open' })
    if ('adoptedStyleSheets' in root) {
      sheet ??= new CSSStyleSheet()
      sheet.replaceSync(CSS)
      root.adoptedStyleSheets = [sheet]
    }
    const id = `story-search-${Math.random().toString(36).slice(2, 8)}`
    const el = (tag, attrs = {}, text) => {
      const node = document.createElement(tag)
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
      if (text !== undefined) node.textContent = text
      return node
    }
    this.form = el('form', { role: 'search', part: 'form' })
    this.input = el('input', { id, type: 'search', name: 'q', autocomplete: 'off', placeholder: this.getAttribute('placeholder') || 'Search stories', part: 'input' })
    this.form.append(el('label', { for: id }, this.getAttribute('label') || 'Search stories'), this.input, el('button', { type: 'submit', part: 'button' }, 'Search'))
    this.status = el('p', { class: 'status', role: 'status', part: 'status' })
    this.list = el('ol', { part: 'results' })
    root.append(this.form, this.status, this.list)
    this.input.addEventListener('input', () => {
      clearTimeout(this.#timer)
      this.#timer = setTimeout(() => this.search(), DEBOUNCE_MS)
    })
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      clearTimeout(this.#timer)
      this.search()
    })
  }

  get endpoint() {
    // Trailing slashes trimmed with a loop: `/\/+$/` backtracks quadratically on a long run of slashes.
    let endpoint = this.getAttribute('endpoint') || location.origin
    while (endpoint.endsWith('/')) endpoint = endpoint.slice(0, -1)
    return endpoint
  }

  get limit() {
    const limit = Number(this.getAttribute('limit'))
    return Number.isInteger(limit) && limit >= 1 && limit <= 20 ? limit : 5
  }

  async search() {
    const query = this.input.value.trim()
    const id = ++this.#counter
    if (!query) {
      this.status.textContent = ''
      this.list.replaceChildren()
      return
    }
    let body
    try {
      const response = await fetch(`${this.endpoint}/api/search?${new URLSearchParams({ q: query, limit: String(this.limit) })}`)
      body = await response.json()
      if (!response.ok) throw new Error(body?.error?.message || `search answered ${response.status}`)
    } catch (error) {
      if (id === this.#counter) this.status.textContent = `Search failed: ${error.message}`
      return
    }
    // Answers can arrive out of order; only the newest one is shown.
    if (id !== this.#counter) return
    this.status.textContent = `${body.truncated ? 'about ' : ''}${body.total} ${body.total === 1 && !body.truncated ? 'story' : 'stories'} for “${body.query}”`
    this.list.replaceChildren(...body.hits.map((hit) => this.row(hit, query)))
  }

  row(hit, query) {
    const li = document.createElement('li')
    li.setAttribute('part', 'result')
    const link = document.createElement('a')
    link.href = `${this.endpoint}${hit.url}?q=${encodeURIComponent(query)}`
    link.textContent = hit.title
    const meta = document.createElement('p')
    meta.className = 'meta'
    meta.textContent = [hit.author ? `by ${hit.author}` : '', hit.rating, hit.fandoms.join(', '), `${hit.words.toLocaleString('en-US')} words`].filter(Boolean).join(' · ')
    li.append(link, meta)
    if (hit.snippet) {
      const snippet = document.createElement('p')
      snippet.className = 'snippet'
      let cursor = 0
      const text = hit.snippet.text
      for (const [start, end] of [...hit.snippet.highlights].sort((a, b) => a[0] - b[0])) {
        if (start < cursor || end > text.length) continue
        snippet.append(text.slice(cursor, start))
        const mark = document.createElement('mark')
        mark.textContent = text.slice(start, end)
        snippet.append(mark)
        cursor = end
      }
      snippet.append(text.slice(cursor))
      li.append(snippet)
    }
    return li
  }
}

if (!customElements.get('story-search')) customElements.define('story-search', StorySearch)
