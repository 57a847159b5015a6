// DOM helpers the page scripts share.

/** Builds an element: `h('a', { href, class: 'x' }, 'text', child)`. Strings become text nodes, never HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined && value !== false) el.setAttribute(name, value === true ? '' : value)
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child)
  return el
}
