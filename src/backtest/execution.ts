import { BUY, SELL } from '../market/book/constants.js';
import { Exchange } from '../market/exchange.js';
import { KALSHI_FEES, takerFee, type FeeSchedule } from '../market/fees.js';
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
    return { filled, avgPrice: price, fees: takerFee(filled, price, { schedule: this.options.fees ?? KALSHI_FEES }), reason: filled < order.count ? 'partial: depth exhausted' : undefined };
  }
}

/**
 * Fill through the market core's order book: each quote rebuilds a synthetic ladder (`levels` price levels
 * of `depthPerLevel` contracts on each side, starting at the quote), and the strategy's order goes in as an
 * immediate-or-cancel order, paying whatever the book and Kalshi's fee schedule say. Liquidity taken stays
 * taken until the market's next quote.
 */
export class BookExecution implements ExecutionModel {
  readonly name = 'book';
  private readonly exchange: Exchange;
  private readonly maker: number;
  private readonly trader: number;
  private readonly markets = new Map<string, number>();

  constructor(private readonly options: { depthPerLevel?: number; levels?: number; fees?: FeeSchedule } = {}) {
    this.exchange = new Exchange({ recordTape: false });
    this.maker = this.exchange.openAccount('synthetic liquidity', 1e15);
    this.trader = this.exchange.openAccount('strategy', 1e15);
  }

  onQuote(q: MarketData): void {
    let index = this.markets.get(q.market);
    if (index === undefined) {
      index = this.exchange.listMarket({ ticker: q.market, fees: this.options.fees ?? KALSHI_FEES }).index;
      this.markets.set(q.market, index);
    }
    const book = this.exchange.marketAt(index).book;
    for (const side of [BUY, SELL] as const) for (const o of book.orders(side)) if (o.owner === this.maker) this.exchange.cancelOrder(o.orderId);
    const depth = this.options.depthPerLevel ?? 50;
    const levels = this.options.levels ?? 5;
    for (let i = 0; i < levels; i++) {
      if (q.ask + i <= 99) this.exchange.submitOrder(this.maker, { ticker: q.market, side: 'ask', price: q.ask + i, count: depth, timeInForce: 'gtc' });
      if (q.bid - i >= 1) this.exchange.submitOrder(this.maker, { ticker: q.market, side: 'bid', price: q.bid - i, count: depth, timeInForce: 'gtc' });
    }
  }

  execute(order: StrategyOrder, quote: MarketData): ExecutionResult {
    const index = this.markets.get(quote.market);
    if (index === undefined) return { filled: 0, avgPrice: 0, fees: 0, reason: 'no book for this market' };
    const limit = order.limitPrice ?? (order.action === 'buy' ? 99 : 1);
    const r = this.exchange.submitOrder(this.trader, { ticker: quote.market, outcome: order.side, action: order.action, count: order.count, price: limit, timeInForce: 'ioc' });
    const filled = r.fillCount;
    // the order's own-side average price: a NO order's price is 100 − the YES price
    const avg = filled > 0 ? (order.side === 'yes' ? r.averageFillPrice! : 100 - r.averageFillPrice!) : 0;
    return { filled, avgPrice: avg, fees: r.fees, reason: filled < order.count ? (filled === 0 ? 'no liquidity within the limit' : 'partial: book depth exhausted') : undefined };
  }
}

