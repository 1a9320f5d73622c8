import type { Rng } from '../../core/rng.js';
import type { ArbitrageurParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';

/**
 * Arbitrageurs trade each market against an outside reference price (think: a sportsbook's de-vigged
 * line), which tracks the truth with a lag and some noise. Each activation they look at one trading
 * market and notice a divergence with probability `detectionSpeed`; above `threshold` they take the cheap
 * side; once the price has converged to within `closeThreshold` of the reference they close the position.
 */
export class Arbitrageur extends Agent {
  readonly detectionSpeed: number;
  readonly referenceLag: number;
  readonly referenceNoise: number;
  readonly threshold: number;
  readonly closeThreshold: number;
  readonly orderSize: number;
  readonly maxPositionFraction: number;
  /** Close orders that filled (the position shrank), over all markets. */
  closes = 0;
  /** Contracts closed by those orders. */
  closedContracts = 0;
  /** Close orders sent, filled or not. */
  closeAttempts = 0;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: ArbitrageurParams, markets = 1) {
    super(id, 'arbitrageur', familyIndex, accountId, rng, capital, markets);
    this.detectionSpeed = draw(p.detectionSpeed, rng);
    this.referenceLag = draw(p.referenceLag, rng, true);
    this.referenceNoise = draw(p.referenceNoise, rng);
    this.threshold = draw(p.threshold, rng);
    this.closeThreshold = draw(p.closeThreshold, rng);
    this.orderSize = draw(p.orderSize, rng, true);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const rng = this.rng;
    const m = ctx.pickMarket(rng);
    if (m < 0) return;
    if (rng.float() >= this.detectionSpeed) return;
    const units = ctx.units(m);
    const ref = Math.min(0.99, Math.max(0.01, ctx.trueProbability(m, this.referenceLag) + this.referenceNoise * rng.normal()));
    const pos = ctx.position(m);
    const mid = ctx.mid(m) / units;
    if (pos !== 0 && Math.abs(ref - mid) < this.closeThreshold) {
      // converged: close at the touch; count the close by what actually filled
      let sent = 0;
      if (pos > 0 && ctx.hasBid(m)) sent = ctx.submit('ask', ctx.bestBid(m), pos, 'ioc', m);
      else if (pos < 0 && ctx.hasAsk(m)) sent = ctx.submit('bid', ctx.bestAsk(m), -pos, 'ioc', m);
      if (sent !== 0) {
        this.closeAttempts++;
        const closed = Math.abs(pos) - Math.abs(ctx.position(m));
        if (closed > 0) (this.closes++, (this.closedContracts += closed));
      }
      return;
    }
    const ask = ctx.bestAsk(m) / units;
    const bid = ctx.bestBid(m) / units;
    if (ctx.hasAsk(m) && ref - ask > this.threshold + 0.07 * ask * (1 - ask)) {
      const limit = positionLimit(this.capital, this.maxPositionFraction, ctx.bestAsk(m) / units, units);
      const qty = Math.min(this.orderSize, limit - pos, ctx.affordable('bid', ctx.bestAsk(m), m));
      if (qty > 0) ctx.submit('bid', ctx.bestAsk(m), qty, 'ioc', m);
    } else if (ctx.hasBid(m) && bid - ref > this.threshold + 0.07 * bid * (1 - bid)) {
      const limit = positionLimit(this.capital, this.maxPositionFraction, 1 - ctx.bestBid(m) / units, units);
      const qty = Math.min(this.orderSize, limit + pos, ctx.affordable('ask', ctx.bestBid(m), m));
      if (qty > 0) ctx.submit('ask', ctx.bestBid(m), qty, 'ioc', m);
    }
  }
}
