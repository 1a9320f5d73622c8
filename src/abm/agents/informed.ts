import type { Rng } from '../../core/rng.js';
import type { InformedParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { kellyContracts, positionLimit } from '../risk.js';
import { Agent } from './agent.js';

/**
 * Informed traders: when they pay attention they see the true probability through a noisy signal
 * s = clip(p + (1 − quality) · signalNoise · ε) and update a belief b (EWMA of signals, weight 0.3).
 * When b differs from the price by more than `threshold`, they set a target position by fractional
 * Kelly (capped by their own capital) and work towards it in `splitSteps` immediate-or-cancel child
 * orders, never paying more than b − threshold/2 for YES (or selling below b + threshold/2).
 */
export class InformedTrader extends Agent {
  readonly signalQuality: number;
  readonly signalNoise: number;
  readonly threshold: number;
  readonly attention: number;
  readonly splitSteps: number;
  readonly kellyFraction: number;
  readonly maxPositionFraction: number;
  /** The last signal seen. */
  signal = Number.NaN;
  /** Belief: the running average of its signals (independent noisy looks at the same truth average out). */
  belief = Number.NaN;
  private target = 0;
  private childrenLeft = 0;
  private limitPrice = 0;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: InformedParams) {
    super(id, 'informed', familyIndex, accountId, rng, capital);
    this.signalQuality = draw(p.signalQuality, rng);
    this.signalNoise = draw(p.signalNoise, rng);
    this.threshold = draw(p.threshold, rng);
    this.attention = draw(p.attention, rng);
    this.splitSteps = draw(p.splitSteps, rng, true);
    this.kellyFraction = draw(p.kellyFraction, rng);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const rng = this.rng;
    const units = ctx.units();
    if (rng.float() < this.attention) {
      const truth = ctx.trueProbability();
      const s = Math.min(0.99, Math.max(0.01, truth + (1 - this.signalQuality) * this.signalNoise * rng.normal()));
      this.signal = s;
      this.belief = Number.isNaN(this.belief) ? s : 0.7 * this.belief + 0.3 * s;
      const b = this.belief;
      const ask = ctx.hasAsk() ? ctx.bestAsk() / units : 1;
      const bid = ctx.hasBid() ? ctx.bestBid() / units : 0;
      const bankroll = this.capital;
      let target = ctx.position();
      // the edge must beat the threshold plus the taker fee per contract, 0.07·P·(1−P)
      if (b - ask > this.threshold + 0.07 * ask * (1 - ask)) {
        target = Math.min(kellyContracts(b, ask, bankroll, this.kellyFraction, units), positionLimit(bankroll, this.maxPositionFraction, ask, units));
        this.limitPrice = Math.floor((b - this.threshold / 2) * units);
      } else if (bid - b > this.threshold + 0.07 * bid * (1 - bid)) {
        target = -Math.min(kellyContracts(1 - b, 1 - bid, bankroll, this.kellyFraction, units), positionLimit(bankroll, this.maxPositionFraction, 1 - bid, units));
        this.limitPrice = Math.ceil((b + this.threshold / 2) * units);
      }
      if (target !== this.target && target !== ctx.position()) {
        this.target = target;
        this.childrenLeft = this.splitSteps;
      }
    }
    if (this.childrenLeft <= 0) return;
    const gap = this.target - ctx.position();
    if (gap === 0) {
      this.childrenLeft = 0;
      return;
    }
    const child = Math.ceil(Math.abs(gap) / this.childrenLeft);
    this.childrenLeft--;
    const side = gap > 0 ? 'bid' : 'ask';
    const qty = Math.min(child, ctx.affordable(side, this.limitPrice));
    if (qty > 0) ctx.submit(side, this.limitPrice, qty, 'ioc');
  }
}
