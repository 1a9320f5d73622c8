import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { CENT_GRID, KALSHI_FEES, KALSHI_FEES_WITH_MAKER, NO_FEES } from '../../src/market/index.js';
import {
  AccountPortfolio,
  affordableCount,
  bestAsk,
  bestBid,
  type BookUpdate,
  type Instrument,
  midPrice,
  orderReserve,
  type PositionView,
  RiskManager,
  type Venue,
} from '../../src/trading/index.js';

// Expected numbers are worked by hand from the rules named beside them: Kalshi's fee
// roundUp_to_cent(0.07 × C × P × (1 − P)) (KALSHI_API.md §7), collateral p per contract for a bid and
// 100 − p for an ask, a stake = collateral at the limit price, drawdown = 1 − equity / running peak.

const instrument = (p: Partial<Instrument> = {}): Instrument => ({
  ticker: 'T1',
  title: 't',
  grid: CENT_GRID,
  fees: KALSHI_FEES,
  eventTicker: 'G1',
  details: { period: '2020-01' },
  ...p,
});

describe('orderReserve and affordableCount: collateral plus the worst-case fee', () => {
  it('a bid at 40¢ × 10 locks 400¢ + roundUp(0.07 × 10 × 0.4 × 0.6 = $0.168) = 417¢', () => {
    expect(orderReserve('bid', 40, 10, CENT_GRID, KALSHI_FEES)).toBe(417);
    // a bid at 60¢ may still fill at 50¢, where P(1 − P) peaks: 600 + roundUp(0.07 × 10 × 0.25 = $0.175) = 618
    expect(orderReserve('bid', 60, 10, CENT_GRID, KALSHI_FEES)).toBe(618);
    // an ask at 60¢ locks 40¢ a contract and can only trade at ≥ 60¢: 400 + 17
    expect(orderReserve('ask', 60, 10, CENT_GRID, KALSHI_FEES)).toBe(417);
    // an ask at 40¢ can trade at 50¢: 600 + 18
    expect(orderReserve('ask', 40, 10, CENT_GRID, KALSHI_FEES)).toBe(618);
    // maker fees too: the larger rate (taker) plus one cent of rounding headroom for the split
    expect(orderReserve('bid', 40, 10, CENT_GRID, KALSHI_FEES_WITH_MAKER)).toBe(418);
    expect(orderReserve('bid', 40, 10, CENT_GRID, NO_FEES)).toBe(400);
    // makers only (no taker fee): no split between two rates, so no extra cent: 400 + roundUp(0.0175 × 10 × 0.24 = $0.042) = 405
    expect(orderReserve('bid', 40, 10, CENT_GRID, { takerRate: 0, makerRate: 0.0175 })).toBe(405);
    expect(orderReserve('bid', 40, 0, CENT_GRID, KALSHI_FEES_WITH_MAKER)).toBe(0);
  });

  it('affordableCount is the largest count whose reserve fits the cash', () => {
    expect(affordableCount(417, 'bid', 40, CENT_GRID, KALSHI_FEES)).toBe(10);
    // 416¢: 10 no longer fit; 9 cost 360 + roundUp($0.1512) = 376
    expect(affordableCount(416, 'bid', 40, CENT_GRID, KALSHI_FEES)).toBe(9);
    expect(affordableCount(400, 'bid', 40, CENT_GRID, NO_FEES)).toBe(10);
    expect(affordableCount(399, 'bid', 40, CENT_GRID, NO_FEES)).toBe(9);
    expect(affordableCount(617, 'ask', 40, CENT_GRID, KALSHI_FEES)).toBe(9);
    expect(affordableCount(0, 'bid', 40, CENT_GRID, NO_FEES)).toBe(0);
    expect(affordableCount(Number.NaN, 'bid', 40, CENT_GRID, NO_FEES)).toBe(0);
    // an ask at 100 or a bid at 0 locks nothing per contract: no count is meaningful
    expect(affordableCount(1000, 'ask', 100, CENT_GRID, NO_FEES)).toBe(0);
    expect(affordableCount(1000, 'bid', 0, CENT_GRID, NO_FEES)).toBe(0);
  });
});

describe('RiskManager: stakes per event and period, and the drawdown halt', () => {
  it('refuses limits that are negative or not numbers', () => {
    expect(() => new RiskManager({ maxStakePerEvent: -1 })).toThrow(/maxStakePerEvent must be a non-negative number, got -1/);
    expect(() => new RiskManager({ drawdownHalt: Number.NaN })).toThrow(/drawdownHalt must be a non-negative number, got NaN/);
    expect(() => new RiskManager({ maxStakePerPeriod: '5' as unknown as number })).toThrow(/maxStakePerPeriod/);
    expect(() => new RiskManager({ maxStakePerEvent: 0, drawdownHalt: undefined })).not.toThrow();
  });

  it('an event may take exactly its limit; one cent more is refused; unfilled stakes come back', () => {
    const risk = new RiskManager({ maxStakePerEvent: 1000 });
    // 25 × 40¢ = 1000: at the limit, allowed
    expect(risk.admit('a', instrument(), 'bid', 40, 25)).toBeUndefined();
    expect(risk.stakedOnEvent('G1')).toBe(1000);
    expect(risk.admit('b', instrument(), 'bid', 1, 1)).toBe('risk_limit');
    expect(risk.stakedOnEvent('G1')).toBe(1000);
    // 20 of 25 filled: 5 × 40 = 200 back
    risk.release('a', 20);
    expect(risk.stakedOnEvent('G1')).toBe(800);
    // a second release of the same order, or of an unknown one, gives nothing back
    risk.release('a', 0);
    risk.release('nobody', 0);
    expect(risk.stakedOnEvent('G1')).toBe(800);
    // an ask at 60¢ stakes 40¢ per contract: 5 × 40 = 200 fills the event to 1000 exactly
    expect(risk.admit('c', instrument(), 'ask', 60, 5)).toBeUndefined();
    expect(risk.stakedOnEvent('G1')).toBe(1000);
    // fully filled: nothing comes back; overfilled (more than opening): never a negative give-back
    risk.release('c', 5);
    expect(risk.stakedOnEvent('G1')).toBe(1000);
    // another event has its own budget; without an event ticker, the market is its own event
    expect(risk.admit('d', instrument({ eventTicker: 'G2' }), 'bid', 50, 20)).toBeUndefined();
    expect(risk.admit('e', instrument({ eventTicker: undefined, ticker: 'SOLO' }), 'bid', 50, 20)).toBeUndefined();
    expect(risk.stakedOnEvent('SOLO')).toBe(1000);
    expect(risk.stakedOnEvent('G2')).toBe(1000);
  });

  it('periods are shared across events; an instrument without a period shares the empty one', () => {
    const risk = new RiskManager({ maxStakePerPeriod: 500 });
    expect(risk.admit('a', instrument({ eventTicker: 'G1' }), 'bid', 30, 10)).toBeUndefined();
    expect(risk.admit('b', instrument({ eventTicker: 'G2' }), 'bid', 30, 10)).toBe('risk_limit');
    expect(risk.admit('c', instrument({ eventTicker: 'G3', details: { period: '2020-02' } }), 'bid', 50, 10)).toBeUndefined();
    expect(risk.admit('d', instrument({ eventTicker: 'G4', details: undefined }), 'bid', 50, 10)).toBeUndefined();
    expect(risk.admit('e', instrument({ eventTicker: 'G5', details: {} }), 'bid', 1, 1)).toBe('risk_limit');
  });

  it('halts once equity is the limit below its running peak, and then refuses every opening order', () => {
    const risk = new RiskManager({ drawdownHalt: 0.25 });
    risk.observeEquity(1000);
    risk.observeEquity(1200);
    // 1 − 950/1200 = 0.208: still trading (measured from 1000 it would be 0.05)
    risk.observeEquity(950);
    expect(risk.halted).toBe(false);
    // 1 − 900/1200 = 0.25 exactly: halted (measured from the first 1000 it would be only 0.1)
    risk.observeEquity(900);
    expect(risk.halted).toBe(true);
    expect(risk.admit('a', instrument(), 'bid', 40, 1)).toBe('trading_halted');
    // an order that opens nothing (it only closes) is never refused
    expect(risk.admit('b', instrument(), 'bid', 40, 0)).toBeUndefined();
  });

  it('no positive peak, no drawdown: an account at or below zero from the start is not halted by division', () => {
    const risk = new RiskManager({ drawdownHalt: 0.5 });
    risk.observeEquity(0);
    risk.observeEquity(-5);
    expect(risk.halted).toBe(false);
    // without a drawdown limit nothing halts, however deep the fall
    const free = new RiskManager({});
    free.observeEquity(1000);
    free.observeEquity(1);
    expect(free.halted).toBe(false);
  });
});

describe('AccountPortfolio marks holdings at the last mid', () => {
  const book = (ticker: string, bids: number[], asks: number[]): BookUpdate => ({
    kind: 'book',
    time: 0,
    ticker,
    bids: bids.map((price) => ({ price, size: 1 })),
    asks: asks.map((price) => ({ price, size: 1 })),
  });
  const positions: PositionView[] = [
    { ticker: 'A', qty: 10, costBasis: 400, realizedPnl: 0, feesPaid: 0 },
    { ticker: 'B', qty: -5, costBasis: 300, realizedPnl: 0, feesPaid: 0 },
    { ticker: 'C', qty: 3, costBasis: 150, realizedPnl: 0, feesPaid: 0 },
    { ticker: 'D', qty: 0, costBasis: 0, realizedPnl: 0, feesPaid: 0 },
  ];
  const venue = {
    name: 'v',
    clock: new ManualClock(0),
    account: {
      cash: 1000,
      reserved: 200,
      feesPaid: 7,
      position: (t: string) => positions.find((p) => p.ticker === t)!,
      positions: () => positions,
    },
    instrument: (ticker: string) => instrument({ ticker }),
  } as unknown as Venue;
  const books = new Map([
    ['A', book('A', [40, 39], [44])],
    ['B', book('B', [70], [])],
    ['D', book('D', [10], [90])],
  ]);

  it('YES at the mid, NO at 100 − mid, no book at cost; equity = cash + reserved + marks (by hand)', () => {
    const pf = new AccountPortfolio(venue, books);
    expect(pf.cash).toBe(1000);
    expect(pf.reserved).toBe(200);
    expect(pf.feesPaid).toBe(7);
    expect(pf.positions()).toBe(positions);
    expect(pf.markValue(positions[0]!)).toBe(420); // 10 × (40 + 44)/2
    expect(pf.markValue(positions[1]!)).toBe(150); // 5 × (100 − 70): one-sided book, mid = the bid
    expect(pf.markValue(positions[2]!)).toBe(150); // no book: cost
    expect(pf.markValue(positions[3]!)).toBe(0);
    expect(pf.equity).toBe(1000 + 200 + 420 + 150 + 150);
  });

  it('best bid, best ask and mid of partial books', () => {
    expect(bestBid(book('X', [40, 39], [44]))).toBe(40);
    expect(bestAsk(book('X', [40], [44, 45]))).toBe(44);
    expect(midPrice(book('X', [], [44]))).toBe(44);
    expect(midPrice(book('X', [], []))).toBeUndefined();
    expect(midPrice(undefined)).toBeUndefined();
  });
});
