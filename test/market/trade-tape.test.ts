import { describe, expect, it } from 'vitest';
import { TradeTape } from '../../src/market/trade-tape.js';

const tickers = ['AAA', 'BBB'];

describe('TradeTape: column-wise trades and their hash', () => {
  it('stores, reads back and grows past its first 256 rows', () => {
    const tape = new TradeTape((i) => tickers[i]!);
    for (let i = 0; i < 600; i++) tape.push(i * 0.5, i % 2, 1 + (i % 99), 1 + i / 4, i % 2, 10 + i, 20 + i, 1000 + i, 2000 + i);
    expect(tape.length).toBe(600);
    expect(tape.get(599)).toEqual({
      seq: 599,
      time: 299.5,
      market: 'BBB',
      price: 1 + (599 % 99),
      qty: 1 + 599 / 4,
      takerSide: 'ask',
      makerAccount: 609,
      takerAccount: 619,
      makerOrderId: 1599,
      takerOrderId: 2599,
    });
    expect(tape.get(0)).toMatchObject({ seq: 0, market: 'AAA', takerSide: 'bid', makerOrderId: 1000 });
    // a row written before the table grew is intact afterwards
    expect(tape.get(255)).toMatchObject({ time: 127.5, price: 1 + (255 % 99), makerAccount: 265, takerOrderId: 2255 });
    expect([
      tape.marketAt(3),
      tape.priceAt(3),
      tape.qtyAt(3),
      tape.timeAt(3),
      tape.takerSideAt(3),
      tape.makerAccountAt(3),
      tape.takerAccountAt(3),
    ]).toEqual([1, 4, 1.75, 1.5, 1, 13, 23]);
    expect(tape.toArray(598).map((t) => t.seq)).toEqual([598, 599]);
    expect(tape.toArray()).toHaveLength(600);
    const prices = tape.column('price');
    expect(prices).toBeInstanceOf(Float64Array);
    expect(prices.length).toBe(600);
    expect(prices[598]).toBe(1 + (598 % 99));
    expect(Array.from(tape.column('time').subarray(0, 3))).toEqual([0, 0.5, 1]);
    expect(Array.from(tape.column('qty').subarray(0, 2))).toEqual([1, 1.25]);
    expect(Array.from(tape.column('market').subarray(0, 3))).toEqual([0, 1, 0]);
  });

  it('refuses indices outside the tape', () => {
    const tape = new TradeTape((i) => tickers[i]!);
    tape.push(0, 0, 50, 1, 0, 1, 2, 1, 2);
    expect(() => tape.get(1)).toThrow(/trade index 1 out of range 0..0/);
    expect(() => tape.get(-1)).toThrow(/out of range/);
    expect(() => tape.get(Number.NaN)).toThrow(/out of range/);
  });

  it('hash = SHA-256 over <time f64, market i32, price i32, qty f64, side u8, maker i32, taker i32> little-endian per trade', () => {
    // python3: hashlib.sha256(b''.join(struct.pack('<diidBii', *r) for r in
    //   [(1.5, 0, 42, 3.0, 0, 1, 2), (2.0, 1, 58, 1.5, 1, 2, 1)])).hexdigest()
    const tape = new TradeTape((i) => tickers[i]!);
    expect(tape.hash()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'); // sha256 of nothing
    tape.push(1.5, 0, 42, 3, 0, 1, 2, 7, 8);
    tape.push(2, 1, 58, 1.5, 1, 2, 1, 9, 10);
    expect(tape.hash()).toBe('56c1acdc56c475ea3bd3cb20e5cff4e95d7660450edf5b06354638df9056ed81');
  });
});
