import { describe, expect, it } from 'vitest';
import { BookFills, QuoteFills, UNLIMITED_DEPTH } from '../../src/backtest/fill-models.js';
import { CENT_GRID, TAPERED_DECI_CENT_GRID } from '../../src/market/index.js';
import type { BookUpdate } from '../../src/trading/index.js';

const quote = (bid: number, ask: number) => ({ kind: 'quote' as const, time: 0, ticker: 'M', bid, ask });
const prices = (levels: Array<{ price: number }>) => levels.map((l) => l.price);

describe('QuoteFills: one level each side at the quote, widened by the slippage', () => {
  it('unlimited depth at the quote by default; slippage moves both sides against the trader, clamped to the grid', () => {
    expect(new QuoteFills().ladder(quote(40, 44), CENT_GRID)).toEqual({
      bids: [{ price: 40, size: UNLIMITED_DEPTH }],
      asks: [{ price: 44, size: UNLIMITED_DEPTH }],
    });
    expect(new QuoteFills({ slippageTicks: 2, depth: 7 }).ladder(quote(40, 44), CENT_GRID)).toEqual({
      bids: [{ price: 38, size: 7 }],
      asks: [{ price: 46, size: 7 }],
    });
    expect(new QuoteFills({ slippageTicks: 5 }).ladder(quote(3, 97), CENT_GRID)).toMatchObject({
      bids: [{ price: 1 }],
      asks: [{ price: 99 }],
    });
    // no bid (0) or no ask (100): that side is empty
    expect(new QuoteFills().ladder(quote(0, 100), CENT_GRID)).toEqual({ bids: [], asks: [] });
    expect(new QuoteFills().ladder(quote(1, 99), CENT_GRID)).toMatchObject({ bids: [{ price: 1 }], asks: [{ price: 99 }] });
  });

  it('a book with sizes is shown as it is (a copy)', () => {
    const book: BookUpdate = { kind: 'book', time: 0, ticker: 'M', bids: [{ price: 40, size: 3 }], asks: [{ price: 45, size: 2 }] };
    for (const model of [new QuoteFills({ slippageTicks: 3 }), new BookFills()]) {
      const l = model.ladder(book, CENT_GRID);
      expect(l).toEqual({ bids: book.bids, asks: book.asks });
      expect(l.bids).not.toBe(book.bids);
    }
  });

  it('refuses a fractional or negative slippage and a depth that is not a positive whole number', () => {
    expect(() => new QuoteFills({ slippageTicks: 0.5 })).toThrow(/slippageTicks must be a whole number ≥ 0, got 0.5/);
    expect(() => new QuoteFills({ depth: 0 })).toThrow(/depth must be a positive whole number of contracts, got 0/);
    expect(() => new QuoteFills({ depth: 1.5 })).toThrow(/got 1.5/);
  });
});

describe('BookFills: a synthetic ladder of `levels` prices from the touch outwards', () => {
  it('five levels of 50 by default on the cent grid, cut at the grid’s ends', () => {
    const l = new BookFills().ladder(quote(40, 44), CENT_GRID);
    expect(prices(l.bids)).toEqual([40, 39, 38, 37, 36]);
    expect(prices(l.asks)).toEqual([44, 45, 46, 47, 48]);
    expect(l.bids.every((x) => x.size === 50)).toBe(true);
    const edge = new BookFills({ levels: 3, depthPerLevel: 9 }).ladder(quote(2, 98), CENT_GRID);
    expect(edge).toEqual({
      bids: [
        { price: 2, size: 9 },
        { price: 1, size: 9 },
      ],
      asks: [
        { price: 98, size: 9 },
        { price: 99, size: 9 },
      ],
    });
    expect(new BookFills().ladder(quote(0, 100), CENT_GRID)).toEqual({ bids: [], asks: [] });
  });

  it('on a sub-penny tapered grid the levels are valid ticks (1¢ apart in the middle, 0.1¢ in the tails), not units', () => {
    // tapered_deci_cent: units are 0.1¢; 10¢–90¢ trades in 1¢ = 10-unit steps, below 10¢ and above 90¢ in 0.1¢ steps
    const l = new BookFills({ levels: 3 }).ladder(quote(450, 460), TAPERED_DECI_CENT_GRID);
    expect(prices(l.bids)).toEqual([450, 440, 430]);
    expect(prices(l.asks)).toEqual([460, 470, 480]);
    // across the 10¢ boundary: 100 (10¢), then 0.1¢ steps below
    expect(prices(new BookFills({ levels: 3 }).ladder(quote(100, 905), TAPERED_DECI_CENT_GRID).bids)).toEqual([100, 99, 98]);
    expect(prices(new BookFills({ levels: 3 }).ladder(quote(100, 905), TAPERED_DECI_CENT_GRID).asks)).toEqual([905, 906, 907]);
  });

  it('refuses bad parameters', () => {
    expect(() => new BookFills({ levels: 1.5 })).toThrow(/levels must be a positive whole number, got 1.5/);
    expect(() => new BookFills({ depthPerLevel: 0 })).toThrow(/depthPerLevel must be a positive whole number, got 0/);
    expect(() => new BookFills({ queue: 'middle' as never })).toThrow(/queue must be "back" or "front", got "middle"/);
    expect(new BookFills({ queue: 'front' }).queue).toBe('front');
    expect(new BookFills().queue).toBe('back');
    expect(new QuoteFills().queue).toBe('back');
  });
});
