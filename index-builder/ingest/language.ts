// A story's language: as its file names it (AO3 writes "English", FanFiction.Net "Español", front matter `es`), or
// detected from its text with franc (trigram statistics over 82 languages), named in English either way.
import { franc } from 'franc-min'

const ENGLISH_NAMES = new Intl.DisplayNames(['en'], { type: 'language' })
// Fan archives' languages, so a name written in the language itself ("Français", "Русский", "中文") is recognised.
const COMMON = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'zh', 'ja', 'ko', 'pl', 'nl', 'sv', 'fi', 'da', 'no', 'nb', 'cs', 'hu', 'tr', 'uk', 'vi', 'id',
  'ar', 'he', 'el', 'ca', 'ro', 'bg', 'hr', 'sr', 'sk', 'sl', 'lt', 'lv', 'et', 'th', 'tl', 'ms', 'fa', 'hi', 'la', 'eo', 'ga', 'cy', 'gd']
/** Letters a detector needs to tell languages apart; a shorter text stays undetected. */
const MIN_DETECT_LENGTH = 60
// Enough text for trigram statistics to settle; each 1,000 characters more cost about 0.4 ms a story.
const SAMPLE_LENGTH = 1500

const byName = new Map<string, string>()
for (const code of COMMON) {
  const english = ENGLISH_NAMES.of(code)!
  byName.set(fold(english), english)
  const native = new Intl.DisplayNames([code], { type: 'language' }).of(code)
  if (native) byName.set(fold(native), english)
}

/**
 * The language a file declares, named in English: a name in English or in the language itself, or an ISO 639 code.
 * AO3's "中文-普通话 國語" and "Bahasa Indonesia" are read by the word that names a language. Null when it is none.
 *
 * @example readLanguage('Español') // 'Spanish'
 * @example readLanguage('pt-BR') // 'Portuguese'
 */
export function readLanguage(declared: string): string | null {
  const text = declared.trim()
  if (text === '') return null
  const named = byName.get(fold(text)) ?? text.split(/[\s\-–,(/]+/).map((word) => byName.get(fold(word))).find(Boolean)
  if (named) return named
  if (/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(text)) {
    const base = text.split(/[-_]/)[0]!.toLowerCase()
    try {
      const name = ENGLISH_NAMES.of(base)
      if (name && name !== base) return name
    } catch {
      // Not a code Intl knows.
    }
  }
  return null
}

/** The language of a story's text, or null when it is too short or unclear to tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_LENGTH)
  // A Chinese or Japanese character says about as much as a word of three letters.
  const letters = sample.replace(/[^\p{L}]/gu, '').length + 2 * sample.replace(/[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, '').length
  if (letters < MIN_DETECT_LENGTH) return null
  const code = franc(sample, { minLength: 1 })
  if (code === 'und') return null
  const name = ENGLISH_NAMES.of(code)
  return name && name !== code ? name : null
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
}
