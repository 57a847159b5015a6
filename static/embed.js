// <story-search endpoint="https://archive.example">: a search box for other sites, with results linking back.
// Styles live in the element's Shadow DOM (a constructed stylesheet, so no inline <style> and no CSP exception);
// the host page themes it with CSS custom properties (--story-search-accent, -bg, -fg, -muted, -line, -radius, -font).
// Dark only where the host page is: its color-scheme allows dark and the reader's system is dark, or theme="dark".
// Everything in a block: a classic script included twice (two widgets, two pasted snippets) must not redeclare names.
{
const CSS = `
:host { display: block; font-family: var(--story-search-font, system-ui, sans-serif); color: var(--story-search-fg, #1f1d1a);
  --_accent: var(--story-search-accent, #7a2e3b); --_bg: var(--story-search-bg, #fff); --_muted: var(--story-search-muted, #5c5750);
  --_line: var(--story-search-line, #d6cfc4); --_radius: var(--story-search-radius, 6px); --_mark: var(--story-search-mark, #ffe58a); }
:host([data-scheme='dark']) { color: var(--story-search-fg, #ece8e1); --_accent: var(--story-search-accent, #f0a8b4); --_bg: var(--story-search-bg, #1f1e23);
  --_muted: var(--story-search-muted, #b3ada4); --_line: var(--story-search-line, #45414a); --_mark: var(--story-search-mark, #6b5a12); }
form { display: flex; gap: .5rem; }
label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
input { flex: 1; min-width: 0; font: inherit; color: inherit; background: var(--_bg); padding: .55rem .75rem; border: 1px solid var(--_line); border-radius: var(--_radius); }
button { font: inherit; font-weight: 600; padding: .55rem .9rem; border: 0; border-radius: var(--_radius); background: var(--_accent); color: var(--_bg); cursor: pointer; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
ol { list-style: none; margin: .75rem 0 0; padding: 0; }
li { padding: .6rem 0; border-top: 1px solid var(--_line); }
a { color: var(--_accent); font-weight: 600; }
.meta, .status { color: var(--_muted); font-size: .875rem; margin: .15rem 0 0; }
.status { margin-top: .6rem; }
.status:empty { display: none; }
.more { margin: .6rem 0 0; padding-top: .6rem; border-top: 1px solid var(--_line); font-size: .925rem; }
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
    this.more = el('p', { class: 'more', part: 'more', hidden: '' })
    root.append(this.form, this.status, this.list, this.more)
    this.scheme = matchMedia('(prefers-color-scheme: dark)')
    this.scheme.addEventListener('change', () => this.followScheme())
    this.followScheme()
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

  static get observedAttributes() {
    return ['theme']
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.followScheme()
  }

  /** Light or dark: theme="light|dark" says; otherwise dark only where the host page allows it and the system is. */
  followScheme() {
    const theme = this.getAttribute('theme')
    // The host says so in CSS (color-scheme: light dark) or in its <meta name="color-scheme">.
    const declared = `${getComputedStyle(this).colorScheme || ''} ${document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') || ''}`
    const hostAllowsDark = /\bdark\b/.test(declared)
    const dark = theme === 'dark' || (theme !== 'light' && hostAllowsDark && this.scheme.matches)
    this.dataset.scheme = dark ? 'dark' : 'light'
  }

  /** Filters for every search, as the site's own parameters (`fandom=Smallville&rating=-Explicit`). */
  get params() {
    const params = new URLSearchParams(this.getAttribute('params') || '')
    for (const name of ['q', 'limit', 'page']) params.delete(name)
    return params
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
      this.more.hidden = true
      return
    }
    const params = this.params
    params.set('q', query)
    // The same search on the site, where every result, filter and page is.
    const site = `${this.endpoint}/search?${params}`
    params.set('limit', String(this.limit))
    let body
    try {
      const response = await fetch(`${this.endpoint}/api/search?${params}`)
      body = await response.json()
      if (!response.ok) throw new Error(body?.error?.message || `search answered ${response.status}`)
    } catch (error) {
      if (id === this.#counter) this.show(`Search failed: ${error.message}`, [], 'Try the search on the site', site)
      return
    }
    // Answers can arrive out of order; only the newest one is shown.
    if (id !== this.#counter) return
    const count = `${body.truncated ? 'about ' : ''}${body.total.toLocaleString('en-US')} ${body.total === 1 && !body.truncated ? 'story' : 'stories'}`
    if (body.total === 0) {
      const hint = body.didYouMean ? `Did you mean “${body.didYouMean}”?` : 'Try fewer words, or check the spelling.'
      this.show(`No stories found for “${body.query}”. ${hint}`, [], 'How to search', `${this.endpoint}/help`)
      return
    }
    const rest = body.total > body.hits.length ? `See all ${count} on the site` : null
    this.show(`${count} for “${body.query}”`, body.hits.map((hit) => this.row(hit, query)), rest, site)
  }

  /** The status line, the rows, and a link to the site below them (when there is one to give). */
  show(status, rows, linkText, href) {
    this.status.textContent = status
    this.list.replaceChildren(...rows)
    this.more.hidden = !linkText
    if (linkText) {
      const link = document.createElement('a')
      link.href = href
      link.textContent = linkText
      this.more.replaceChildren(link)
    }
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
}
