// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import { KALSHI_FEES, takerFee, type FeeSchedule } from '../../../src/market/fees.js';
import type { MarketData } from './events.js';
import type { StrategyOrder } from './strategy.js';

export interface ExecutionResult {
  readonly filled: number;
  /** Average price of the order's side (cents). */
  readonly avgPrice: number;
  readonly fees: number;
  readonly reason?: string;
}

/** How an order meets the market in a backtest. */
export interface ExecutionModel {
  readonly name: string;
  /** A new quote for a market (refresh liquidity). */
  onQuote(q: MarketData): void;
  execute(order: StrategyOrder, quote: MarketData): ExecutionResult;
}

/** Price of the order's side it would pay/receive at the quote: YES buys lift the ask; NO buys lift 100 − bid. */
function touch(order: StrategyOrder, q: MarketData): number {
  if (order.side === 'yes') return order.action === 'buy' ? q.ask : q.bid;
  return order.action === 'buy' ? 100 - q.bid : 100 - q.ask;
}

/**
 * Fill at the quoted price plus `slippageTicks` against the trader, up to `depth` contracts per quote
 * (unlimited by default), paying Kalshi's taker fee on the order.
 */
export class QuoteExecution implements ExecutionModel {
  readonly name = 'quote';
  private readonly used = new Map<string, number>();

  constructor(private readonly options: { slippageTicks?: number; depth?: number; fees?: FeeSchedule } = {}) {}

  onQuote(q: MarketData): void {
    this.used.set(q.market, 0);
  }

  execute(order: StrategyOrder, quote: MarketData): ExecutionResult {
    const slip = this.options.slippageTicks ?? 0;
    const base = touch(order, quote);
    const price = Math.max(1, Math.min(99, order.action === 'buy' ? base + slip : base - slip));
    if (order.limitPrice !== undefined && (order.action === 'buy' ? price > order.limitPrice : price < order.limitPrice)) {
      return { filled: 0, avgPrice: 0, fees: 0, reason: `limit ${order.limitPrice}¢ not reached (market ${price}¢)` };
    }
    const left = (this.options.depth ?? Infinity) - (this.used.get(quote.market) ?? 0);
    const filled = Math.max(0, Math.min(order.count, left));
    if (filled === 0) return { filled: 0, avgPrice: 0, fees: 0, reason: 'no depth left at this quote' };
    this.used.set(quote.market, (this.used.get(quote.market) ?? 0) + filled);
    return {
      filled,
      avgPrice: price,
      fees: takerFee(filled, price, { schedule: this.options.fees ?? KALSHI_FEES }),
      reason: filled < order.count ? 'partial: depth exhausted' : undefined,
    };
  }
}
