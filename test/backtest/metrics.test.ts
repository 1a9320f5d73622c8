import { describe, expect, it } from 'vitest';
import { forecastQuality, performance } from '../../src/backtest/metrics.js';
import type { BacktestResult, Bet, EquityPoint } from '../../src/backtest/nfl.js';

// Expected numbers: python3 (math, statistics; no numpy) over the same weekly equity, with the formulas the
// metrics document — weekly returns e_t / e_(t−1) − 1 from the starting cash, Sharpe = mean / stdev(n − 1) · √(weeks
// per season), Sortino = mean / √(mean of min(0, r)² over all weeks) · √(weeks per season) (empyrical), drawdown
// from the running peak including the start, CAGR = (1 + total return)^(1/seasons) − 1, Calmar = CAGR / max DD.

function bet(p: Partial<Bet>): Bet {
  return {
    gameId: 'G',
    season: 2020,
    week: 1,
    market: 'M',
    team: 'AAA',
    side: 'yes',
    contracts: 1,
    avgPrice: 50,
    fees: 0,
    cost: 0,
    payout: 0,
    pnl: 0,
    won: false,
    entryTime: 0,
    modelProbability: undefined,
    closingPrice: undefined,
    closingTime: undefined,
    entryPhase: 'pregame',
    ...p,
  };
}

function result(startingCash: number, equity: EquityPoint[], bets: Bet[] = []): BacktestResult {
  return {
    strategy: 's',
    execution: 'quote',
    startingCash,
    finalEquity: equity.length ? equity[equity.length - 1]!.equity : startingCash,
    bets,
    equity,
    fills: [],
    orders: [],
    rejections: {},
    events: 0,
    halted: false,
  };
}

const point = (season: number, week: number, equity: number, time = 0): EquityPoint => ({ time, season, week, equity });

// two seasons, five weeks with results; week 1 of 2020 has two games (only its end counts)
const equity = [
  point(2020, 1, 1050),
  point(2020, 1, 1100),
  point(2020, 2, 990),
  point(2020, 10, 1045),
  point(2021, 1, 900),
  point(2021, 2, 1200),
];
const bets = [
  bet({ cost: 100, fees: 2, won: true, entryTime: 10, avgPrice: 50, closingPrice: 55, closingTime: 20 }), // CLV +5
  bet({ cost: 50, fees: 1, won: false, entryTime: 20, avgPrice: 50, closingPrice: 70, closingTime: 20 }), // entered at the close: no CLV
  bet({ cost: 30, fees: 0.5, won: true, entryTime: 5, avgPrice: 40, closingPrice: 38, closingTime: 20 }), // CLV −2
  bet({ cost: 20, fees: 0.25, won: false, entryTime: 1, avgPrice: 40, closingPrice: 90, closingTime: undefined }), // no closing time: no CLV
];

describe('backtest performance metrics', () => {
  it('weekly returns, Sharpe, Sortino, drawdown and Calmar match python3 over the same equity', () => {
    const m = performance(result(1000, equity, bets));
    // returns [0.1, −0.1, 0.0555…, −0.1387559…, 0.3333…]: mean 0.050026581605528996, stdev 0.1877081902537088
    expect(m.weeks).toBe(5);
    expect(m.seasons).toBe(2);
    expect(m.weeklyMean).toBeCloseTo(0.050026581605528996, 14);
    expect(m.weeklyStd).toBeCloseTo(0.1877081902537088, 14);
    // 5 weeks over 2 seasons → √2.5
    expect(m.sharpe).toBeCloseTo(0.4213932839369778, 13);
    expect(m.sortino).toBeCloseTo(1.0341153370123737, 13);
    // peak 1100 (end of week 1, not the 1050 inside it), trough 900 → 1 − 900/1100; under water 990, 1045, 900
    expect(m.maxDrawdown).toBeCloseTo(0.18181818181818177, 14);
    expect(m.maxDrawdownWeeks).toBe(3);
    expect(m.totalReturn).toBeCloseTo(0.2, 14);
    expect(m.calmar).toBeCloseTo(0.5249481325568269, 13);
    expect(m.finalEquity).toBe(1200);
  });

  it('bets, stake, P&L, ROI, hit rate, fees and closing-line value (by hand)', () => {
    const m = performance(result(1000, equity, bets));
    expect(m.bets).toBe(4);
    expect(m.staked).toBe(200);
    expect(m.pnl).toBe(200);
    expect(m.roi).toBe(1);
    expect(m.hitRate).toBe(0.5);
    expect(m.fees).toBe(3.75);
    // only bets entered strictly before a known closing quote: (+5 − 2) / 2
    expect(m.clv).toEqual({ n: 2, meanCents: 1.5 });
  });

  it('an empty backtest has zeros, not NaN', () => {
    expect(performance(result(1000, []))).toEqual({
      bets: 0,
      staked: 0,
      pnl: 0,
      roi: 0,
      hitRate: 0,
      finalEquity: 1000,
      totalReturn: 0,
      weeks: 0,
      weeklyMean: 0,
      weeklyStd: 0,
      sharpe: 0,
      sortino: 0,
      maxDrawdown: 0,
      maxDrawdownWeeks: 0,
      calmar: 0,
      seasons: 0,
      clv: { n: 0, meanCents: 0 },
      fees: 0,
    });
  });

  it('one week has a mean but no standard deviation; a wiped-out account has no further returns', () => {
    const one = performance(result(1000, [point(2020, 1, 1100)]));
    expect(one.weeklyMean).toBeCloseTo(0.1, 14);
    expect(one.weeklyStd).toBe(0);
    expect(one.sharpe).toBe(0);
    // equity 0 after week 1: the return of week 2 is 0, not 0/0
    const wiped = performance(result(100, [point(2020, 1, 0), point(2020, 2, 0)]));
    expect(wiped.weeklyMean).toBeCloseTo(-0.5, 14);
    expect(wiped.maxDrawdown).toBe(1);
  });

  it('losing more than everything: CAGR keeps the sign of the final wealth', () => {
    // python3: tr = −1.1; cagr = copysign(1, −0.1) · 0.1^(1/2) − 1 = −1.316227766016838; max DD 1 − (−100)/1000 = 1.1
    const m = performance(result(1000, [point(2020, 1, 500), point(2021, 1, -100)]));
    expect(m.totalReturn).toBeCloseTo(-1.1, 14);
    expect(m.maxDrawdown).toBeCloseTo(1.1, 14);
    expect(m.calmar).toBeCloseTo(-1.316227766016838 / 1.1, 13);
  });
});

describe('forecast quality', () => {
  it('Brier and log loss with probabilities clipped to [1e−15, 1 − 1e−15] (scikit-learn’s convention)', () => {
    // python3: log loss of [0.8, 0.3, 1.0, 0.0] vs [1, 0, 0, 1] with that clip = 17.414542720626127; Brier 0.5325
    const q = forecastQuality([0.8, 0.3, 1, 0], [1, 0, 0, 1]);
    expect(q.n).toBe(4);
    expect(q.log_loss).toBeCloseTo(17.414542720626127, 12);
    expect(q.brier).toBeCloseTo(0.5325, 14);
    expect(q.calibration.map((b) => b.n)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 1, 1]);
  });

  it('refuses unequal lengths; no forecasts give NaN scores', () => {
    expect(() => forecastQuality([0.5], [])).toThrow(/differ in length/);
    const e = forecastQuality([], []);
    expect(e.n).toBe(0);
    expect(e.brier).toBeNaN();
    expect(e.log_loss).toBeNaN();
    expect(e.calibration).toEqual([]);
  });
});
