import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LevelBitset } from '../../src/market/book/level-bitset.js';
import { Slab } from '../../src/market/book/slab.js';
import { MAX_RESTING_ORDERS, SLOT_SPACE } from '../../src/market/index.js';

describe('LevelBitset against a plain set of prices', () => {
  // 0..1000: the 0.1¢ grid's 999 levels plus both ends, 32 words; word edges at 31/32, 63/64, …
  const levels = 1000;
  const price = fc.oneof(fc.integer({ min: 0, max: levels }), fc.constantFrom(0, 31, 32, 33, 63, 64, 95, 96, 991, 992, 999, levels));

  it('set, clear and has agree, and the neighbor searches find the nearest set price', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ add: fc.boolean(), p: price }), { maxLength: 60 }),
        fc.array(fc.integer({ min: -3, max: levels + 40 }), { minLength: 1, maxLength: 20 }),
        (ops, probes) => {
          const bits = new LevelBitset(levels);
          const set = new Set<number>();
          for (const { add, p } of ops) {
            if (add) (bits.set(p), set.add(p));
            else (bits.clear(p), set.delete(p));
          }
          const all = Array.from({ length: levels + 1 }, (_, p) => p);
          expect(all.filter((p) => bits.has(p))).toEqual([...set].sort((a, b) => a - b));
          const sorted = [...set].sort((a, b) => a - b);
          // highest ≤ q, 0 when none (a set 0 also reads as 0); lowest ≥ q, −1 when none
          expect(probes.map((q) => [q, bits.highestAtOrBelow(q)])).toEqual(
            probes.map((q) => [q, sorted.filter((x) => x <= q).at(-1) ?? 0]),
          );
          const up = probes.map((q) => Math.max(q, 0));
          expect(up.map((q) => [q, bits.lowestAtOrAbove(q)])).toEqual(up.map((q) => [q, sorted.find((x) => x >= q) ?? -1]));
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('handles the ends of the range: bit 31 of a word, the last word, and a probe past the end', () => {
    const bits = new LevelBitset(1000);
    expect(LevelBitset.wordsFor(1000)).toBe(32); // ⌊1000 / 32⌋ + 1
    expect(LevelBitset.wordsFor(31)).toBe(1);
    expect(LevelBitset.wordsFor(32)).toBe(2);
    bits.set(31);
    bits.set(1000);
    expect([bits.highestAtOrBelow(31), bits.highestAtOrBelow(30), bits.highestAtOrBelow(999)]).toEqual([31, 0, 31]);
    expect([bits.lowestAtOrAbove(32), bits.lowestAtOrAbove(1000), bits.lowestAtOrAbove(1001), bits.lowestAtOrAbove(5000)]).toEqual([
      1000, 1000, -1, -1,
    ]);
    expect(bits.highestAtOrBelow(-1)).toBe(0);
  });
});

describe('Slab', () => {
  it('carves 8-byte-aligned views that do not overlap, and refuses to overfill', () => {
    // 3 bytes pad to 8, 2 int32 are 8, 1 float64 is 8: 24 bytes
    const slab = Slab.of(3, 8, 8);
    const a = slab.u8(3);
    const b = slab.i32(2);
    const c = slab.f64(1);
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 8, 16]);
    a.fill(255);
    b.fill(-1);
    c[0] = 1.5;
    expect([...a, ...b, c[0]]).toEqual([255, 255, 255, -1, -1, 1.5]);
    expect(() => slab.u8(1)).toThrowError(new RangeError('slab of 24 bytes is full'));
  });

  it('pads each array to whole 8-byte words: 9 bytes take 16', () => {
    const slab = Slab.of(9);
    slab.u32(2);
    slab.u8(1); // 8 + 1 padded to 8: exactly 16
    expect(() => slab.u8(1)).toThrowError(RangeError);
    expect(() => new Slab(4).u32(2)).toThrowError(RangeError);
  });
});

describe('book constants', () => {
  it('keep 22 bits of an id for the slot, so a book holds up to 2^22 − 1 orders', () => {
    expect([SLOT_SPACE, MAX_RESTING_ORDERS]).toEqual([4_194_304, 4_194_303]);
  });
});
