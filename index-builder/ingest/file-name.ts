// What a story's path says when its text does not: a readable title from the file name, a fandom from the folder.

// Words English titles leave in lower case unless they come first.
const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'of', 'on', 'in', 'to', 'for', 'at', 'by', 'with', 'from', 'as'])

/**
 * The file name as a title: extension dropped, underscores and hyphens made spaces, all-lower-case
 * words capitalized. Words with digits are left alone, so ids and dates stay as written.
 *
 * @example titleFromFileName('Smallville/the-long-road_v2.txt') // 'The Long Road v2'
 */
export function titleFromFileName(sourcePath: string): string {
  const name = sourcePath.split(/[\\/]/).pop() ?? ''
  return readable(name.replace(/\.[^.]*$/, '')) || 'Untitled'
}

/** A name written for a machine as one a person would write: `_` and `-` made spaces, all-lower-case words capitalized. */
function readable(name: string): string {
  const words = name
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => (/^\p{Ll}+$/u.test(word) && !MINOR_WORDS.has(word) ? word[0]!.toUpperCase() + word.slice(1) : word))
  if (words.length > 0 && /^\p{Ll}/u.test(words[0]!)) words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1)
  return words.join(' ')
}

/**
 * True when a file name is a machine's, not a person's: only numbers and hashes (`001_971dd5012805474c.txt`,
 * a UUID). Such a name is never a title.
 */
export function isMachineName(sourcePath: string): boolean {
  const name = (sourcePath.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '')
  const words = name.split(/[\s_.-]+/).filter(Boolean)
  return words.length > 0 && words.every((word) => /^\d+$/.test(word) || (/^[0-9a-f]{6,}$/i.test(word) && /\d/.test(word)))
}

/**
 * The top-level folder of a path relative to the stories folder, or null for a file at the top. A folder named as a
 * slug, lower case with hyphens or underscores (`lantern-coast`), is read as the words it stands for ("Lantern Coast").
 *
 * @example fandomFromPath('harry-potter/the-long-road.txt') // 'Harry Potter'
 */
export function fandomFromPath(sourcePath: string): string | null {
  const segments = sourcePath.split(/[\\/]+/).filter(Boolean)
  if (segments.length < 2) return null
  if (/^[\p{Ll}\p{N}]+(?:[-_]+[\p{Ll}\p{N}]+)+$/u.test(segments[0]!)) return readable(segments[0]!)
  const folder = segments[0]!.replace(/_+/g, ' ').trim()
  return folder === '' || folder === '.' ? null : folder
}
