import { OrderRejectedError } from '../core/errors.js';
import { FOK, GTC, IOC, type BookSide, type TimeInForceCode } from '../market/book/constants.js';
import type { Exchange } from '../market/exchange.js';
import type { Agent } from './agents/agent.js';
import type { MarketState } from './market-state.js';

export type Tif = 'gtc' | 'ioc' | 'fok';
const TIF: Record<Tif, TimeInForceCode> = { gtc: GTC, ioc: IOC, fok: FOK };

/**
 * Everything an agent may see and do during its activation. One object, re-pointed at each agent in
 * turn (no allocation per activation). Prices are YES ticks; sides are 'buy' (YES bid) and 'sell' (YES ask).
 * Sensing of the latent truth is explicit: only `signal`-style reads through {@link trueProbability}.
 */
export class AgentContext {
  agent!: Agent;
  step = 0;

  constructor(
    private readonly exchange: Exchange,
    private readonly markets: readonly MarketState[],
    private readonly truthHistory: readonly Float64Array[],
  ) {}

  get marketCount(): number {
    return this.markets.length;
  }

  units(m = 0): number {
    return this.markets[m]!.units;
  }

  bestBid(m = 0): number {
    return this.markets[m]!.book.bestBid();
  }

  bestAsk(m = 0): number {
    return this.markets[m]!.book.bestAsk();
  }

  hasBid(m = 0): boolean {
    return this.markets[m]!.book.hasBid();
  }

  hasAsk(m = 0): boolean {
    return this.markets[m]!.book.hasAsk();
  }

  mid(m = 0): number {
    return this.markets[m]!.mid();
  }

  lastPrice(m = 0): number {
    return this.markets[m]!.lastPrice;
  }

  /** Signed taker volume so far (+ bought YES, − sold), up to the end of the previous step. */
  signedFlow(m = 0): number {
    return this.markets[m]!.signedFlow;
  }

  movingAverage(window: number, m = 0): number {
    return this.markets[m]!.movingAverage(window);
  }

  /** Mid recorded at the end of step t. */
  midAt(t: number, m = 0): number {
    return this.markets[m]!.midAt(t);
  }

  /** The latent true probability `lag` steps ago (informed signals and arbitrage references read this). */
  trueProbability(m = 0, lag = 0): number {
    const h = this.truthHistory[m]!;
    return h[Math.max(0, this.step - lag)]!;
  }

  /** The current agent's signed position (+YES, −NO). */
  position(m = 0): number {
    return this.exchange.accountRef(this.agent.accountId).qty(m);
  }

  freeCash(): number {
    return this.exchange.accountRef(this.agent.accountId).cash;
  }

  /**
   * Contracts the agent can afford on `side` at `price` from free cash: closing what it holds costs
   * nothing, opening costs the price (YES) or units − price (NO), and every contract may owe the
   * worst-case taker fee (0.07 × ¼ per contract, plus a cent of rounding), which the exchange locks.
   */
  affordable(side: 'buy' | 'sell', price: number, m = 0): number {
    const units = this.units(m);
    const cost = side === 'buy' ? price : units - price;
    const held = side === 'buy' ? Math.max(0, -this.position(m)) : Math.max(0, this.position(m));
    const fee = 0.0175 * units;
    const cash = this.freeCash() - units / 100;
    if (cash <= 0) return 0;
    return Math.max(0, Math.min(held + Math.floor((cash - fee * held) / (cost + fee)), Math.floor(cash / fee)));
  }

  /** Send an order; returns its id, or 0 when the exchange refused it (counted on the agent). */
  submit(side: 'buy' | 'sell', price: number, qty: number, tif: Tif = 'gtc', m = 0): number {
    const agent = this.agent;
    const units = this.units(m);
    const p = price < 1 ? 1 : price > units - 1 ? units - 1 : Math.round(price);
    const q = Math.floor(qty);
    if (q <= 0) return 0;
    try {
      const id = this.exchange.submit(agent.accountId, m, (side === 'buy' ? 0 : 1) as BookSide, p, q, TIF[tif]);
      agent.orders++;
      return id;
    } catch (e) {
      if (!(e instanceof OrderRejectedError)) throw e;
      agent.rejections++;
      return 0;
    }
  }

  /** Cancel if still resting; returns true when something was cancelled. */
  cancel(orderId: number): boolean {
    if (orderId === 0 || !this.exchange.isOpen(orderId)) return false;
    this.exchange.cancelOrder(orderId);
    return true;
  }

  isOpen(orderId: number): boolean {
    return orderId !== 0 && this.exchange.isOpen(orderId);
  }

  /** YES price of a resting order (0 when it is not resting). */
  restingPrice(orderId: number): number {
    return this.exchange.restingPrice(orderId);
  }

  remaining(orderId: number): number {
    return this.exchange.remaining(orderId);
  }

  /** Re-price a resting order (same id); returns false when it is gone or the change was refused. */
  amend(orderId: number, price: number, qty: number): boolean {
    if (!this.isOpen(orderId)) return false;
    try {
      this.exchange.amend(orderId, Math.round(price), Math.floor(qty));
      return true;
    } catch (e) {
      if (!(e instanceof OrderRejectedError)) throw e;
      this.agent.rejections++;
      return false;
    }
  }
}
