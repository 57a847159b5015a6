// The invented fandoms an archive is drawn from: their casts, places and jargon, in order of popularity.

export interface Character {
  /** `Dr.`, `Captain`, `Professor`... or '' */
  title: string
  first: string
  /** Equal to `first` for characters known by one name. */
  last: string
}

const TITLES = new Set(['Dr.', 'Nurse', 'Captain', 'Admiral', 'Professor', 'Inspector', 'Constable', 'Sheriff', 'Queen', 'Brother', 'Lady', 'Mrs.', 'Ambassador'])

export interface Fandom {
  name: string
  slug: string
  /** Most popular first: characters are drawn with Zipf weights by position. */
  cast: readonly Character[]
  /** Stand in for the corpus's place names (`Highbury`, `Nantucket`). */
  places: readonly string[]
  /** Words of the fandom's world that turn up in its stories and nowhere else. */
  jargon: readonly string[]
}

function cast(names: string): Character[] {
  return names.split(',').map((entry) => {
    const parts = entry.trim().split(' ')
    const title = TITLES.has(parts[0]!) ? parts.shift()! : ''
    return { title, first: parts[0]!, last: parts.length > 1 ? parts.slice(1).join(' ') : parts[0]! }
  })
}

/** Most popular first: fandoms are drawn with Zipf weights by position. */
export const FANDOMS: readonly Fandom[] = [
  {
    name: 'Hollow Creek',
    slug: 'hollow-creek',
    cast: cast(
      'Caleb Marsh, Nora Quill, Declan Voss, Tessa Marsh, Eli Brandt, Maren Holt, Silas Quill, Juniper Reyes, Owen Brandt, Hattie Voss, Sheriff Dunmore, Pike',
    ),
    places: ['Hollow Creek', 'the Quarry', 'Voss Manor', 'the Blue Kettle', 'Marsh Farm', 'Old Mill Road', 'Kestrel High'],
    jargon: ['meteorite', 'greenstone', 'quarrylight', 'the Bleed', 'creekwater'],
  },
  {
    name: 'Starfall Academy',
    slug: 'starfall-academy',
    cast: cast(
      'Wren Calloway, Jasper Thorne, Odile Marchetti, Felix Ashdown, Isolde Fenwick, Rook Halloran, Professor Ravensworth, Mabel Okonkwo, Theo Lindqvist, Cassius Vane, Posy Calloway, Bramwell',
    ),
    places: ['Starfall', 'the Observatory', 'Greywater Hall', 'the Undercroft', 'Lantern Row', 'the Astral Library'],
    jargon: ['sigil', 'starglass', 'warding', 'the Convocation', 'lumen-charm', 'familiar'],
  },
  {
    name: 'Iron Meridian',
    slug: 'iron-meridian',
    cast: cast(
      'Captain Imre Sol, Vesna Draganova, Kit Amari, Hollis Tate, Admiral Quorra Venn, Dax Rinaldi, Ines Varga, Tobiah Keel, Ambassador Lyr, Sable Ocampo',
    ),
    places: ['the Meridian', 'Kepler Station', 'the Drift', 'Tannhauser Gate', 'New Carthage', 'the med bay'],
    jargon: ['jumpgate', 'hullbreach', 'the Accord', 'plasma coil', 'starboard nacelle', 'synth'],
  },
  {
    name: 'Crown of Ash',
    slug: 'crown-of-ash',
    cast: cast(
      'Aurelian Vaskar, Seraphine Dell, Corvin Ashgrove, Lysandra Vaskar, Mirela, Garrick Thorne, Queen Ysolde, Pell Hawkridge, Elowen Dell, Brother Anselm, Ravik',
    ),
    places: ['Emberhold', 'the Ashen Court', 'Vaskar Keep', 'the Saltmarch', 'Duskwall', 'the Thornwood'],
    jargon: ['emberblood', 'oathbound', 'the Pyre', 'wyvern', 'ashmark'],
  },
  {
    name: "Night Shift at St. Brigid's",
    slug: 'st-brigids',
    cast: cast(
      'Dr. Rosalind Achebe, Dr. Marcus Delacroix, Nurse Petra Kowalski, Sam Whitlock, Dr. Anika Rao, Jonah Feld, Lou Brennan, Dr. Hector Salas, Birdie Kowalski',
    ),
    places: ["St. Brigid's", 'the ER', 'the on-call room', 'Trauma Two', 'the cafeteria', 'Mercer Street'],
    jargon: ['crash cart', 'triage', 'code blue', 'the board', 'intubate'],
  },
  {
    name: 'Velvet Circuit',
    slug: 'velvet-circuit',
    cast: cast('Kaito Mirase, Yuna Hoshikawa, Zero, Rei Kuga, Mika Tsunoda, Daichi Oren, Saya Mirase, Professor Ibuki, Nyx'),
    places: ['Neon Ward', 'the Undergrid', 'Tower Nine', 'the Arcade', 'Kuga Industries'],
    jargon: ['netrunner', 'ghostwire', 'the Lattice', 'chrome', 'overclock', 'datashard'],
  },
  {
    name: 'The Quiet Detectives',
    slug: 'quiet-detectives',
    cast: cast('Agatha Pryce, Inspector Lionel Hart, Bea Finchley, Constable Ned Ollerton, Lady Vivienne Sallow, Fitz, Mrs. Dorrit Kemble, Henry Pryce'),
    places: ['Little Wexcombe', 'the vicarage', 'Sallow Hall', 'the Dog and Bell', 'Paddington'],
    jargon: ['alibi', 'the dossier', 'arsenic', 'the inquest', 'magnifier'],
  },
  {
    name: 'Lantern Coast',
    slug: 'lantern-coast',
    cast: cast('June Okafor, Callum Reyes-Byrne, Delphine Arcos, Tobias Wren, Ada Okafor, Mateo Lund, Gus Halvorsen, Priya Nandakumar'),
    places: ['Lantern Bay', 'the lighthouse', 'Arcos Cannery', 'the boardwalk', 'Gull Island'],
    jargon: ['riptide', 'the Regatta', 'foghorn', 'sea glass'],
  },
]

/** Name as AO3 and the Markdown header write it: `Dr. Rosalind Achebe`, `Wren Calloway`, `Zero`. */
export function fullName(character: Character): string {
  const name = character.first === character.last ? character.first : `${character.first} ${character.last}`
  return character.title ? `${character.title} ${name}` : name
}

/** Short form used in eFiction pairings and in prose: `Wren`; one-name characters keep their title (`Professor Ravensworth`). */
export function shortName(character: Character): string {
  return character.title && character.first === character.last ? `${character.title} ${character.first}` : character.first
}

/** FFN's character filter style: `Wren C.`; one-name characters as in prose. */
export function ffnName(character: Character): string {
  if (character.first === character.last) return shortName(character)
  return `${character.first} ${character.last.split(' ').at(-1)![0]}.`
}
