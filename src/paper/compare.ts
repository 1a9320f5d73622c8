import type { FeedEvent } from '../backtest/fill-models.js';
import { runBacktest } from '../backtest/engine.js';
import { nflContext } from '../backtest/nfl-context.js';
import type { ChainRecord } from '../ops/audit/record.js';
import type { MarketResolution } from '../trading/market-data.js';
import type { Fill, OrderView } from '../trading/orders.js';
import type { OrderRequest } from '../market/orders.js';
import { parsePaperConfig, type PaperConfig } from './config.js';
import { readLedger } from './ledger.js';
import { sessionFills, sessionRisk, sessionStrategy, type NflMarkets } from './session.js';
import { instrumentLookup } from './instruments.js';

/** One order as either side saw it: what was asked, and what filled. */
export interface ComparedOrder {
  readonly id: string;
  readonly ticker: string;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  readonly count: number;
  readonly submittedAt: number;
  readonly fills: readonly Fill[];
}

export type Cause = 'latency' | 'queue position' | 'missed data' | 'follows an earlier difference';

/** One difference between the paper session and the backtest, with its most likely cause. */
export interface Difference {
  readonly kind: 'missing' | 'extra' | 'price' | 'count' | 'filled' | 'fill price' | 'fee' | 'timing';
  readonly ticker: string;
  readonly paperOrder: string | undefined;
  readonly backtestOrder: string | undefined;
  readonly paper: number | undefined;
  readonly backtest: number | undefined;
  readonly cause: Cause;
  readonly time: number;
}

export interface MatchedOrder {
  readonly paper: ComparedOrder;
  readonly backtest: ComparedOrder;
  readonly paperFilled: number;
  readonly backtestFilled: number;
  readonly paperAvgPrice: number | undefined;
  readonly backtestAvgPrice: number | undefined;
  readonly paperFees: number;
  readonly backtestFees: number;
  /** Paper average fill price minus the backtest's, against the trader (positive = paper paid more), in ticks. */
  readonly slippage: number;
  /** Paper's first fill time minus the backtest's (ms). */
  readonly fillDelayMs: number;
}

interface EquityPoint {
  readonly time: number;
  readonly paper: number;
  readonly backtest: number;
}

export interface PaperComparison {
  readonly session: string;
  readonly config: PaperConfig;
  readonly events: number;
  readonly matched: readonly MatchedOrder[];
  readonly missing: readonly ComparedOrder[];
  readonly extra: readonly ComparedOrder[];
  readonly differences: readonly Difference[];
  readonly equity: readonly EquityPoint[];
  readonly paperPnl: number;
  readonly backtestPnl: number;
  /** Root mean square of paper − backtest settled equity over the resolution times (money units). */
  readonly trackingError: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** The paper session's orders, fills, market data and resolutions, read back from its ledger. */
export function sessionRecord(records: readonly ChainRecord[]): {
  config: PaperConfig;
  startingCash: number;
  events: FeedEvent[];
  orders: ComparedOrder[];
} {
  const first = records[0];
  if (first?.type !== 'session') throw new Error('the ledger does not start with a session record');
  const s = first.data as { config: unknown; startingCash: number };
  const events: FeedEvent[] = [];
  const orders = new Map<string, { order: OrderRequest & { clientOrderId: string }; time: number; fills: Fill[] }>();
  for (const r of records) {
    if (r.type === 'data') events.push(r.data as FeedEvent);
    else if (r.type === 'resolution') events.push(r.data as MarketResolution);
    else if (r.type === 'request' && (r.data as { op: string }).op === 'submit') {
      const order = (r.data as { order: OrderRequest & { clientOrderId: string } }).order;
      orders.set(order.clientOrderId, { order, time: r.time, fills: [] });
    } else if (r.type === 'fill') orders.get((r.data as Fill).clientOrderId)?.fills.push(r.data as Fill);
  }
  return {
    config: parsePaperConfig(s.config, 'the session ledger'),
    startingCash: s.startingCash,
    events,
    orders: [...orders.values()].map((o) => ({
      id: o.order.clientOrderId,
      ticker: o.order.ticker,
      side: o.order.side,
      price: o.order.price,
      count: o.order.count,
      submittedAt: o.time,
      fills: o.fills,
    })),
  };
}

const filledOf = (o: ComparedOrder) => o.fills.reduce((s, f) => s + f.count, 0);
const feesOf = (o: ComparedOrder) => o.fills.reduce((s, f) => s + f.fee, 0);
const avgOf = (o: ComparedOrder) => (filledOf(o) > 0 ? o.fills.reduce((s, f) => s + f.price * f.count, 0) / filledOf(o) : undefined);
const ordinal = (id: string) => Number(/-(\d+)$/.exec(id)?.[1] ?? NaN);

/**
 * Pair the two sides' orders one to one: first by their place in the strategy's sequence (the n-th
 * order of each) when market and side agree, then any left over by market and side, nearest in time.
 */
export function matchOrders(
  paper: readonly ComparedOrder[],
  backtest: readonly ComparedOrder[],
): { matched: Array<[ComparedOrder, ComparedOrder]>; missing: ComparedOrder[]; extra: ComparedOrder[] } {
  const byOrdinal = new Map(backtest.map((o) => [ordinal(o.id), o]));
  const used = new Set<ComparedOrder>();
  const matched: Array<[ComparedOrder, ComparedOrder]> = [];
  const leftover: ComparedOrder[] = [];
  for (const p of paper) {
    const b = byOrdinal.get(ordinal(p.id));
    if (b && !used.has(b) && b.ticker === p.ticker && b.side === p.side) {
      used.add(b);
      matched.push([p, b]);
    } else leftover.push(p);
  }
  const extra: ComparedOrder[] = [];
  for (const p of leftover) {
    let best: ComparedOrder | undefined;
    for (const b of backtest)
      if (
        !used.has(b) &&
        b.ticker === p.ticker &&
        b.side === p.side &&
        (!best || Math.abs(b.submittedAt - p.submittedAt) < Math.abs(best.submittedAt - p.submittedAt))
      )
        best = b;
    if (best) {
      used.add(best);
      matched.push([p, best]);
    } else extra.push(p);
  }
  return { matched, missing: backtest.filter((b) => !used.has(b)), extra };
}

/**
 * Settled equity after each resolution: starting cash plus the cash flows of the fills of markets
 * resolved so far (bids pay, asks receive, fees) plus their settlement — one formula for both sides.
 */
export function settledEquity(
  orders: readonly ComparedOrder[],
  resolutions: readonly MarketResolution[],
  startingCash: number,
  units = 100,
): Array<{ time: number; equity: number }> {
  const flow = new Map<string, { cash: number; qty: number }>();
  for (const o of orders) {
    for (const f of o.fills) {
      const m = flow.get(f.ticker) ?? { cash: 0, qty: 0 };
      const sign = f.side === 'bid' ? 1 : -1;
      m.cash += -sign * f.price * f.count - f.fee;
      m.qty += sign * f.count;
      flow.set(f.ticker, m);
    }
  }
  let equity = startingCash;
  const out: Array<{ time: number; equity: number }> = [];
  for (const r of resolutions) {
    const m = flow.get(r.ticker);
    if (m) equity += m.cash + (m.qty > 0 ? m.qty * r.settlementValue : -m.qty * (units - r.settlementValue));
    out.push({ time: r.time, equity });
  }
  return out;
}

/**
 * Replay the market data a paper session recorded through the backtester with the same strategy,
 * parameters, risk limits, starting cash and fill model, and compare the two order by order and fill
 * by fill. Every difference gets a cause: `latency` (the paper fill came later than the data it answered),
 * `queue position` (a resting order filled differently as a maker), `missed data` (the paper order met a
 * book other than the one the session recorded), or `follows an earlier difference` (cash or positions
 * had already diverged, so later decisions differ).
 */
export function compareSession(dir: string, markets: NflMarkets): PaperComparison {
  const rec = sessionRecord(readLedger(`${dir}/ledger`));
  const { config } = rec;
  // the n-th order's requested count (the runner's final view shows filled + resting instead)
  const requested = new Map<string, number>();
  const nfl = nflContext(markets.allGames);
  const run = runBacktest({
    instruments: instrumentLookup(markets.instruments),
    events: rec.events,
    strategy: sessionStrategy(config),
    fills: sessionFills(config),
    latencyMs: 0,
    risk: sessionRisk(config),
    startingCash: rec.startingCash,
    extend: (ctx) => {
      const c = nfl(ctx);
      return {
        ...c,
        submitOrder: (o) => {
          const id = ctx.submitOrder(o);
          requested.set(id, o.count);
          return id;
        },
      };
    },
  });
  const fillsByOrder = new Map<string, Fill[]>();
  for (const f of run.fills) (fillsByOrder.get(f.clientOrderId) ?? fillsByOrder.set(f.clientOrderId, []).get(f.clientOrderId)!).push(f);
  const backtest: ComparedOrder[] = run.orders.map((o: OrderView) => ({
    id: o.clientOrderId,
    ticker: o.ticker,
    side: o.side,
    price: o.price,
    count: requested.get(o.clientOrderId) ?? o.count,
    submittedAt: o.submittedAt,
    fills: fillsByOrder.get(o.clientOrderId) ?? [],
  }));
  const { matched, missing, extra } = matchOrders(rec.orders, backtest);
  const differences: Difference[] = [];
  let firstDiffAt = Infinity;
  const rows: MatchedOrder[] = [];
  for (const [p, b] of matched.sort((x, y) => x[0].submittedAt - y[0].submittedAt)) {
    const pf = filledOf(p);
    const bf = filledOf(b);
    const pa = avgOf(p);
    const ba = avgOf(b);
    const delay = (p.fills[0]?.time ?? p.submittedAt) - (b.fills[0]?.time ?? b.submittedAt);
    const row: MatchedOrder = {
      paper: p,
      backtest: b,
      paperFilled: pf,
      backtestFilled: bf,
      paperAvgPrice: pa,
      backtestAvgPrice: ba,
      paperFees: feesOf(p),
      backtestFees: feesOf(b),
      slippage: pa !== undefined && ba !== undefined ? (p.side === 'bid' ? pa - ba : ba - pa) : 0,
      fillDelayMs: delay,
    };
    rows.push(row);
    const earlier = p.submittedAt > firstDiffAt;
    const maker = [...p.fills, ...b.fills].some((f) => !f.isTaker);
    const cause: Cause =
      earlier && (p.price !== b.price || p.count !== b.count)
        ? 'follows an earlier difference'
        : delay > 0
          ? 'latency'
          : maker
            ? 'queue position'
            : 'missed data';
    const add = (kind: Difference['kind'], paper: number | undefined, backtestValue: number | undefined) => {
      differences.push({
        kind,
        ticker: p.ticker,
        paperOrder: p.id,
        backtestOrder: b.id,
        paper,
        backtest: backtestValue,
        cause,
        time: p.submittedAt,
      });
      firstDiffAt = Math.min(firstDiffAt, p.submittedAt);
    };
    if (p.price !== b.price) add('price', p.price, b.price);
    if (p.count !== b.count) add('count', p.count, b.count);
    if (pf !== bf) add('filled', pf, bf);
    if (pa !== undefined && ba !== undefined && Math.abs(pa - ba) > 1e-9) add('fill price', pa, ba);
    if (feesOf(p) !== feesOf(b)) add('fee', feesOf(p), feesOf(b));
    if (delay !== 0) add('timing', delay, 0);
  }
  for (const o of missing)
    differences.push({
      kind: 'missing',
      ticker: o.ticker,
      paperOrder: undefined,
      backtestOrder: o.id,
      paper: undefined,
      backtest: o.count,
      cause: o.submittedAt > firstDiffAt ? 'follows an earlier difference' : 'missed data',
      time: o.submittedAt,
    });
  for (const o of extra)
    differences.push({
      kind: 'extra',
      ticker: o.ticker,
      paperOrder: o.id,
      backtestOrder: undefined,
      paper: o.count,
      backtest: undefined,
      cause: o.submittedAt > firstDiffAt ? 'follows an earlier difference' : 'missed data',
      time: o.submittedAt,
    });
  differences.sort((a, b) => a.time - b.time);
  const resolutions = rec.events.filter((e): e is MarketResolution => e.kind === 'resolution');
  const pe = settledEquity(rec.orders, resolutions, rec.startingCash);
  const be = settledEquity(backtest, resolutions, rec.startingCash);
  const equity = pe.map((p, i) => ({ time: p.time, paper: p.equity, backtest: be[i]!.equity }));
  const te = equity.length ? Math.sqrt(equity.reduce((s, e) => s + (e.paper - e.backtest) ** 2, 0) / equity.length) : 0;
  const counts: Record<string, number> = {
    paper_orders: rec.orders.length,
    backtest_orders: backtest.length,
    matched: matched.length,
    missing: missing.length,
    extra: extra.length,
    differences: differences.length,
  };
  for (const d of differences) counts[`cause: ${d.cause}`] = (counts[`cause: ${d.cause}`] ?? 0) + 1;
  return {
    session: dir,
    config,
    events: rec.events.length,
    matched: rows,
    missing,
    extra,
    differences,
    equity,
    paperPnl: (pe.at(-1)?.equity ?? rec.startingCash) - rec.startingCash,
    backtestPnl: (be.at(-1)?.equity ?? rec.startingCash) - rec.startingCash,
    trackingError: te,
    counts,
  };
}
