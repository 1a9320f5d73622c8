import type { Rng } from '../../core/rng.js';
import type { NoiseParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';

export type NoiseStyle = 'random' | 'contrarian' | 'trend';

/**
 * Noise traders: no information about the truth.
 * - random: trades with probability `tradeProbability` per step, side by a coin flip;
 * - contrarian: sells after rises and buys after falls of its recency-weighted return memory;
 * - trend: buys when the short moving average of the mid is above the long one, sells when below.
 * Recency bias is the EWMA weight of the latest mid change; overconfidence multiplies order size.
 * Orders rest `priceOffset` ticks behind the touch, or cross the spread with probability `aggressiveness`;
 * an order unfilled after `orderLifetime` steps is canceled.
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
  /** Recency-weighted memory of mid changes (¢). */
  returnMemory = 0;
  private lastMid = Number.NaN;
  private openOrder = 0;
  private placedAt = 0;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: NoiseParams) {
    super(id, 'noise', familyIndex, accountId, rng, capital);
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

  override get kind(): string {
    return `noise/${this.style}`;
  }

  /** +1 buy YES, −1 sell YES, 0 nothing; uses the agent's stream only. */
  decide(ctx: AgentContext): number {
    const rng = this.rng;
    if (this.style === 'random') return rng.float() < this.tradeProbability ? (rng.float() < 0.5 ? 1 : -1) : 0;
    if (rng.float() >= this.tradeProbability * 2) return 0;
    if (this.style === 'contrarian') {
      if (this.returnMemory > this.signalThreshold) return -1;
      if (this.returnMemory < -this.signalThreshold) return 1;
      return 0;
    }
    const diff = ctx.movingAverage(this.shortWindow) - ctx.movingAverage(this.longWindow);
    return diff > this.signalThreshold ? 1 : diff < -this.signalThreshold ? -1 : 0;
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const mid = ctx.mid();
    if (!Number.isNaN(this.lastMid)) this.returnMemory = this.recencyBias * (mid - this.lastMid) + (1 - this.recencyBias) * this.returnMemory;
    this.lastMid = mid;
    if (this.openOrder !== 0 && ctx.step - this.placedAt >= this.orderLifetime) {
      ctx.cancel(this.openOrder);
      this.openOrder = 0;
    }
    const dir = this.decide(ctx);
    if (dir === 0) return;
    const rng = this.rng;
    const units = ctx.units();
    const aggressive = rng.float() < this.aggressiveness;
    let price: number;
    if (dir > 0) price = aggressive ? (ctx.hasAsk() ? ctx.bestAsk() : Math.ceil(mid) + 1) : (ctx.hasBid() ? ctx.bestBid() : Math.floor(mid) - 1) - this.priceOffset;
    else price = aggressive ? (ctx.hasBid() ? ctx.bestBid() : Math.floor(mid) - 1) : (ctx.hasAsk() ? ctx.bestAsk() : Math.ceil(mid) + 1) + this.priceOffset;
    price = Math.min(units - 1, Math.max(1, price));
    const pos = ctx.position();
    const limit = positionLimit(this.capital, this.maxPositionFraction, dir > 0 ? price / units : 1 - price / units, units);
    let qty = Math.round(this.orderSize * this.overconfidence);
    qty = dir > 0 ? Math.min(qty, limit - pos) : Math.min(qty, limit + pos);
    qty = Math.min(qty, ctx.affordable(dir > 0 ? 'bid' : 'ask', price));
    if (qty <= 0) return;
    if (this.openOrder !== 0) ctx.cancel(this.openOrder);
    const id = ctx.submit(dir > 0 ? 'bid' : 'ask', price, qty, aggressive ? 'ioc' : 'gtc');
    this.openOrder = aggressive ? 0 : id;
    this.placedAt = ctx.step;
  }
}
