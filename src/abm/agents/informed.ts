import type { Rng } from '../../core/rng.js';
import type { InformedParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { kellyContracts, positionLimit } from '../risk.js';
import { Agent } from './agent.js';
import { FamilyState, type StateLayout, type StateSlot } from './state.js';

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
  /**
   * Per-market state in the family's shared array ({@link FamilyState}), 6 fields a market: the last signal,
   * the belief, the step of the last signal, the target position, child orders left and their limit price.
   */
  private readonly state: Float64Array;
  private readonly offset: number;
  private readonly stride: number;
  /** The market whose split order is being worked (−1: none). */
  private working = -1;

  /** Its per-market fields in storage order, with their starting values ({@link FamilyState}). */
  static readonly STATE = {
    signal: Number.NaN,
    belief: Number.NaN,
    seenAt: 0,
    target: 0,
    childrenLeft: 0,
    limitPrice: 0,
  } as const satisfies StateLayout;

  constructor(
    id: number,
    familyIndex: number,
    accountId: number,
    rng: Rng,
    capital: number,
    p: InformedParams,
    markets = 1,
    slot: StateSlot = new FamilyState(InformedTrader.STATE, 1, markets).slot(0),
  ) {
    super(id, 'informed', familyIndex, accountId, rng, capital, markets);
    this.state = slot.data;
    this.offset = slot.offset;
    this.stride = slot.stride;
    this.signalQuality = draw(p.signalQuality, rng);
    this.signalNoise = draw(p.signalNoise, rng);
    this.threshold = draw(p.threshold, rng);
    this.attention = draw(p.attention, rng);
    this.splitSteps = draw(p.splitSteps, rng, true);
    this.kellyFraction = draw(p.kellyFraction, rng);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  /** The last signal seen in market m (NaN before the first). */
  signal(m = 0): number {
    return this.state[m * this.stride + this.offset]!;
  }

  /** Belief about market m: the running average of its signals, older ones fading (independent noisy looks at the same truth average out); NaN before the first signal. */
  belief(m = 0): number {
    return this.state[m * this.stride + this.offset + 1]!;
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const rng = this.rng;
    const m = this.working >= 0 && ctx.isActive(this.working) ? this.working : ctx.pickMarket(rng);
    this.working = -1;
    if (m < 0) return;
    const st = this.state;
    const k = m * this.stride + this.offset;
    const units = ctx.units(m);
    if (rng.float() < this.attention) {
      const truth = ctx.trueProbability(m);
      const s = Math.min(0.99, Math.max(0.01, truth + (1 - this.signalQuality) * this.signalNoise * rng.normal()));
      st[k] = s;
      const b = (st[k + 1] = Number.isNaN(st[k + 1]!) ? s : 0.7 ** (ctx.step - st[k + 2]!) * (st[k + 1]! - s) + s);
      st[k + 2] = ctx.step;
      const ask = ctx.hasAsk(m) ? ctx.bestAsk(m) / units : 1;
      const bid = ctx.hasBid(m) ? ctx.bestBid(m) / units : 0;
      const bankroll = this.capital;
      const pos = ctx.position(m);
      let target = pos;
      // the edge must beat the threshold plus the taker fee per contract, 0.07·P·(1−P)
      if (b - ask > this.threshold + 0.07 * ask * (1 - ask)) {
        target = Math.min(
          kellyContracts(b, ask, bankroll, this.kellyFraction, units),
          positionLimit(bankroll, this.maxPositionFraction, ask, units),
        );
        st[k + 5] = Math.floor((b - this.threshold / 2) * units);
      } else if (bid - b > this.threshold + 0.07 * bid * (1 - bid)) {
        target = -Math.min(
          kellyContracts(1 - b, 1 - bid, bankroll, this.kellyFraction, units),
          positionLimit(bankroll, this.maxPositionFraction, 1 - bid, units),
        );
        st[k + 5] = Math.ceil((b + this.threshold / 2) * units);
      }
      if (target !== st[k + 3] && target !== pos) {
        st[k + 3] = target;
        st[k + 4] = this.splitSteps;
      }
    }
    if (st[k + 4]! <= 0) return;
    const gap = st[k + 3]! - ctx.position(m);
    if (gap === 0) {
      st[k + 4] = 0;
      return;
    }
    const child = Math.ceil(Math.abs(gap) / st[k + 4]!);
    st[k + 4]!--;
    if (st[k + 4]! > 0) this.working = m;
    const side = gap > 0 ? 'bid' : 'ask';
    const qty = Math.min(child, ctx.affordable(side, st[k + 5]!, m));
    if (qty > 0) ctx.submit(side, st[k + 5]!, qty, 'ioc', m);
  }
}
