import type { Rng } from '../../core/rng.js';
import type { HomerParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { loyaltyAdjustment } from '../../models/biases.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';
import { FamilyState, type StateLayout, type StateSlot } from './state.js';

/**
 * Homers: fans loyal to one outcome (YES = the home team, or NO) in every market. Their perceived value is
 * the market price pulled toward the favored outcome by their loyalty L: v = m + L · (f − m), with m the
 * mid as a probability and f = 1 (YES fans) or 0 (NO fans). Each look at a market updates the loyalty for
 * that market: reinforced by `reinforcement` per tick the market has moved the fan's way since the last look,
 * pulled back toward the starting loyalty L₀ by `loyaltyDecay`, and capped at `maxLoyalty`:
 *   L ← min(maxLoyalty, max(0, L₀ + (L − L₀)(1 − decay) + reinforcement · favorable ticks)).
 * The cap and the pull back to L₀ keep the loop "fans buy → price rises → fans grow bolder" bounded (the
 * unbounded version ran away into a sawtooth). With the gambler's fallacy on, after `streak` moves in one
 * direction they expect a reversal and shift v against the streak. They back their side when v beats the
 * touch by `threshold`.
 */
export class Homer extends Agent {
  readonly favorsYes: boolean;
  /** Starting loyalty L₀. */
  readonly baseLoyalty: number;
  readonly loyaltyDecay: number;
  readonly reinforcement: number;
  readonly maxLoyalty: number;
  readonly threshold: number;
  readonly tradeProbability: number;
  readonly orderSize: number;
  readonly gamblersFallacy: boolean;
  readonly streak: number;
  readonly fallacyStrength: number;
  readonly maxPositionFraction: number;
  /** Decisions in which the gambler's fallacy shifted the perceived value. */
  fallacyDecisions = 0;
  /**
   * Per-market state in the family's shared array ({@link FamilyState}), 3 fields a market: the loyalty, the
   * run of same-direction mid moves and the last mid seen.
   */
  private readonly state: Float64Array;
  private readonly offset: number;
  private readonly stride: number;

  /** Its per-market fields in storage order, with their starting values ({@link FamilyState}; loyalty starts at each fan's L₀). */
  static readonly STATE = { loyalty: 0, run: 0, lastMid: Number.NaN } as const satisfies StateLayout;

  constructor(
    id: number,
    familyIndex: number,
    accountId: number,
    rng: Rng,
    capital: number,
    p: HomerParams,
    markets = 1,
    slot: StateSlot = new FamilyState(Homer.STATE, 1, markets).slot(0),
  ) {
    super(id, 'homer', familyIndex, accountId, rng, capital, markets);
    this.state = slot.data;
    this.offset = slot.offset;
    this.stride = slot.stride;
    this.favorsYes = rng.float() < draw(p.yesShare, rng);
    this.maxLoyalty = draw(p.maxLoyalty, rng);
    this.baseLoyalty = Math.min(this.maxLoyalty, draw(p.loyalty, rng));
    this.loyaltyDecay = draw(p.loyaltyDecay, rng);
    this.reinforcement = draw(p.reinforcement, rng);
    this.threshold = draw(p.threshold, rng);
    this.tradeProbability = draw(p.tradeProbability, rng);
    this.orderSize = draw(p.orderSize, rng, true);
    this.gamblersFallacy = p.gamblersFallacy;
    this.streak = draw(p.streak, rng, true);
    this.fallacyStrength = draw(p.fallacyStrength, rng);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
    for (let m = 0; m < markets; m++) this.state[m * this.stride + this.offset] = this.baseLoyalty;
  }

  /** Loyalty in market m. */
  loyalty(m = 0): number {
    return this.state[m * this.stride + this.offset]!;
  }

  /** Consecutive mid moves in the same direction (+ up, − down) in market m. */
  run(m = 0): number {
    return this.state[m * this.stride + this.offset + 1]!;
  }

  override get kind(): string {
    return `homer/${this.favorsYes ? 'yes' : 'no'}`;
  }

  /** Perceived probability of YES in market m given its mid (probability). */
  perceivedValue(mid: number, m = 0): number {
    const k = m * this.stride + this.offset;
    let v = loyaltyAdjustment(mid, this.state[k]!, this.favorsYes);
    const run = this.state[k + 1]!;
    if (this.gamblersFallacy && Math.abs(run) >= this.streak) {
      v -= Math.sign(run) * this.fallacyStrength; // "it is due to turn"
      this.fallacyDecisions++;
    }
    return Math.min(0.99, Math.max(0.01, v));
  }

  /** Update market m's loyalty and streak from the mid move since the last look. */
  observe(m: number, mid: number): void {
    const st = this.state;
    const k = m * this.stride + this.offset;
    const last = st[k + 2]!;
    let favorable = 0;
    if (!Number.isNaN(last)) {
      const move = mid - last;
      const run = st[k + 1]!;
      st[k + 1] = move > 0 ? (run > 0 ? run + 1 : 1) : move < 0 ? (run < 0 ? run - 1 : -1) : run;
      favorable = Math.max(0, this.favorsYes ? move : -move);
    }
    st[k + 2] = mid;
    const l = this.baseLoyalty + (st[k]! - this.baseLoyalty) * (1 - this.loyaltyDecay) + this.reinforcement * favorable;
    st[k] = Math.min(this.maxLoyalty, Math.max(0, l));
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const rng = this.rng;
    const m = ctx.pickMarket(rng);
    if (m < 0) return;
    const units = ctx.units(m);
    const mid = ctx.mid(m);
    this.observe(m, mid);
    if (rng.float() >= this.tradeProbability) return;
    const v = this.perceivedValue(mid / units, m);
    const pos = ctx.position(m);
    if (ctx.hasAsk(m) && v - ctx.bestAsk(m) / units > this.threshold) {
      const ask = ctx.bestAsk(m);
      const qty = Math.min(
        this.orderSize,
        positionLimit(this.capital, this.maxPositionFraction, ask / units, units) - pos,
        ctx.affordable('bid', ask, m),
      );
      if (qty > 0) ctx.submit('bid', ask, qty, 'ioc', m);
    } else if (ctx.hasBid(m) && ctx.bestBid(m) / units - v > this.threshold) {
      const bid = ctx.bestBid(m);
      const qty = Math.min(
        this.orderSize,
        positionLimit(this.capital, this.maxPositionFraction, 1 - bid / units, units) + pos,
        ctx.affordable('ask', bid, m),
      );
      if (qty > 0) ctx.submit('ask', bid, qty, 'ioc', m);
    }
  }
}
