import type { Rng } from '../../core/rng.js';
import type { NoiseParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';
import { FamilyState, type StateLayout, type StateSlot } from './state.js';

export type NoiseStyle = 'random' | 'contrarian' | 'trend';

/**
 * Noise traders: no information about the truth.
 * - random: trades with probability `tradeProbability` per step, side by a coin flip;
 * - contrarian: sells after rises and buys after falls of its recency-weighted return memory;
 * - trend: buys when the short moving average of the mid is above the long one, sells when below.
 * Recency bias is the EWMA weight of the latest mid change; overconfidence multiplies order size.
 * Orders rest `priceOffset` ticks behind the touch, or cross the spread with probability `aggressiveness`;
 * an order unfilled after `orderLifetime` steps is canceled. Each activation looks at one trading market,
 * chosen at random; memory, orders and position limits are kept per market.
 */
export class NoiseTrader extends Agent {
  readonly style: NoiseStyle;
  readonly tradeProbability: number;
  readonly orderSize: number;
  readonly overconfidence: number;
  readonly recencyBias: number;
  readonly priceOffset: number;
  readonly aggressiveness: number;
  readonly signalThreshold: number;
  readonly shortWindow: number;
  readonly longWindow: number;
  readonly orderLifetime: number;
  readonly maxPositionFraction: number;
  /**
   * Per-market state in the family's shared array ({@link FamilyState}), 4 fields a market: the recency-weighted
   * memory of mid changes (¢), the last mid seen, the open order's id (0 = none) and the step it was placed.
   */
  private readonly state: Float64Array;
  private readonly offset: number;
  private readonly stride: number;

  /** Its per-market fields in storage order, with their starting values ({@link FamilyState}). */
  static readonly STATE = { returnMemory: 0, lastMid: Number.NaN, openOrder: 0, placedAt: 0 } as const satisfies StateLayout;

  constructor(
    id: number,
    familyIndex: number,
    accountId: number,
    rng: Rng,
    capital: number,
    p: NoiseParams,
    markets = 1,
    slot: StateSlot = new FamilyState(NoiseTrader.STATE, 1, markets).slot(0),
  ) {
    super(id, 'noise', familyIndex, accountId, rng, capital, markets);
    this.state = slot.data;
    this.offset = slot.offset;
    this.stride = slot.stride;
    const total = p.mix.random + p.mix.contrarian + p.mix.trend;
    const u = rng.float() * total;
    this.style = u < p.mix.random ? 'random' : u < p.mix.random + p.mix.contrarian ? 'contrarian' : 'trend';
    this.tradeProbability = draw(p.tradeProbability, rng);
    this.orderSize = draw(p.orderSize, rng, true);
    this.overconfidence = draw(p.overconfidence, rng);
    this.recencyBias = draw(p.recencyBias, rng);
    this.priceOffset = draw(p.priceOffset, rng, true);
    this.aggressiveness = draw(p.aggressiveness, rng);
    this.signalThreshold = draw(p.signalThreshold, rng);
    this.shortWindow = draw(p.shortWindow, rng, true);
    this.longWindow = Math.max(this.shortWindow + 1, draw(p.longWindow, rng, true));
    this.orderLifetime = draw(p.orderLifetime, rng, true);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  /** Recency-weighted memory of mid changes (¢) in market m. */
  returnMemory(m = 0): number {
    return this.state[m * this.stride + this.offset]!;
  }

  override get kind(): string {
    return `noise/${this.style}`;
  }

  /** +1 buy YES, −1 sell YES, 0 nothing, in market m; uses the agent's stream only. */
  decide(ctx: AgentContext, m = 0): number {
    const rng = this.rng;
    if (this.style === 'random') return rng.float() < this.tradeProbability ? (rng.float() < 0.5 ? 1 : -1) : 0;
    if (rng.float() >= this.tradeProbability * 2) return 0;
    if (this.style === 'contrarian') {
      const memory = this.state[m * this.stride + this.offset]!;
      if (memory > this.signalThreshold) return -1;
      if (memory < -this.signalThreshold) return 1;
      return 0;
    }
    const diff = ctx.movingAverage(this.shortWindow, m) - ctx.movingAverage(this.longWindow, m);
    return diff > this.signalThreshold ? 1 : diff < -this.signalThreshold ? -1 : 0;
  }

  /** Look at one trading market: update its return memory, let a stale order there expire, maybe trade. */
  step(ctx: AgentContext): void {
    this.decisions++;
    const m = ctx.pickMarket(this.rng);
    if (m < 0) return;
    const st = this.state;
    const k = m * this.stride + this.offset;
    const mid = ctx.mid(m);
    const last = st[k + 1]!;
    if (!Number.isNaN(last)) st[k] = this.recencyBias * (mid - last) + (1 - this.recencyBias) * st[k]!;
    st[k + 1] = mid;
    if (st[k + 2] !== 0 && ctx.step - st[k + 3]! >= this.orderLifetime) {
      ctx.cancel(st[k + 2]!);
      st[k + 2] = 0;
    }
    const dir = this.decide(ctx, m);
    if (dir === 0) return;
    const rng = this.rng;
    const units = ctx.units(m);
    const aggressive = rng.float() < this.aggressiveness;
    let price: number;
    if (dir > 0)
      price = aggressive
        ? ctx.hasAsk(m)
          ? ctx.bestAsk(m)
          : Math.ceil(mid) + 1
        : (ctx.hasBid(m) ? ctx.bestBid(m) : Math.floor(mid) - 1) - this.priceOffset;
    else
      price = aggressive
        ? ctx.hasBid(m)
          ? ctx.bestBid(m)
          : Math.floor(mid) - 1
        : (ctx.hasAsk(m) ? ctx.bestAsk(m) : Math.ceil(mid) + 1) + this.priceOffset;
    price = Math.min(units - 1, Math.max(1, price));
    const pos = ctx.position(m);
    const limit = positionLimit(this.capital, this.maxPositionFraction, dir > 0 ? price / units : 1 - price / units, units);
    let qty = Math.round(this.orderSize * this.overconfidence);
    qty = dir > 0 ? Math.min(qty, limit - pos) : Math.min(qty, limit + pos);
    qty = Math.min(qty, ctx.affordable(dir > 0 ? 'bid' : 'ask', price, m));
    if (qty <= 0) return;
    if (st[k + 2] !== 0) ctx.cancel(st[k + 2]!);
    const id = ctx.submit(dir > 0 ? 'bid' : 'ask', price, qty, aggressive ? 'ioc' : 'gtc', m);
    st[k + 2] = aggressive ? 0 : id;
    st[k + 3] = ctx.step;
  }
}
