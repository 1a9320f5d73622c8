import { ManualClock } from '../core/clock.js';
import type { Instrument } from '../trading/instrument.js';
import type { Fill, OrderView } from '../trading/orders.js';
import type { RiskLimits } from '../trading/risk.js';
import { StrategyRunner } from '../trading/runner.js';
import type { Strategy, StrategyContext } from '../trading/strategy.js';
import { BetBook, type MarketBet } from './bets.js';
import { QuoteFills, type FeedEvent, type FillModel } from './fill-models.js';
import { Scheduler } from './scheduler.js';
import { SimulatedVenue } from './simulated-venue.js';

export interface BacktestOptions<C extends StrategyContext = StrategyContext> {
  /** Static facts of every market the events mention. */
  readonly instruments: (ticker: string) => Instrument;
  /** Quotes, books, trades and resolutions, in time order. */
  readonly events: readonly FeedEvent[];
  readonly strategy: Strategy<C>;
  /** How quotes become liquidity (default: fills at the quote, unlimited depth). */
  readonly fills?: FillModel;
  /** Delay before a request reaches the exchange, in ms (default 0: right after the callback that sent it). */
  readonly latencyMs?: number;
  readonly risk?: RiskLimits;
  /** Money units (cents on the cent grid); default 100,000 = $1,000. */
  readonly startingCash?: number;
  readonly log?: (message: string) => void;
  /** Add data views to the strategy's context (e.g. the NFL schedule). */
  readonly extend?: (ctx: StrategyContext) => C;
  /** Called after every data event (tests check the exchange's invariants here). */
  readonly observe?: (venue: SimulatedVenue) => void;
}

/** Equity after a market resolved. */
export interface EquitySample {
  readonly time: number;
  readonly ticker: string;
  readonly equity: number;
}

export interface BacktestRun {
  readonly strategy: string;
  readonly execution: string;
  readonly startingCash: number;
  readonly finalEquity: number;
  readonly bets: readonly MarketBet[];
  readonly equity: readonly EquitySample[];
  readonly fills: readonly Fill[];
  /** Every order the strategy sent, in its final state. */
  readonly orders: readonly OrderView[];
  /** Refused orders by reason code. */
  readonly rejections: Readonly<Record<string, number>>;
  readonly events: number;
  readonly halted: boolean;
  /** The venue, for a look at the exchange after the run (accounts, conservation totals). */
  readonly venue: SimulatedVenue;
}

/**
 * The event-driven backtester on the trading layer. Data events are replayed in time order through a
 * {@link SimulatedVenue} (the market core's exchange with synthetic liquidity from the fill model) and a
 * {@link StrategyRunner} (the strategy's context, order states, risk limits). An order the strategy
 * sends arrives at the exchange `latencyMs` later — never inside `submitOrder` — and its fills, cancels
 * and rejection come back as callbacks; at equal times requests arrive before the next data event.
 * Money is counted once, by the exchange's ledger: the strategy's cash, collateral, fees, positions and
 * settlement are its account there.
 */
export function runBacktest<C extends StrategyContext = StrategyContext>(options: BacktestOptions<C>): BacktestRun {
  const events = options.events;
  const clock = new ManualClock(events.length > 0 ? events[0]!.time : 0);
  const scheduler = new Scheduler();
  const fills = options.fills ?? new QuoteFills();
  const latency = options.latencyMs ?? 0;
  if (!(latency >= 0 && Number.isFinite(latency))) throw new RangeError(`latencyMs must be a finite number ≥ 0, got ${latency}`);
  const venue = new SimulatedVenue({
    clock,
    instrument: options.instruments,
    fills,
    startingCash: options.startingCash ?? 100_000,
    latencyMs: latency,
    schedule: (t, a) => scheduler.at(t, a),
  });
  const runner = new StrategyRunner<C>(venue, options.strategy, {
    risk: options.risk,
    log: options.log,
    extend: options.extend,
    idPrefix: 'bt',
  });
  const bets = new BetBook();
  const fillLog: Fill[] = [];
  const equity: EquitySample[] = [];
  venue.exchange.listen({
    onFill: (f) => {
      if (f.accountId !== venue.strategyAccount || f.clientOrderId === undefined) return;
      const fill =
        fillLog[
          fillLog.push({
            clientOrderId: f.clientOrderId,
            venueOrderId: String(f.orderId),
            tradeId: String(f.tradeId),
            ticker: f.ticker,
            side: f.side,
            price: f.price,
            count: f.count,
            fee: f.fee,
            isTaker: f.isTaker,
            time: f.time,
          }) - 1
        ]!;
      bets.fill(fill, venue.exchange.market(f.ticker).grid.unitsPerContract, runner.orders.view(f.clientOrderId)?.tags);
    },
  });
  const account = venue.exchange.accountRef(venue.strategyAccount);

  runner.start();
  let i = 0;
  while (i < events.length || scheduler.size > 0) {
    const dataTime = i < events.length ? events[i]!.time : Infinity;
    if (scheduler.peekTime() <= dataTime) {
      const due = scheduler.pop()!;
      if (due.time > clock.now()) clock.set(due.time);
      due.action();
      continue;
    }
    const ev = events[i++]!;
    if (ev.time < clock.now())
      throw new RangeError(
        `events must be in time order: event ${i - 1} (${ev.kind} ${ev.ticker}) at ${ev.time} comes after ${clock.now()}`,
      );
    clock.set(ev.time);
    if (ev.kind === 'quote' || ev.kind === 'book') venue.onBook(ev);
    else if (ev.kind === 'trade') venue.onTrade(ev);
    else {
      const payout = venue.onResolution(ev);
      const m = venue.exchange.findMarket(ev.ticker);
      if (m !== undefined)
        bets.settle(
          options.instruments(ev.ticker),
          account.positions.get(m.index),
          payout,
          m.settlementValue ?? ev.settlementValue,
          ev.time,
        );
      equity.push({ time: ev.time, ticker: ev.ticker, equity: runner.portfolio.equity });
    }
    options.observe?.(venue);
  }
  runner.end();
  return {
    strategy: options.strategy.name,
    execution: fills.name,
    startingCash: options.startingCash ?? 100_000,
    finalEquity: runner.portfolio.equity,
    bets: bets.bets,
    equity,
    fills: fillLog,
    orders: runner.orders.all(),
    rejections: runner.rejections,
    events: events.length,
    halted: runner.risk.halted,
    venue,
  };
}
