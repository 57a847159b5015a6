// The fixed words of archive metadata: ratings per archive style, warnings, tags, genres, title words.

/** eFiction archives used film ratings, some the FictionRatings scale (FRT, FR13...). Weights are relative. */
export const EFICTION_RATINGS = { G: 18, PG: 24, 'PG-13': 28, R: 15, 'NC-17': 7, FRT: 4, FR13: 2, FRM: 2 } as const
export const AO3_RATINGS = {
  'General Audiences': 30,
  'Teen And Up Audiences': 35,
  Mature: 15,
  Explicit: 12,
  'Not Rated': 8,
} as const
/** FanFiction.Net writes these as `Rated: Fiction T`. */
export const FFN_RATINGS = { K: 14, 'K+': 24, T: 46, M: 16 } as const

export const AO3_WARNINGS = [
  'No Archive Warnings Apply',
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
] as const
export const EFICTION_WARNINGS = ['None', 'Angst', 'Character death', 'Violence', 'Language', 'Spoilers', 'Mild language', 'Dark themes'] as const

/** AO3 freeform tags, most used first (drawn with Zipf weights). */
export const TAGS = [
  'Fluff',
  'Angst',
  'Hurt/Comfort',
  'Angst with a Happy Ending',
  'Alternate Universe',
  'Friends to Lovers',
  'Slow Burn',
  'Established Relationship',
  'Missing Scene',
  'Post-Canon',
  'Canon Divergence',
  'Pining',
  'Found Family',
  'Humor',
  'Romance',
  'Drabble',
  'Episode Tag',
  'Enemies to Lovers',
  'Character Study',
  'Domestic Fluff',
  'Whump',
  'Fix-It',
  'Time Travel',
  'Alternate Universe - Coffee Shop',
  'Alternate Universe - Modern Setting',
  'Secret Relationship',
  'Amnesia',
  'First Kiss',
  'Holidays',
  'Grief/Mourning',
  'Nightmares',
  'Sick Fic',
  'Mutual Pining',
  'Bittersweet',
  'Open Ending',
  'Crack',
] as const

/** FanFiction.Net genres, most used first. */
export const FFN_GENRES = [
  'Romance',
  'Drama',
  'Angst',
  'Hurt/Comfort',
  'Friendship',
  'Humor',
  'General',
  'Family',
  'Adventure',
  'Tragedy',
  'Supernatural',
  'Mystery',
  'Suspense',
  'Fantasy',
  'Sci-Fi',
  'Horror',
  'Parody',
  'Poetry',
] as const

export const TITLE_NOUNS = [
  'Aftermath', 'Gravity', 'Tides', 'Embers', 'Silence', 'Homecoming', 'Lanterns', 'Ghosts', 'Wildfire', 'Harbor',
  'Echoes', 'Thaw', 'Afterglow', 'Static', 'Constellations', 'Undertow', 'Winter', 'Salt', 'Ashes', 'Promises',
  'Shelter', 'Thunder', 'Crossroads', 'Paper Boats', 'Glass', 'Bones', 'Daylight', 'Secrets', 'Tea', 'Scars',
  'Small Hours', 'Borrowed Time', 'Second Chances', 'Quiet', 'Storm', 'Mercy', 'Distance', 'Home', 'Roots', 'Sparks',
] as const
export const TITLE_ADJECTIVES = [
  'Quiet', 'Broken', 'Golden', 'Hollow', 'Borrowed', 'Burning', 'Distant', 'Gentle', 'Silver', 'Unspoken',
  'Last', 'Little', 'Falling', 'Crooked', 'Sleepless', 'Lost', 'Bright', 'Bitter', 'Tender', 'Restless',
] as const

export const NOTE_TEMPLATES = [
  'Written for the {challenge} challenge.',
  'Thanks to {beta} for the beta!',
  'Not mine, no profit made.',
  'Spoilers through season {season}.',
  'Set after the season {season} finale.',
  'This would not leave me alone. Concrit welcome.',
  'For {beta}, who asked for this a long time ago.',
  'Unbeta\'d, all mistakes are mine.',
  'Title from a song I had on repeat.',
  'Part of the {challenge} series.',
] as const
export const CHALLENGES = ['Tower of Drabble', 'Big Bang', 'Yuletide', 'Femslash February', 'Whumptober', 'Fluff Friday', 'Comment Fic', 'Rare Pair Week'] as const
