import type { Rng } from '../../core/rng.js';
import type { MarketMakerParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { Agent } from './agent.js';
import { FamilyState, type StateLayout, type StateSlot } from './state.js';

/**
 * Market makers quote both sides around an Avellaneda–Stoikov reservation price (Avellaneda & Stoikov
 * 2008, "High-frequency trading in a limit order book", Quant. Finance 8(3)), in tick units:
 *   r = f − q · γ · σ² · τ            (q = inventory in quote lots, f = EWMA fair value of mid and trades)
 *   δ = ½ · γ · σ² · τ + (1/γ) · ln(1 + γ/k)
 *   bid = ⌊r − δ⌋, ask = ⌈r + δ⌉, at least `minSpread` apart,
 * with σ² an EWMA of squared fair-value changes and τ the inventory horizon. The fair value f is an EWMA
 * of mid and last trade, shifted by `flowImpact` ticks per contract of net taker flow since the maker's
 * last look (informed flow moves the quotes, as Kyle's λ prescribes); the spread is kept between
 * `minSpread` (the spread target) and `maxSpread`. Long inventory lowers both quotes (sell more, buy
 * less); the side that would push |inventory| past `maxInventory` is not quoted. A market maker quotes
 * every trading market at each activation, with its own fair value, variance and inventory per market.
 */
export class MarketMaker extends Agent {
  readonly riskAversion: number;
  readonly liquidity: number;
  readonly minSpread: number;
  readonly maxSpread: number;
  readonly quoteSize: number;
  readonly maxInventory: number;
  readonly horizon: number;
  readonly fairValueSmoothing: number;
  readonly flowImpact: number;
  readonly withdrawalTrigger: number;
  readonly withdrawalSteps: number;
  readonly withdrawalSize: number;
  /** Activations in which it quoted a market while withdrawn (over all markets). */
  withdrawnQuotes = 0;
  /** Times an adverse fill made it withdraw (over all markets). */
  withdrawals = 0;
  /**
   * Per-market state in the family's shared array ({@link FamilyState}), 5 fields a market: the signed flow at
   * the last look, the fair value (ticks), the EWMA of squared fair-value changes (ticks² per step), and the
   * ids of its resting bid and ask (0 = none).
   */
  private readonly state: Float64Array;
  private readonly offset: number;
  private readonly stride: number;
  /** Largest |inventory| seen in any market (contracts). */
  peakInventory = 0;

  /** Its per-market fields in storage order, with their starting values ({@link FamilyState}). */
  static readonly STATE = {
    seenFlow: Number.NaN,
    fairValue: Number.NaN,
    variance: 1,
    bidId: 0,
    askId: 0,
    seenPosition: 0,
    withdrawnUntil: 0,
  } as const satisfies StateLayout;

  constructor(
    id: number,
    familyIndex: number,
    accountId: number,
    rng: Rng,
    capital: number,
    p: MarketMakerParams,
    markets = 1,
    slot: StateSlot = new FamilyState(MarketMaker.STATE, 1, markets).slot(0),
  ) {
    super(id, 'marketMaker', familyIndex, accountId, rng, capital, markets);
    this.state = slot.data;
    this.offset = slot.offset;
    this.stride = slot.stride;
    this.riskAversion = draw(p.riskAversion, rng);
    this.liquidity = draw(p.liquidity, rng);
    this.minSpread = draw(p.minSpread, rng, true);
    this.maxSpread = Math.max(this.minSpread, draw(p.maxSpread, rng, true));
    this.quoteSize = draw(p.quoteSize, rng, true);
    this.maxInventory = draw(p.maxInventory, rng, true);
    this.horizon = draw(p.horizon, rng, true);
    this.fairValueSmoothing = draw(p.fairValueSmoothing, rng);
    this.flowImpact = draw(p.flowImpact, rng);
    this.withdrawalTrigger = draw(p.withdrawalTrigger, rng);
    this.withdrawalSteps = draw(p.withdrawalSteps, rng, true);
    this.withdrawalSize = draw(p.withdrawalSize, rng);
  }

  /** Fair value in market m (ticks; NaN before its first look). */
  fairValue(m = 0): number {
    return this.state[m * this.stride + this.offset + 1]!;
  }

  /** EWMA of squared fair-value changes in market m (ticks² per step). */
  variance(m = 0): number {
    return this.state[m * this.stride + this.offset + 2]!;
  }

  /** Bid and ask it would quote now in market m (before inventory limits), in ticks. */
  quotes(inventory: number, units: number, m = 0, withdrawn = false): [bid: number, ask: number] {
    const g = this.riskAversion;
    const q = inventory / this.quoteSize;
    const k = m * this.stride + this.offset;
    const variance = this.state[k + 2]!;
    const r = this.state[k + 1]! - q * g * variance * this.horizon;
    // withdrawn after an adverse fill: the widest spread it ever quotes
    const delta = withdrawn
      ? this.maxSpread / 2
      : Math.min(this.maxSpread / 2, 0.5 * g * variance * this.horizon + Math.log(1 + g / this.liquidity) / g);
    let bid = Math.floor(r - delta);
    let ask = Math.ceil(r + delta);
    if (ask - bid < this.minSpread) {
      const extra = this.minSpread - (ask - bid);
      bid -= Math.floor(extra / 2);
      ask += Math.ceil(extra / 2);
    }
    bid = Math.max(1, Math.min(units - 2, bid));
    ask = Math.max(bid + 1, Math.min(units - 1, ask));
    return [bid, ask];
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    for (let i = 0; i < ctx.activeCount; i++) this.quoteMarket(ctx, ctx.activeMarket(i));
  }

  private quoteMarket(ctx: AgentContext, m: number): void {
    const units = ctx.units(m);
    const mid = ctx.mid(m);
    const a = this.fairValueSmoothing;
    const st = this.state;
    const k = m * this.stride + this.offset;
    const inventory = ctx.position(m);
    const before = st[k + 1]!;
    if (Number.isNaN(before)) st[k + 1] = mid;
    else {
      // Kyle-style adverse selection: net taker buying since the last look moves the fair value up
      const flow = ctx.signedFlow(m);
      const impact = Number.isNaN(st[k]!) ? 0 : this.flowImpact * (flow - st[k]!);
      st[k] = flow;
      const next = Math.min(units - 1, Math.max(1, a * (0.5 * mid + 0.5 * ctx.lastPrice(m)) + (1 - a) * st[k + 1]! + impact));
      st[k + 2] = 0.95 * st[k + 2]! + 0.05 * Math.max(0.05, (next - st[k + 1]!) ** 2);
      st[k + 1] = next;
      // adverse selection: it was filled and the fair value then moved against those fills
      const filled = inventory - st[k + 5]!;
      const adverse = filled > 0 ? before - next : filled < 0 ? next - before : 0;
      if (this.withdrawalSteps > 0 && adverse >= this.withdrawalTrigger) {
        if (st[k + 6]! <= ctx.step) this.withdrawals++;
        st[k + 6] = ctx.step + this.withdrawalSteps;
      }
    }
    st[k + 5] = inventory;
    this.peakInventory = Math.max(this.peakInventory, Math.abs(inventory));
    const withdrawn = st[k + 6]! > ctx.step;
    if (withdrawn) this.withdrawnQuotes++;
    let [bid, ask] = this.quotes(inventory, units, m, withdrawn);
    // stay a maker: never quote through the other side's best price
    if (ctx.hasAsk(m)) bid = Math.min(bid, ctx.bestAsk(m) - 1);
    if (ctx.hasBid(m)) ask = Math.max(ask, ctx.bestBid(m) + 1);
    const size = withdrawn ? Math.floor(this.quoteSize * this.withdrawalSize) : this.quoteSize;
    const bidSize = Math.min(size, this.maxInventory - inventory);
    const askSize = Math.min(size, this.maxInventory + inventory);
    st[k + 3] = this.requote(ctx, m, st[k + 3]!, 'bid', bid, bidSize);
    st[k + 4] = this.requote(ctx, m, st[k + 4]!, 'ask', ask, askSize);
  }

  private requote(ctx: AgentContext, m: number, id: number, side: 'bid' | 'ask', price: number, size: number): number {
    const units = ctx.units(m);
    if (size <= 0 || price < 1 || price > units - 1) {
      ctx.cancel(id);
      return 0;
    }
    const qty = Math.min(size, ctx.affordable(side, price, m) + (ctx.isOpen(id) ? ctx.remaining(id) : 0));
    if (qty <= 0) {
      ctx.cancel(id);
      return 0;
    }
    if (ctx.isOpen(id)) {
      if (ctx.remaining(id) === qty && ctx.restingPrice(id) === price) return id;
      if (ctx.amend(id, price, qty)) return ctx.isOpen(id) ? id : 0;
      ctx.cancel(id);
    }
    return ctx.submit(side, price, qty, 'gtc', m);
  }
}
