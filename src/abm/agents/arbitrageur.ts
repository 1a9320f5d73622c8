import type { Rng } from '../../core/rng.js';
import type { ArbitrageurParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';

/**
 * Arbitrageurs trade the market against an outside reference price (think: a sportsbook's de-vigged
 * line), which tracks the truth with a lag and some noise. Each step they notice a divergence with
 * probability `detectionSpeed`; above `threshold` they take the cheap side; once the price has
 * converged to within `closeThreshold` of the reference they close the position.
 */
export class Arbitrageur extends Agent {
  readonly detectionSpeed: number;
  readonly referenceLag: number;
  readonly referenceNoise: number;
  readonly threshold: number;
  readonly closeThreshold: number;
  readonly orderSize: number;
  readonly maxPositionFraction: number;
  /** Positions closed because prices converged. */
  closes = 0;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: ArbitrageurParams) {
    super(id, 'arbitrageur', familyIndex, accountId, rng, capital);
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
    if (rng.float() >= this.detectionSpeed) return;
    const units = ctx.units();
    const ref = Math.min(0.99, Math.max(0.01, ctx.trueProbability(0, this.referenceLag) + this.referenceNoise * rng.normal()));
    const pos = ctx.position();
    const mid = ctx.mid() / units;
    if (pos !== 0 && Math.abs(ref - mid) < this.closeThreshold) {
      // converged: close at the touch
      if (pos > 0 && ctx.hasBid()) ctx.submit('ask', ctx.bestBid(), pos, 'ioc');
      else if (pos < 0 && ctx.hasAsk()) ctx.submit('bid', ctx.bestAsk(), -pos, 'ioc');
      this.closes++;
      return;
    }
    const ask = ctx.bestAsk() / units;
    const bid = ctx.bestBid() / units;
    if (ctx.hasAsk() && ref - ask > this.threshold + 0.07 * ask * (1 - ask)) {
      const limit = positionLimit(this.capital, this.maxPositionFraction, ctx.bestAsk() / units, units);
      const qty = Math.min(this.orderSize, limit - pos, ctx.affordable('bid', ctx.bestAsk()));
      if (qty > 0) ctx.submit('bid', ctx.bestAsk(), qty, 'ioc');
    } else if (ctx.hasBid() && bid - ref > this.threshold + 0.07 * bid * (1 - bid)) {
      const limit = positionLimit(this.capital, this.maxPositionFraction, 1 - ctx.bestBid() / units, units);
      const qty = Math.min(this.orderSize, limit + pos, ctx.affordable('ask', ctx.bestBid()));
      if (qty > 0) ctx.submit('ask', ctx.bestBid(), qty, 'ioc');
    }
  }
}
