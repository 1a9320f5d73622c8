import { OrderRejectedError } from '../core/errors.js';
import type { Account } from '../market/account.js';
import type { Exchange } from '../market/exchange.js';
import type { BookSide, TimeInForce } from '../market/orders.js';
import type { Rng } from '../core/rng.js';
import type { Agent } from './agents/agent.js';
import type { MarketState } from './market-state.js';

/**
 * Everything an agent may see and do during its activation. One object, re-pointed at each agent in
 * turn (no allocation per activation). Orders speak Kalshi's V2 vocabulary through the same exchange calls
 * users make: a `bid` (buy YES) or an `ask` (sell YES) at a YES price in ticks, with a time in force.
 * Every read and order names its market `m` (an index into the model's markets); only markets trading in
 * this step take part. Sensing of the latent truth is explicit: only through {@link trueProbability}.
 */
export class AgentContext {
  agent!: Agent;
  /** The agent's account at the exchange (set with `agent`, read-only here). */
  account!: Account;
  step = 0;
  // one request object re-filled for every order: the exchange copies what it keeps, and agents send millions
  private readonly request: { ticker: string; side: BookSide; price: number; count: number; timeInForce: TimeInForce } = {
    ticker: '',
    side: 'bid',
    price: 1,
    count: 1,
    timeInForce: 'gtc',
  };

  /** Markets firstActive … endActive − 1 trade in this step. */
  private firstActive = 0;
  private endActive = 0;

  constructor(
    private readonly exchange: Exchange,
    private readonly markets: readonly MarketState[],
  ) {}

  get marketCount(): number {
    return this.markets.length;
  }

  /** Set by the model each step: the range of markets trading now. */
  setActive(first: number, end: number): void {
    this.firstActive = first;
    this.endActive = end;
  }

  /** How many markets trade in this step. */
  get activeCount(): number {
    return this.endActive - this.firstActive;
  }

  /** The i-th trading market (0 ≤ i < activeCount). */
  activeMarket(i: number): number {
    return this.firstActive + i;
  }

  /** Market m trades in this step. */
  isActive(m: number): boolean {
    return m >= this.firstActive && m < this.endActive;
  }

  /** A trading market chosen uniformly with the agent's own stream (−1 when none trades). */
  pickMarket(rng: Rng): number {
    const n = this.endActive - this.firstActive;
    return n <= 0 ? -1 : n === 1 ? this.firstActive : this.firstActive + rng.int(0, n - 1);
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

  /** Mid recorded at the end of (global) step t. */
  midAt(t: number, m = 0): number {
    const s = this.markets[m]!;
    return s.midAt(t - s.open);
  }

  /** The latent true probability `lag` steps ago (informed signals and arbitrage references read this). */
  trueProbability(m = 0, lag = 0): number {
    return this.markets[m]!.trueProbabilityAt(this.step - lag);
  }

  /** The current agent's signed position in market m (+YES, −NO). */
  position(m = 0): number {
    return this.account.qty(m);
  }

  freeCash(): number {
    return this.account.cash;
  }

  /**
   * Contracts the agent can afford on `side` at `price` from free cash: closing what it holds costs
   * nothing, opening costs the price (YES) or units − price (NO), and every contract may owe the
   * worst-case taker fee (0.07 × ¼ per contract, plus a cent of rounding), which the exchange locks.
   */
  affordable(side: BookSide, price: number, m = 0): number {
    const units = this.units(m);
    const cost = side === 'bid' ? price : units - price;
    const held = side === 'bid' ? Math.max(0, -this.position(m)) : Math.max(0, this.position(m));
    const fee = 0.0175 * units;
    const cash = this.freeCash() - units / 100;
    if (cash <= 0) return 0;
    return Math.max(0, Math.min(held + Math.floor((cash - fee * held) / (cost + fee)), Math.floor(cash / fee)));
  }

  /** Send an order (`exchange.submitOrder`); returns its id, or 0 when the exchange refused it (counted on the agent). */
  submit(side: BookSide, price: number, qty: number, timeInForce: TimeInForce = 'gtc', m = 0): number {
    const agent = this.agent;
    const units = this.units(m);
    const p = price < 1 ? 1 : price > units - 1 ? units - 1 : Math.round(price);
    const q = Math.floor(qty);
    if (q <= 0) return 0;
    try {
      const req = this.request;
      req.ticker = this.markets[m]!.market.ticker;
      req.side = side;
      req.price = p;
      req.count = q;
      req.timeInForce = timeInForce;
      const ack = this.exchange.submitOrder(agent.accountId, req);
      agent.orders++;
      return ack.orderId;
    } catch (e) {
      if (!(e instanceof OrderRejectedError)) throw e;
      agent.rejections++;
      return 0;
    }
  }

  /** Cancel if still resting; returns true when something was canceled. */
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

  /**
   * Re-price a resting order (same id) to rest `qty` contracts at `price`; returns false when it is gone or
   * the change was refused. Kalshi's amend count is the new total, so the contracts already filled are added.
   */
  amend(orderId: number, price: number, qty: number): boolean {
    if (!this.isOpen(orderId)) return false;
    try {
      this.exchange.amendOrder(orderId, { price: Math.round(price), count: this.exchange.filled(orderId) + Math.floor(qty) });
      return true;
    } catch (e) {
      if (!(e instanceof OrderRejectedError)) throw e;
      this.agent.rejections++;
      return false;
    }
  }
}
