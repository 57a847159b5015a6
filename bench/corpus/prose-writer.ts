// Walks the Markov chain to write one story's prose, renaming the corpus's people and places to the fandom's.

import { type Character, shortName } from './fandoms'
import { drawInventedIndex, inventedTerm, originalCharacterName } from './invented-words'
import { type MarkovModel, TokenKind } from './markov-model'
import type { Random } from './random'
import type { TermCounter } from './term-counter'
import { misspell } from './typos'
import { countWords } from '../../core/text'

/** Who and where a story is about. */
export interface StoryCast {
  /** The story's leads (its relationship or first characters): most corpus names become one of them. */
  leads: readonly Character[]
  /** The rest of the cast, in the order they will be given out to new corpus names. */
  others: readonly Character[]
  /** Places in the order they will be given out to new corpus places. */
  places: readonly string[]
  /** The fandom's own vocabulary. */
  jargon: readonly string[]
}

/** Rates per word of the vocabulary-growing events; see README.md. */
export const TYPO_RATE = 1 / 500
export const INVENTED_TERM_RATE = 1 / 600
/** Chance that a sentence end also ends the paragraph: fan fiction paragraphs are shorter than Austen's. */
const EXTRA_PARAGRAPH_BREAK = 0.3
/** Chance that a new corpus name is folded into a lead rather than given to the next cast member. */
const NAME_TO_LEAD = 0.45
/** Chance that a sentence-initial He or She becomes a lead's name. */
const SUBJECT_TO_LEAD = 0.2

/**
 * One story's prose. Keeps the renaming tables between calls, so the summary and every chapter
 * call the same corpus name by the same character.
 */
export class ProseWriter {
  /** Words written so far, counted as the index builder counts them. */
  wordsWritten = 0
  private readonly people = new Map<string, Character>()
  private readonly placeNames = new Map<string, string>()
  private nextOther = 0
  private nextPlace = 0
  private typoGap: number
  private termGap: number

  constructor(
    private readonly model: MarkovModel,
    private readonly cast: StoryCast,
    private readonly seed: string,
    private readonly rng: Random,
    /** Receives every term written; corpus tokens are handed over by id, so each is tokenized once per archive. */
    private readonly terms: TermCounter | null = null,
  ) {
    this.typoGap = rng.gap(TYPO_RATE)
    this.termGap = rng.gap(INVENTED_TERM_RATE)
  }

  /**
   * Paragraphs of at least `targetWords` corpus words in all, ending at a sentence end.
   * A run that never reaches a sentence end stops at twice the target, so a story cannot run away.
   */
  paragraphs(targetWords: number): string[] {
    const m = this.model
    const rng = this.rng
    const out: string[] = []
    let pieces: string[] = []
    let words = 0
    let state = m.start
    let previousKind: number = TokenKind.Paragraph
    let lastPerson: Character | null = null
    let lastWasSurname = false
    const hardStop = targetWords * 2 + 50
    for (;;) {
      const from = m.offsets[state]!
      const j = from + Math.floor(rng.next() * (m.offsets[state + 1]! - from))
      const token = m.nextToken[j]!
      state = m.nextState[j]!
      if (token === m.paragraph) {
        if (pieces.length > 0) out.push(pieces.join(' '))
        pieces = []
        previousKind = TokenKind.Paragraph
        if (words >= targetWords) break
        continue
      }
      const kind = m.kind[token]!
      let piece = m.text[token]!
      if (kind === TokenKind.Name) {
        if (previousKind === TokenKind.Name && lastPerson !== null && (lastWasSurname || lastPerson.last === lastPerson.first)) {
          // `Mr. John Knightley` became `Mr. Marsh`: the person is already named in full, keep only the punctuation.
          pieces[pieces.length - 1] += m.suffix[token]!
          if (m.endsSentence[token] === 1 && words >= targetWords) break
          continue
        }
        // A second name straight after a first (`Jane Fairfax`) is the surname of the same person.
        const surnameOf: Character | null = previousKind === TokenKind.Name ? lastPerson : null
        const person: Character = surnameOf ?? this.personFor(m.core[token]!)
        lastWasSurname = surnameOf !== null || previousKind === TokenKind.Honorific
        piece = m.prefix[token]! + (lastWasSurname ? person.last : shortName(person)) + m.suffix[token]!
        lastPerson = person
      } else if (kind === TokenKind.Place) {
        piece = m.prefix[token]! + this.placeFor(m.core[token]!) + m.suffix[token]!
      } else if (kind === TokenKind.Subject && this.cast.leads.length > 0 && rng.next() < SUBJECT_TO_LEAD) {
        piece = m.prefix[token]! + shortName(rng.pick(this.cast.leads)) + m.suffix[token]!
      }
      if (m.isWord[token] === 1) {
        if (--this.typoGap <= 0 && m.replaceable[token] === 1) {
          piece = m.prefix[token]! + misspell(rng, m.core[token]!) + m.suffix[token]!
          this.typoGap = rng.gap(TYPO_RATE)
        } else if (--this.termGap <= 0 && m.replaceable[token] === 1) {
          piece = m.prefix[token]! + this.inventedWord() + m.suffix[token]!
          this.termGap = rng.gap(INVENTED_TERM_RATE)
        }
      }
      // Words never span a space, so a paragraph's count is the sum of its pieces' counts.
      if (piece === m.text[token]) {
        words += m.wordCount[token]!
        this.terms?.addToken(token, piece)
      } else {
        words += countWords(piece)
        this.terms?.add(piece)
      }
      pieces.push(piece)
      previousKind = kind
      if (m.endsSentence[token] === 1) {
        if (words >= targetWords) break
        if (rng.next() < EXTRA_PARAGRAPH_BREAK) {
          out.push(pieces.join(' '))
          pieces = []
          previousKind = TokenKind.Paragraph
          state = m.breakState[token]!
        }
      } else if (words >= hardStop) {
        pieces.push('…')
        break
      }
    }
    if (pieces.length > 0) out.push(pieces.join(' '))
    this.wordsWritten += words
    return out
  }

  private personFor(corpusName: string): Character {
    let person = this.people.get(corpusName)
    if (!person) {
      const leads = this.cast.leads
      if (this.people.size < leads.length) person = leads[this.people.size]!
      else if (leads.length > 0 && this.rng.next() < NAME_TO_LEAD) person = this.rng.pick(leads)
      else if (this.nextOther < this.cast.others.length) person = this.cast.others[this.nextOther++]!
      else {
        // The cast is used up: an original character, from a pool that keeps growing with the archive.
        const oc = originalCharacterName(this.seed, drawInventedIndex(this.rng))
        person = { title: '', ...oc }
      }
      this.people.set(corpusName, person)
    }
    return person
  }

  private placeFor(corpusPlace: string): string {
    let place = this.placeNames.get(corpusPlace)
    if (place === undefined) {
      const places = this.cast.places
      place = this.nextPlace < places.length ? places[this.nextPlace++]! : this.rng.pick(places)
      this.placeNames.set(corpusPlace, place)
    }
    return place
  }

  private inventedWord(): string {
    const jargon = this.cast.jargon
    if (jargon.length > 0 && this.rng.next() < 0.3) return this.rng.pick(jargon)
    return inventedTerm(this.seed, drawInventedIndex(this.rng))
  }
}

