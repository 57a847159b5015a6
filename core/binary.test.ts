import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter } from './binary'

describe('ByteReader.text', () => {
  it('reads back any string ByteWriter wrote, short or long, ASCII or not, one after another', () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }))
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.nat({ max: 1 << 20 })), { maxLength: 20 }), (items) => {
        const writer = new ByteWriter()
        for (const [value, number] of items) writer.text(value).varint(number)
        const reader = new ByteReader(writer.finish())
        for (const [value, number] of items) {
          // Lone surrogates are written as U+FFFD (UTF-8 cannot hold them): compare with what UTF-8 keeps.
          expect(reader.text()).toBe(new TextDecoder().decode(new TextEncoder().encode(value)))
          expect(reader.varint()).toBe(number)
        }
        expect(reader.done).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('refuses a string cut short, ASCII or not', () => {
    for (const value of ['sailor', 'sailor’s']) {
      const bytes = new ByteWriter().text(value).finish()
      expect(() => new ByteReader(bytes.subarray(0, bytes.length - 1)).text()).toThrow(RangeError)
    }
  })
})
