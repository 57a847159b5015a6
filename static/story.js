// The story page in the browser: previous/next match controls, and remembering a reader's consent to adult content.
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
