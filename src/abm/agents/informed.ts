import type { Rng } from '../../core/rng.js';
import type { InformedParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { kellyContracts, positionLimit } from '../risk.js';
import { Agent } from './agent.js';

/**
 * Informed traders: each activation they look at one trading market — the one whose order they are still
 * working, otherwise one chosen at random; when they pay
 * attention they see its true probability through a noisy signal s = clip(p + (1 − quality) · signalNoise · ε)
 * and update their belief about that market, b ← w·b + (1 − w)·s with w = 0.7^(steps since the last signal),
 * so repeated looks average out signal noise while old information fades as the truth moves. When b differs from the price
 * by more than `threshold` (plus the taker fee), they set a target position by fractional Kelly (capped by
 * their own capital, per market) and work towards it in `splitSteps` immediate-or-cancel child orders,
 * never paying more than b − threshold/2 for YES (or selling below b + threshold/2).
 */
export class InformedTrader extends Agent {
  readonly signalQuality: number;
  readonly signalNoise: number;
  readonly threshold: number;
  readonly attention: number;
  readonly splitSteps: number;
  readonly kellyFraction: number;
  readonly maxPositionFraction: number;
  /** The last signal seen, per market. */
  readonly signal: Float64Array;
  /** Belief per market: the running average of its signals, older ones fading (independent noisy looks at the same truth average out). */
  readonly belief: Float64Array;
  private readonly seenAt: Float64Array;
  private readonly target: Float64Array;
  private readonly childrenLeft: Float64Array;
  private readonly limitPrice: Float64Array;
  /** The market whose split order is being worked (−1: none). */
  private working = -1;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: InformedParams, markets = 1) {
    super(id, 'informed', familyIndex, accountId, rng, capital, markets);
    this.signalQuality = draw(p.signalQuality, rng);
    this.signalNoise = draw(p.signalNoise, rng);
    this.threshold = draw(p.threshold, rng);
    this.attention = draw(p.attention, rng);
    this.splitSteps = draw(p.splitSteps, rng, true);
    this.kellyFraction = draw(p.kellyFraction, rng);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
    this.signal = new Float64Array(markets).fill(Number.NaN);
    this.belief = new Float64Array(markets).fill(Number.NaN);
    this.seenAt = new Float64Array(markets);
    this.target = new Float64Array(markets);
    this.childrenLeft = new Float64Array(markets);
    this.limitPrice = new Float64Array(markets);
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const rng = this.rng;
    const m = this.working >= 0 && ctx.isActive(this.working) ? this.working : ctx.pickMarket(rng);
    this.working = -1;
    if (m < 0) return;
    const units = ctx.units(m);
    if (rng.float() < this.attention) {
      const truth = ctx.trueProbability(m);
      const s = Math.min(0.99, Math.max(0.01, truth + (1 - this.signalQuality) * this.signalNoise * rng.normal()));
      this.signal[m] = s;
      const b = (this.belief[m] = Number.isNaN(this.belief[m]!) ? s : 0.7 ** (ctx.step - this.seenAt[m]!) * (this.belief[m]! - s) + s);
      this.seenAt[m] = ctx.step;
      const ask = ctx.hasAsk(m) ? ctx.bestAsk(m) / units : 1;
      const bid = ctx.hasBid(m) ? ctx.bestBid(m) / units : 0;
      const bankroll = this.capital;
      const pos = ctx.position(m);
      let target = pos;
      // the edge must beat the threshold plus the taker fee per contract, 0.07·P·(1−P)
      if (b - ask > this.threshold + 0.07 * ask * (1 - ask)) {
        target = Math.min(kellyContracts(b, ask, bankroll, this.kellyFraction, units), positionLimit(bankroll, this.maxPositionFraction, ask, units));
        this.limitPrice[m] = Math.floor((b - this.threshold / 2) * units);
      } else if (bid - b > this.threshold + 0.07 * bid * (1 - bid)) {
        target = -Math.min(kellyContracts(1 - b, 1 - bid, bankroll, this.kellyFraction, units), positionLimit(bankroll, this.maxPositionFraction, 1 - bid, units));
        this.limitPrice[m] = Math.ceil((b + this.threshold / 2) * units);
      }
      if (target !== this.target[m] && target !== pos) {
        this.target[m] = target;
        this.childrenLeft[m] = this.splitSteps;
      }
    }
    if (this.childrenLeft[m]! <= 0) return;
    const gap = this.target[m]! - ctx.position(m);
    if (gap === 0) {
      this.childrenLeft[m] = 0;
      return;
    }
    const child = Math.ceil(Math.abs(gap) / this.childrenLeft[m]!);
    this.childrenLeft[m]!--;
    if (this.childrenLeft[m]! > 0) this.working = m;
    const side = gap > 0 ? 'bid' : 'ask';
    const qty = Math.min(child, ctx.affordable(side, this.limitPrice[m]!, m));
    if (qty > 0) ctx.submit(side, this.limitPrice[m]!, qty, 'ioc', m);
  }
}
