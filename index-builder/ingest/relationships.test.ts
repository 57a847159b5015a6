import { describe, expect, it } from 'vitest'
import { compileAliases, parseCharacters, parseRelationships, resolveName } from './relationships'

const aliases = compileAliases({
  Clark: 'Clark Kent', Lana: 'Lana Lang', Lex: 'Lex Luthor', Chloe: 'Chloe Sullivan', Oliver: 'Oliver Queen', Lois: 'Lois Lane',
  Clex: 'Clark Kent/Lex Luthor', Chlollie: 'Chloe Sullivan/Oliver Queen',
})

describe('parseRelationships', () => {
  it.each([
    ['Clark/Lana. Kinda.', ['Clark Kent/Lana Lang']],
    ['Lex/Lana', ['Lana Lang/Lex Luthor']],
    ['Lana/Lex', ['Lana Lang/Lex Luthor']],
    ['Clark/Lana, Chloe & Oliver', ['Clark Kent/Lana Lang', 'Chloe Sullivan & Oliver Queen']],
    ['Clark/Lois; Lex/Lana', ['Clark Kent/Lois Lane', 'Lana Lang/Lex Luthor']],
    ['Clark/Lois and Chloe/Oliver', ['Clark Kent/Lois Lane', 'Chloe Sullivan/Oliver Queen']],
    ['Clark and Lana', ['Clark Kent/Lana Lang']],
    ['Clex', ['Clark Kent/Lex Luthor']],
    ['clex, Chlollie', ['Clark Kent/Lex Luthor', 'Chloe Sullivan/Oliver Queen']],
    ['implied Clark/Lex (one-sided)', ['Clark Kent/Lex Luthor']],
    ['Clark x Lois', ['Clark Kent/Lois Lane']],
    ['Clark/Lana/Lex', ['Clark Kent/Lana Lang/Lex Luthor']],
    ['Clark/Lana & Lex/Lionel', ['Clark Kent/Lana Lang', 'Lex Luthor/Lionel']],
    ['None', []],
    ['Gen', []],
    ['Kara/Zor-El', ['Kara/Zor-El']],
  ])('reads %j as %j', (value, relationships) => {
    expect(parseRelationships(value, aliases).relationships).toEqual(relationships)
  })

  it('lists the names in the relationships as characters, in order', () => {
    expect(parseRelationships('Lex/Lana, Clark & Chloe', aliases).characters).toEqual(['Lana Lang', 'Lex Luthor', 'Chloe Sullivan', 'Clark Kent'])
  })

  it('treats a single name in a pairing field as a character, not a relationship', () => {
    expect(parseRelationships('Chloe', aliases)).toEqual({ relationships: [], characters: ['Chloe Sullivan'] })
  })

  it('does not split lists that a format already split', () => {
    expect(parseRelationships(['Chloe Sullivan & Clark Kent and friends'], aliases).relationships).toEqual(['Chloe Sullivan & Clark Kent and friends'])
  })
})

describe('parseCharacters', () => {
  it.each([
    ['Lana, Clark, Chloe', ['Lana Lang', 'Clark Kent', 'Chloe Sullivan']],
    ['Clark K., Lana L.', ['Clark Kent', 'Lana Lang']],
    ['Lex and Lionel Luthor', ['Lex Luthor', 'Lionel Luthor']],
    ['Martha Kent; Jonathan Kent', ['Martha Kent', 'Jonathan Kent']],
    ['Clark, clark kent', ['Clark Kent']],
  ])('reads %j as %j', (value, characters) => {
    expect(parseCharacters(value, aliases)).toEqual(characters)
  })
})

describe('resolveName', () => {
  it.each([
    ['Lex', 'Lex Luthor'],
    ['lex luthor', 'Lex Luthor'],
    ['Lex L.', 'Lex Luthor'],
    ['Lex K.', 'Lex K.'],
    ['Jor-El', 'Jor-El'],
  ])('resolves %j to %j', (name, canonical) => {
    expect(resolveName(name, aliases)).toBe(canonical)
  })
})
