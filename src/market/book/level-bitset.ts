/**
 * One bit per price level, so the book can find the next occupied level when the best one empties
 * with a few `Math.clz32` calls instead of a scan over prices.
 */
export class LevelBitset {
  private readonly words: Uint32Array;

  constructor(levels: number, words: Uint32Array = new Uint32Array(LevelBitset.wordsFor(levels))) {
    this.words = words;
  }

  /** Words needed for `levels` prices. */
  static wordsFor(levels: number): number {
    return (levels >>> 5) + 1;
  }

  set(price: number): void {
    this.words[price >>> 5]! |= 1 << (price & 31);
  }

  clear(price: number): void {
    this.words[price >>> 5]! &= ~(1 << (price & 31));
  }

  has(price: number): boolean {
    return (this.words[price >>> 5]! & (1 << (price & 31))) !== 0;
  }

  /** Highest set price ≤ `price`, or 0 when none (price 0 is never a valid level). */
  highestAtOrBelow(price: number): number {
    if (price < 0) return 0;
    let w = price >>> 5;
    // keep bits 0..(price & 31) of the first word
    let bits = this.words[w]! & (0xffffffff >>> (31 - (price & 31)));
    for (;;) {
      if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits);
      if (w === 0) return 0;
      bits = this.words[--w]!;
    }
  }

  /** Lowest set price ≥ `price`, or −1 when none. */
  lowestAtOrAbove(price: number): number {
    let w = price >>> 5;
    if (w >= this.words.length) return -1;
    let bits = this.words[w]! & (0xffffffff << (price & 31));
    for (;;) {
      if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits & -bits);
      if (++w >= this.words.length) return -1;
      bits = this.words[w]!;
    }
  }
}
