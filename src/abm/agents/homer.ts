import type { Rng } from '../../core/rng.js';
import type { HomerParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { loyaltyAdjustment } from '../../models/biases.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';

/**
 * Homers: fans loyal to one outcome (YES = the home team, or NO). Their perceived value is the market
 * price pulled toward the favored outcome by their loyalty L:  v = m + L · (f − m), with m the mid as a
 * probability and f = 1 (YES fans) or 0 (NO fans). Loyalty decays each step (L ← L · (1 − decay)) and is
 * reinforced when the market moves their way (L += reinforcement per favorable tick, capped at 1). With
 * the gambler's fallacy on, after `streak` moves in one direction they expect a reversal and shift v
 * against the streak. They back their side when v beats the ask by `threshold`.
 */
export class Homer extends Agent {
  readonly favorsYes: boolean;
  loyalty: number;
  readonly loyaltyDecay: number;
  readonly reinforcement: number;
  readonly threshold: number;
  readonly tradeProbability: number;
  readonly orderSize: number;
  readonly gamblersFallacy: boolean;
  readonly streak: number;
  readonly fallacyStrength: number;
  readonly maxPositionFraction: number;
  /** Consecutive mid moves in the same direction (+ up, − down). */
  run = 0;
  /** Decisions in which the gambler's fallacy shifted the perceived value. */
  fallacyDecisions = 0;
  private lastMid = Number.NaN;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: HomerParams) {
    super(id, 'homer', familyIndex, accountId, rng, capital);
    this.favorsYes = rng.float() < draw(p.yesShare, rng);
    this.loyalty = draw(p.loyalty, rng);
    this.loyaltyDecay = draw(p.loyaltyDecay, rng);
    this.reinforcement = draw(p.reinforcement, rng);
    this.threshold = draw(p.threshold, rng);
    this.tradeProbability = draw(p.tradeProbability, rng);
    this.orderSize = draw(p.orderSize, rng, true);
    this.gamblersFallacy = p.gamblersFallacy;
    this.streak = draw(p.streak, rng, true);
    this.fallacyStrength = draw(p.fallacyStrength, rng);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  override get kind(): string {
    return `homer/${this.favorsYes ? 'yes' : 'no'}`;
  }

  /** Perceived probability of YES given the market mid (probability). */
  perceivedValue(mid: number): number {
    let v = loyaltyAdjustment(mid, this.loyalty, this.favorsYes);
    if (this.gamblersFallacy && Math.abs(this.run) >= this.streak) {
      v -= Math.sign(this.run) * this.fallacyStrength; // "it is due to turn"
      this.fallacyDecisions++;
    }
    return Math.min(0.99, Math.max(0.01, v));
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const units = ctx.units();
    const mid = ctx.mid();
    if (!Number.isNaN(this.lastMid)) {
      const move = mid - this.lastMid;
      this.run = move > 0 ? (this.run > 0 ? this.run + 1 : 1) : move < 0 ? (this.run < 0 ? this.run - 1 : -1) : this.run;
      const favorable = this.favorsYes ? move : -move;
      if (favorable > 0) this.loyalty = Math.min(1, this.loyalty + this.reinforcement * favorable);
    }
    this.lastMid = mid;
    this.loyalty *= 1 - this.loyaltyDecay;
    const rng = this.rng;
    if (rng.float() >= this.tradeProbability) return;
    const v = this.perceivedValue(mid / units);
    const pos = ctx.position();
    if (ctx.hasAsk() && v - ctx.bestAsk() / units > this.threshold) {
      const ask = ctx.bestAsk();
      const qty = Math.min(this.orderSize, positionLimit(this.capital, this.maxPositionFraction, ask / units, units) - pos, ctx.affordable('bid', ask));
      if (qty > 0) ctx.submit('bid', ask, qty, 'ioc');
    } else if (ctx.hasBid() && ctx.bestBid() / units - v > this.threshold) {
      const bid = ctx.bestBid();
      const qty = Math.min(this.orderSize, positionLimit(this.capital, this.maxPositionFraction, 1 - bid / units, units) + pos, ctx.affordable('ask', bid));
      if (qty > 0) ctx.submit('ask', bid, qty, 'ioc');
    }
  }
}
