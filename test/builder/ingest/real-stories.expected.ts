// Ground truth for the 12 real story files in ../shared/real-stories (provenance in MANIFEST.tsv there),
// written down by a human reader from the files themselves, not from the project's parser.
//
// Conventions used below:
// - Strings are copied as written (HTML entities decoded, curly quotes kept). Where `bodyStart`, `bodyEnd` or
//   `summary` run across a paragraph or line break, the break is written as one space: compare after
//   collapsing whitespace (the body separates paragraphs with a blank line).
// - `chapters` is the number of chapters present in this file; a one-piece story counts as 1.
// - `complete` is only set when the file states it (AO3 "Chapters: x/y", FFN "Complete", front-matter status).
// - `notInBody` strings are chosen so that they do not also occur in the story text (case included).

export interface ExpectedStory {
  file: string                 // file name in ../shared/real-stories
  title: string
  authors: string[]            // pen names as shown, no e-mail addresses
  rating: 'General' | 'Teen' | 'Mature' | 'Explicit' | 'Not Rated'
  fandoms: string[]
  relationships: string[]      // "A/B" romantic, "A & B" platonic
  characters: string[]         // characters named in the metadata, including those in relationships
  warnings: string[]           // AO3 archive warnings as written; [] when none
  summary: string | null       // the story's summary starts with this (after collapsing whitespace)
  series: { title: string; part: number | null } | null
  date: string | null          // publication date, ISO YYYY-MM-DD
  complete: boolean | null
  chapters: number | null      // chapters in THIS file
  bodyStart: string            // first words of the story text proper
  bodyEnd: string              // last words of the story text proper
  notInBody: string[]          // in the file, but must not be in the story text
  encoding: string             // what the file really is
  language: string             // ISO 639-1
  notes?: string
}

export const EXPECTED: ExpectedStory[] = [
  {
    file: 'ao3dl_my_aim_is_steady.html',
    title: 'My Aim Is Steady And True',
    authors: ['nianeyna'],
    rating: 'Teen',
    fandoms: ['Final Fantasy XIV'],
    relationships: ['Honoroit Banlardois/Emmanellain de Fortemps'],
    characters: ['Honoroit Banlardois', 'Emmanellain de Fortemps'],
    warnings: ['Graphic Depictions Of Violence'],
    summary: '100 percent all-natural fandom-grade h/c.',
    series: null,
    date: '2020-03-04',
    complete: true,
    chapters: 1,
    bodyStart: 'Their contact was late. So was Emmanellain, but that',
    bodyEnd: 'Honoroit smiled at him. “I rather like the sound of that.”',
    notInBody: [
      'Posted originally on the',
      'Beta\'d by the inimitable',
      'See the end of the work for',
      'Dedicated to everyone over at #the-emmhono-corner',
      'drop by the Archive and comment',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'AO3 HTML download. Category M/M and the additional tags (Hurt/Comfort, Stabbing, ...) are tags, not warnings. '
      + 'The beta note (start) and the dedication (end notes) are author notes, not body. '
      + 'bodyStart runs across the first paragraph break ("Their contact was late." is the whole first paragraph).',
  },
  {
    file: 'ao3dl_those_few.html',
    title: 'Those Few Who’ve Slipped the Surly Bonds',
    authors: ['natsinator'],
    rating: 'Not Rated',
    fandoms: ['Ginga Eiyuu Densetsu | Legend of the Galactic Heroes'],
    relationships: [],
    characters: [],
    warnings: ['Creator Chose Not To Use Archive Warnings', 'Major Character Death'],
    summary: 'When I get off the wheel I’m going to stop',
    series: { title: 'A Wheel Inside a Wheel', part: 14 },
    date: '2023-06-05',
    complete: false,
    chapters: 3,
    bodyStart: 'A friend of mine once told me that the only',
    bodyEnd: 'blinded by the light of day, glinting off the snow.',
    notInBody: [
      'Posted originally on the',
      'Chapter End Notes',
      'mixing my Shakespeare here',
      'See the end of the chapter for',
      'drop by the Archive and comment',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Title uses a curly apostrophe (Who’ve). Rating tag is literally "Not Rated". Both warning tags kept as written, '
      + 'including "Creator Chose Not To Use Archive Warnings" (the link text; its URL slug says "Choose Not To Use..."). '
      + 'No relationship/character tags ("Relationships and Characters Deliberately Left Untagged" is a freeform tag). '
      + 'Stats: Published 2023-06-05, Updated 2023-09-26, Chapters: 3/? -> complete false (work in progress), 3 chapters in the file. '
      + 'The summary begins with a poem whose lines are separated by <br/>; its first line is given. '
      + 'bodyStart skips the first chapter heading ("An Obituary for Dietrich Bronner, As Published In the Neue Reich Daily Register"); '
      + 'chapter headings of chapters 2 and 3 may legitimately appear inside the body as headings. '
      + 'The in-story signature "— Nat Rome" at the end of chapter 1 is story text (in-universe obituary), not an author signature.',
  },
  {
    file: 'ao3page_skipping_stones.html',
    title: 'Skipping Stones',
    authors: ['Sidra'],
    rating: 'General',
    fandoms: ['Harry Potter - Rowling'],
    relationships: ['Harry Potter/Unknown'],
    characters: ['Harry Potter'],
    warnings: [],
    summary: null,
    series: { title: 'Counting Drabbles', part: 1 },
    date: '2005-07-05',
    complete: true,
    chapters: 1,
    bodyStart: 'Skip. “Harry Potter.” Skip. Skip. “Youngest Defense Against the Dark Arts',
    bodyEnd: 'stood gazing out over the lake for a long time.',
    notInBody: [
      'thanks to lauriegilbert for all her help and support!',
      'Series this work belongs to:',
      'left kudos on this work!',
      'Hi, Sidra!',
      'Post Comment',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'AO3 work page (logged in as the author, so Edit/Add Chapter links are present: chrome). '
      + 'Warning tag is "No Archive Warnings Apply" -> [] (it states there are none). '
      + 'No Characters tag; characters only from the relationship "Harry Potter/Unknown" ("Unknown" is a placeholder, not a character). '
      + 'No summary on the page, only a Notes block (author note). Series line "Part 1 of the Counting Drabbles series". '
      + 'The first paragraphs are one or two words each, so bodyStart runs across several paragraph breaks.',
  },
  {
    file: 'ffn_calculation.html',
    title: 'Calculation',
    authors: ['fringeperson'],
    rating: 'General',
    fandoms: ['Harry Potter'],
    relationships: [],
    characters: ['Harry P.'],
    warnings: [],
    summary: 'Young Harry liked numbers, he liked using numbers and working out the value of things.',
    series: null,
    date: '2011-12-08',
    complete: true,
    chapters: 1,
    bodyStart: 'There were two things Harry Potter never left the house',
    bodyEnd: 'giggle out of that for a good long time.',
    notInBody: [
      '~The End~',
      'Follow/Fav',
      'Status: Complete',
      'The author would like to thank you for your continued support',
      'oneshot, complete, don\'t own.',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'FFN new layout. "Rated: Fiction K - English - Harry P. - Words: 18,141 - ... - Published: 12/8/2011 - Status: Complete". '
      + 'Fiction K -> General. No genre listed. Fandom from the breadcrumb Books > Harry Potter. '
      + 'DATE AMBIGUITY: the page shows 12/8/2011, but data-xutime="1323394267" is 2011-12-09T01:31:07Z in UTC '
      + '(17:31 on Dec 8 in US Pacific time, which is what FFN displays). I took the date as shown on the page, 2011-12-08; '
      + 'a parser converting the timestamp in UTC will get 2011-12-09. '
      + 'The summary (long) is given up to its first sentence; it ends with "oneshot, complete, don\'t own." which is summary, not body. '
      + '"~oOo~" scene separators inside the story are body; "~The End~" is an end marker.',
  },
  {
    file: 'ffn_stuck_ch1_oldlayout.html',
    title: 'Stuck!',
    authors: ['kolyaaa'],
    rating: 'Teen',
    fandoms: ['Stargate: Atlantis'],
    relationships: [],
    characters: ['Rodney M.', 'John S.'],
    warnings: [],
    summary: 'A very annoying regular character is turned into a kid.',
    series: null,
    date: '2005-11-09',
    complete: true,
    chapters: 1,
    bodyStart: '"Gah! Get it off me! Get it off me!"',
    bodyEnd: 'brown hair, blue eyes and a scowl like a thundercloud.',
    notInBody: [
      'praise me! Leave me feedback!',
      'Disclaimer: Stargate: Atlantis and its characters',
      'Category/Rating: GEN/T',
      'Review this Chapter',
      'Author of 3 Stories',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'FFN old (2005-era) layout, chapter 1 of 20 only. Header: "Rated: T - English - Adventure/Angst - Rodney M. & John S. - '
      + 'Reviews: 571 - Updated: 11-22-05 - Published: 11-09-05 - Complete". Dates are MM-DD-YY -> 2005-11-09. '
      + 'Author: profile link shows "kolyaaa"; the in-text header writes "Author: Kolyaaa!" — I used the profile pen name. '
      + 'Old FFN joined the two characters it lists with "&"; that names characters, not a pairing (pairings are in [brackets]), '
      + 'and the author states "Category/Rating: GEN/T": no relationship. '
      + 'The in-text "Characters: Everyone" is not a character name. '
      + 'The summary is not shown on the page; it is only in <meta name="description"> and the script var summary. '
      + 'The story text div starts with an in-text header block (title, Author, Disclaimer, Category/Rating, Chapters: 20, '
      + 'Characters, two A/N paragraphs, "Chapter One: A Scowl Like a Thundercloud"), none of which is story text. '
      + '"praise me! Leave me feedback!" after the story is an author plea, not story text. '
      + 'chapters: 1 chapter in this file (the work has 20).',
  },
  {
    file: 'html_frontmatter_hundred_years.html',
    title: 'if he had a hundred years',
    authors: [],
    rating: 'General',
    fandoms: ['Baldur\'s Gate 3'],
    relationships: ['Wyll Ravengard & Ulder Ravengard', 'Wyll Ravengard & Umi'],
    characters: ['Wyll Ravengard', 'Umi', 'Ulder Ravengard'],
    warnings: [],
    summary: 'Wyll pays a visit to his father and finally airs out his grievances.',
    series: null,
    date: '2023-11-21',
    complete: true,
    chapters: 1,
    bodyStart: 'In the warm glow of their bedroom, Wyll stands tall,',
    bodyEnd: '“Till I see you again, Father.”',
    notInBody: [
      'https://archiveofourown.org/works/51731500',
      'At the end of the day, the damage is done',
      'Sometimes, you just need a good cry',
      'Dream Song 29 by John Berryman',
      'comma separated',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'HTML body with YAML front matter (11ty starter). The file names no author -> []. '
      + 'content_rating: "Gen" read as General audiences (it is the only rating value; "category: Gen" is the category). '
      + 'content_warning [No Archive Warnings Apply] -> []. status: Completed -> complete true; chapters: 1; word_count 2007. '
      + 'Relationships are platonic ("&"); "Wyll" in them is Wyll Ravengard (the characters key names him in full), so they are written '
      + 'with the full names, as AO3 tags them, and the characters are the three from the characters key. '
      + 'start_note / end_note are author notes, not body. The YAML trailing "# ..." comments are not part of the values.',
  },
  {
    file: 'md_a_life_in_your_shape.md',
    title: 'a life in your shape',
    authors: [],
    rating: 'Teen',
    fandoms: ['Genshin Impact'],
    relationships: ['Childe/Lumine'],
    characters: ['Childe', 'Lumine', 'Albedo', 'Sucrose'],
    warnings: [],
    summary: 'Witnessing the slow, excruciating pain of Childe succumbing to a poison',
    series: null,
    date: '2021-01-21',
    complete: true,
    chapters: 1,
    bodyStart: 'When Lumine had asked for Childe’s help in traversing Dragonspine,',
    bodyEnd: 'We’ve got all the time in the world.”',
    notInBody: [
      'https://archiveofourown.org/works/28832337',
      'ao3_link',
      'content_rating',
      'Near Death Experiences',
      'comma separated',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Markdown with YAML front matter (same 11ty starter). No author in the file -> []. content_rating "Teen and Up" -> Teen. '
      + 'content_warning [No Archive Warnings Apply] -> []. status Completed, chapters 1, word_count 5247. '
      + 'Empty start_note/end_note. The "---" lines inside the body are scene breaks (Markdown rules), not front matter. '
      + 'Summary is one long sentence; only its first ~70 characters are given.',
  },
  {
    file: 'md_baritsu.md',
    title: 'Baritsu',
    authors: ['antennapedia'],
    rating: 'General',
    fandoms: ['BTVS', 'Sherlock Holmes'],
    relationships: [],
    characters: ['Buffy', 'Giles', 'Holmes', 'Watson'],
    warnings: [],
    summary: 'Buffy demands an explanation.',
    series: { title: 'Displaced Watcher', part: null },
    date: '2008-03-11',
    complete: null,
    chapters: 1,
    bodyStart: 'Something crashed in the room upstairs. Giles cocked his head',
    bodyEnd: 'bruised and aching. Clever girl, his Slayer.',
    notInBody: [
      'nutterbudgie',
      'idtag',
      'antennapedia.livejournal.com',
      'genre:crossover',
      'Holmes! Giles snark at!',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Markdown with YAML front matter; pure ASCII. rating: "general" -> General. published 2008-03-11T14:54:00-08:00 -> 2008-03-11 '
      + '(same day in UTC). Tag values are slugs, read as a reader would write them (the file never spells out the abbreviation): '
      + 'f:btvs, f:sherlock-holmes -> fandoms "BTVS", "Sherlock Holmes"; c:buffy/giles/holmes/watson -> characters "Buffy", "Giles", '
      + '"Holmes", "Watson"; s:displaced_watcher -> series "Displaced Watcher", no part number; p:gen and pairing: gen -> no relationships. '
      + 'genre:crossover, season:05, tagfic, timetravel are free tags. The notes key (a prompt from nutterbudgie, with HTML) is an author note. '
      + 'Completion not stated -> null; a single short piece -> chapters 1.',
  },
  {
    file: 'md_toml_nephilim_prologue.md',
    title: 'Prologue',
    authors: ['Luke Schierer'],
    rating: 'Not Rated',
    fandoms: [],
    relationships: [],
    characters: [],
    warnings: [],
    summary: null,
    series: null,
    date: '2022-06-28',
    complete: null,
    chapters: 1,
    bodyStart: 'While Lily Potter had excelled in potions, she had been',
    bodyEnd: 'A battle of wills and of magic began.',
    notInBody: [
      'Luke Schierer',
      'weight = 2',
      'toc = false',
      'See my notes on the',
      'power levels',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Hugo Markdown with TOML (+++) front matter: title "Prologue", date 2022-06-28T17:31:53-04:00, author "Luke Schierer". '
      + 'The front matter gives no fandom, rating, summary or characters. The content is plainly Harry Potter and the repository path '
      + '(MANIFEST: .../Harry_Potter_-_Nephilim/Prologue.md) names the work "Harry Potter - Nephilim", but the file itself does not, '
      + 'so fandoms [] and series null. The Markdown footnote definitions at the end ([^20210902-6]: See the author\'s notes ...) '
      + 'are author notes, not story text; the inline footnote markers like [^20210902-6] should not be in the body either. '
      + '"- - -" lines are scene breaks. Hugo shortcodes ({{< relref ... >}}) appear only in the footnotes.',
  },
  {
    file: 'txt_voices.txt',
    title: 'Voices',
    authors: ['Brenda S. Antrim'],
    rating: 'Not Rated',
    fandoms: ['Star Trek: Deep Space Nine'],
    relationships: [],
    characters: ['Bashir'],
    warnings: [],
    summary: null,
    series: null,
    date: null,
    complete: null,
    chapters: 1,
    bodyStart: 'Her voice was soft, almost wistful, as she said goodbye',
    bodyEnd: 'would have to answer one day. But not this day.',
    notInBody: [
      'Subject: Voices',
      'VOICES by Brenda S. Antrim',
      'Copyright on characters by Paramount Pictures',
      '*The End*',
      '\u001a',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Usenet post, pure 7-bit ASCII with CRLF line ends and a trailing DOS end-of-file byte 0x1A (^Z), which must not reach the body. '
      + 'Subject: "Voices (A DS/Bashir story)" -> title "Voices"; "DS/Bashir" is NOT a pairing ("DS" = Deep Space [Nine]; a Bashir story), '
      + 'so relationships [] and characters ["Bashir"] (the only character the header names). '
      + 'Fandom written in the header as "a Star Trek :  Deep Space Nine story." — I tidied the spacing to "Star Trek: Deep Space Nine". '
      + 'Only a copyright year (1995) is given, no date -> null. No rating stated. '
      + 'Star lines ("***  *    *    * ...") are scene breaks; the final "*    *  ...*The End*  ...*" line is an end marker. '
      + 'complete left null although the story ends with "The End".',
  },
  {
    file: 'txt_worst_of_both_worlds_macroman.txt',
    title: 'The Worst of Both Worlds',
    authors: ['Cindy Bell'],
    rating: 'Not Rated',
    fandoms: [],
    relationships: [],
    characters: [],
    warnings: [],
    summary: null,
    series: null,
    date: null,
    complete: null,
    chapters: 1,
    bodyStart: 'As Captain Picard and Counselor Troi stood in Transporter Room',
    bodyEnd: 'telling Quark that I accept his job offer ..."',
    notInBody: [
      'From: cynth@netcom.com',
      'This is a repost of something I wrote about a year ago',
      'THE END?',
      'No one will be seated during famous Fish Argument',
      'Tom Servo',
    ],
    encoding: 'macintosh',
    language: 'en',
    notes: 'Mac Roman: 0x8E is "é" (in "naiveté") and 0xCA is a no-break space (10 of them, e.g. after "The Wizard of Oz"); LF line ends. '
      + 'Header "From: cynth@netcom.com (Cynthia Bell)", byline "by Cindy Bell" -> author as shown in the byline, "Cindy Bell". '
      + '"This is a repost of something I wrote about a year ago:" is a posting note, not a summary. '
      + 'No fandom stated in the file (the content is Star Trek: The Next Generation — Picard, Data, Lore, Sela; MANIFEST path '
      + 'STARTREK/), no rating, no date, no characters list -> empty. "THE END?" is an end marker; "-- " starts the signature '
      + '(Cindy Bell / cynth@netcom.com / Tom Servo quote). Paragraphs are marked by 8-space indents, not blank lines.',
  },
  {
    file: 'txt_xfiles_xmas.txt',
    title: 'An X-Files Xmas',
    authors: ['Cody Nelson'],
    rating: 'Not Rated',
    fandoms: ['The X-Files'],
    relationships: [],
    characters: ['Fox Mulder', 'Dana Scully'],
    warnings: [],
    summary: null,
    series: null,
    date: '1994-12-10',
    complete: null,
    chapters: 1,
    bodyStart: 'It was 3:15 on Christmas morning, and Fox Mulder',
    bodyEnd: 'And Merry Christmas, Samantha, wherever you are.',
    notInBody: [
      'As always: Fox Mulder, Dana Scully',
      'aka CodyN@aol.com',
      'no (I repeat, NO) infringement',
      'And seasons greetings to all my fellow X-Philes',
    ],
    encoding: 'utf-8',
    language: 'en',
    notes: 'Plain ASCII, CRLF, tab-indented centred header: title, "by Cody Nelson", "aka CodyN@aol.com", "12/10/94" (US M/D/YY -> 1994-12-10). '
      + 'The disclaimer comes before the title and names Fox Mulder, Dana Scully and "The X-Files"; I took those as the fandom and characters. '
      + 'No rating stated. After the story, a lone "Fine" line is an end marker (fine/fini), and the "****...And seasons greetings to all my '
      + 'fellow X-Philes..." line is a sign-off; neither is story text ("Fine" itself cannot be listed in notInBody because "fine" occurs in the story). '
      + 'Paragraphs are marked by 2-space indents; the italic-style flashback paragraphs in parentheses near the end are story text.',
  },
]
