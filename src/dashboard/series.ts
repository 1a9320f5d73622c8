import { DEFAULT_MODEL_REPORTERS } from '../abm/collector.js';
import { FAMILIES } from '../abm/config.js';
import type { Model } from '../abm/model.js';
import { toCsv } from '../report/csv.js';
import type { BookSnapshot, Column, FamilyPnl, StepRows, Summary } from './protocol.js';

const R = DEFAULT_MODEL_REPORTERS;
const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
/** JSON has no NaN: an undefined value (no spread with a side empty) travels as null. */
const cell = (v: number): number | null => (Number.isFinite(v) ? v : null);

interface MarketColumns {
  mid: number[];
  lastPrice: number[];
  truth: number[];
  volume: number[];
  trades: number[];
  spread: number[];
  /** absErrorSums[t] = Σ |mid − truth| over steps 0 … t − 1: a prefix sum, so any range's mean is O(1). */
  absErrorSums: number[];
}

/**
 * Every step's values, for every market, from step 0; a market's are charted for the steps it trades. The
 * page gets a window of them, the downloads get all. Values are read with the data collector's own
 * reporters, so the dashboard shows exactly what `model.data` records (whatever the config's `collectEvery`).
 */
export class SeriesRecorder {
  /** Families with at least one agent: the wealth chart has one trace each. */
  readonly families: readonly string[];
  private readonly markets: MarketColumns[];
  private readonly wealth: Map<string, number[]>;
  private readonly members: Map<string, Model['agents']>;
  private n = 0;

  constructor(private readonly model: Model) {
    this.families = FAMILIES.filter((f) => model.family(f).length > 0);
    this.members = new Map(this.families.map((f) => [f, model.family(f as (typeof FAMILIES)[number])]));
    this.markets = model.markets.map(() => ({ mid: [], lastPrice: [], truth: [], volume: [], trades: [], spread: [], absErrorSums: [0] }));
    this.wealth = new Map(this.families.map((f) => [f, []]));
    this.record();
  }

  /** Steps recorded (step 0 included): the last one is `length − 1`. */
  get length(): number {
    return this.n;
  }

  get lastStep(): number {
    return this.n - 1;
  }

  /** Append the model's state after its latest step. Called once per step, in order. */
  record(): void {
    const m = this.model;
    if (m.t !== this.n) throw new Error(`SeriesRecorder: expected step ${this.n}, the model is at step ${m.t}`);
    m.markets.forEach((s, i) => {
      const c = this.markets[i]!;
      const mid = num(R.mid(m, s));
      const truth = num(R.true_probability(m, s)) * s.units;
      c.mid.push(mid);
      c.lastPrice.push(num(R.last_price(m, s)));
      c.truth.push(truth);
      c.volume.push(num(R.volume(m, s)));
      c.trades.push(num(R.trades(m, s)));
      c.spread.push(num(R.spread(m, s)));
      c.absErrorSums.push(c.absErrorSums[c.absErrorSums.length - 1]! + Math.abs(mid - truth));
    });
    for (const [f, agents] of this.members) {
      let w = 0;
      for (const a of agents) w += m.wealth(a);
      this.wealth.get(f)!.push(w / agents.length);
    }
    this.n++;
  }

  /**
   * Rows of steps `from`..`to` (inclusive): the model-wide wealth for each, the market's columns for the
   * steps in which it traded (open … close − 1, the rows the data collector records for it).
   */
  rows(market: number, from: number, to: number): StepRows {
    const c = this.markets[market]!;
    const s = this.model.markets[market]!;
    const lo = Math.max(0, from);
    const hi = Math.min(this.n - 1, to) + 1;
    const wealth: Record<string, Column> = {};
    for (const [f, xs] of this.wealth) wealth[f] = xs.slice(lo, hi).map(cell);
    const mlo = Math.max(lo, s.open);
    const mhi = Math.max(mlo, Math.min(hi, s.close));
    const pick = (xs: number[]): Column => xs.slice(mlo, mhi).map(cell);
    const marketStep: number[] = [];
    const midChange: Column = [];
    for (let t = mlo; t < mhi; t++) {
      marketStep.push(t);
      midChange.push(t === s.open ? null : cell(c.mid[t]! - c.mid[t - 1]!));
    }
    return {
      step: Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i),
      marketStep,
      mid: pick(c.mid),
      lastPrice: pick(c.lastPrice),
      truth: pick(c.truth),
      volume: pick(c.volume),
      trades: pick(c.trades),
      spread: pick(c.spread),
      midChange,
      wealth,
    };
  }

  /** The order book of one market now (the model's latest step), `levels` deep on each side. */
  book(market: number, levels = 25): BookSnapshot {
    const s = this.model.markets[market]!;
    const depth = this.model.exchange.depth(s.market.ticker, levels);
    return {
      step: this.model.t,
      bids: depth.yes.map((l) => ({ price: l.price, qty: l.qty })),
      asks: depth.no.map((l) => ({ price: s.units - l.price, qty: l.qty })),
      units: s.units,
    };
  }

  /**
   * Headline numbers of one market now, with P&L by family (settled once the run has resolved). Mid, truth
   * and the errors are those of the market's trading steps only (the rows the data collector records and the
   * page charts for it): the steps before it opens and after it settles (an empty book, the truth at its
   * outcome) are no measure of how well the market priced its game.
   */
  summary(market: number, book: BookSnapshot): Summary {
    const m = this.model;
    const s = m.markets[market]!;
    const c = this.markets[market]!;
    const t = this.n - 1;
    // it trades in steps open … close − 1; when the run ends first, it settles after step t, which it traded
    const last = Math.min(t, s.close - 1);
    const first = Math.max(0, s.open);
    const traded = last >= first;
    const at = traded ? last : t;
    const bestBid = book.bids.length ? book.bids[0]!.price : null;
    const bestAsk = book.asks.length ? book.asks[0]!.price : null;
    const pnl: FamilyPnl[] = [];
    for (const [family, agents] of this.members) {
      let total = 0;
      for (const a of agents) total += m.wealth(a) - a.deposit;
      pnl.push({ family, agents: agents.length, total, mean: total / agents.length });
    }
    const outcome = m.outcomes?.[market];
    return {
      step: t,
      marketStep: at,
      lastPrice: c.lastPrice[at]!,
      mid: c.mid[at]!,
      truth: c.truth[at]!,
      errorVsTruth: traded ? Math.abs(c.mid[at]! - c.truth[at]!) : null,
      meanAbsError: traded ? (c.absErrorSums[last + 1]! - c.absErrorSums[first]!) / (last - first + 1) : null,
      trades: s.totalTrades,
      volume: s.totalVolume,
      spread: bestBid !== null && bestAsk !== null ? bestAsk - bestBid : null,
      bestBid,
      bestAsk,
      pnl,
      outcome: outcome ? { resolution: outcome.resolution, finalTrueProbability: outcome.finalTrueProbability } : null,
      settlement: s.outcome === undefined ? null : { step: s.resolvedAt, resolution: s.outcome === 1 ? 'yes' : 'no' },
      settled: m.markets.map((x) => (x.outcome === undefined ? null : x.outcome === 1 ? 'yes' : 'no')),
    };
  }

  /** The full charted series of one market as CSV: one row per step it traded, wealth columns per family. */
  csv(market: number): string {
    const r = this.rows(market, 0, this.n - 1);
    const out: Record<string, number | string>[] = r.marketStep.map((step, i) => {
      const row: Record<string, number | string> = {
        step,
        market: this.model.markets[market]!.market.ticker,
        mid: r.mid[i] ?? Number.NaN,
        last_price: r.lastPrice[i] ?? Number.NaN,
        true_probability_price: r.truth[i] ?? Number.NaN,
        volume: r.volume[i] ?? Number.NaN,
        trades: r.trades[i] ?? Number.NaN,
        spread: r.spread[i] ?? Number.NaN,
        mid_change: r.midChange[i] ?? Number.NaN,
      };
      for (const f of this.families) row[`mean_wealth_${f}`] = r.wealth[f]![step] ?? Number.NaN;
      return row;
    });
    return toCsv(out);
  }
}
