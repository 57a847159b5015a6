// The story page in the browser: previous/next match controls, remembering a reader's consent to adult content, and
// the reader's place in a story.
import { storyPath } from './search-url.js'

const CONSENT_KEY = 'story-search:adult-content-ok'

document.documentElement.classList.add('js')

// ---- Content notice: once a reader proceeds, this browser goes straight to the story next time.
const proceed = document.getElementById('proceed')
if (proceed) {
  let consented = false
  try {
    consented = localStorage.getItem(CONSENT_KEY) === 'yes'
  } catch {
    // Storage can be off (private modes); the notice then simply shows each time.
  }
  if (consented) location.replace(proceed.href)
  proceed.addEventListener('click', () => {
    try {
      localStorage.setItem(CONSENT_KEY, 'yes')
    } catch {}
  })
}

// ---- Matches: "next" and "previous" step through the marks; the links stay plain #match-N anchors.
const nav = document.getElementById('match-nav')
if (nav) {
  const count = Number(nav.dataset.count)
  const status = document.getElementById('match-status')
  const previous = document.getElementById('match-prev')
  const next = document.getElementById('match-next')
  const label = status.textContent
  let current = 0

  const go = (n) => {
    current = ((n - 1 + count) % count) + 1
    const mark = document.getElementById(`match-${current}`)
    document.querySelector('mark.current')?.classList.remove('current')
    mark.classList.add('current')
    mark.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' })
    history.replaceState(null, '', `#match-${current}`)
    status.textContent = `Match ${current} of ${count} · ${label}`
    previous.href = `#match-${((current - 2 + count) % count) + 1}`
    next.href = `#match-${(current % count) + 1}`
  }
  const step = (delta) => (event) => {
    event.preventDefault()
    go(current === 0 ? (delta > 0 ? 1 : count) : current + delta)
  }
  previous.addEventListener('click', step(-1))
  next.addEventListener('click', step(1))
  nav.querySelector('.match-first').addEventListener('click', (event) => {
    event.preventDefault()
    go(1)
  })
  // n / p (and shift+n) step through matches from anywhere but a field.
  document.addEventListener('keydown', (event) => {
    const target = event.target
    if (event.ctrlKey || event.metaKey || event.altKey || (target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
    if (event.key === 'n') step(1)(event)
    else if (event.key === 'p' || event.key === 'N') step(-1)(event)
  })
  const hashed = /^#match-(\d+)$/.exec(location.hash)
  if (hashed) go(Number(hashed[1]))
}

// ---- Reading place: where a reader is in a story (chapter, and how far down), kept in this browser, so the story's
// pages offer to take them back there. Nothing leaves the browser.
const article = document.querySelector('article.story[data-story]')
const placeNote = document.getElementById('reading-place')
if (article && !document.getElementById('content-notice')) {
  const key = `story-search:place:${article.dataset.story}`
  const chapter = article.dataset.chapter ? Number(article.dataset.chapter) : null
  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null')
    } catch {
      return null
    }
  }
  const saved = read()
  const scrollTo = (fraction) => window.scrollTo(0, fraction * (document.documentElement.scrollHeight - innerHeight))

  if (saved && location.hash === '#resume' && saved.chapter === chapter) scrollTo(saved.at)
  else if (saved && placeNote && (saved.chapter !== chapter || (saved.at > 0.02 && !location.hash))) {
    // A story in one piece has no chapters to name: only how far down.
    const where = saved.chapter ? `chapter ${saved.chapter}, ` : document.querySelector('.chapter-toc') ? 'the whole work, ' : ''
    const link = Object.assign(document.createElement('a'), { href: `${storyPath(article.dataset.story, saved.chapter)}${location.search}#resume`, textContent: `Continue where you left off (${where}${Math.round(saved.at * 100)}%)` })
    if (saved.chapter === chapter) {
      link.addEventListener('click', (event) => {
        event.preventDefault()
        scrollTo(saved.at)
      })
    }
    placeNote.append(link)
    placeNote.hidden = false
  }

  // Opening a chapter is reading it; the whole work is a place only once the reader scrolls it: opening it to look at
  // the contents must not overwrite the chapter they are in the middle of.
  let pending = false
  let moved = chapter !== null
  const remember = () => {
    pending = false
    if (!moved) return
    const room = document.documentElement.scrollHeight - innerHeight
    try {
      localStorage.setItem(key, JSON.stringify({ chapter, at: room > 0 ? Math.min(1, Math.max(0, scrollY / room)) : 0 }))
    } catch {}
  }
  addEventListener('scroll', () => {
    moved = true
    if (!pending) {
      pending = true
      setTimeout(remember, 500)
    }
  }, { passive: true })
  addEventListener('pagehide', remember)
}
