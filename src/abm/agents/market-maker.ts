import type { Rng } from '../../core/rng.js';
import type { MarketMakerParams } from '../config.js';
import type { AgentContext } from '../context.js';
import { draw } from '../params.js';
import { Agent } from './agent.js';

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
  private readonly seenFlow: Float64Array;
  /** Fair value per market (ticks). */
  readonly fairValue: Float64Array;
  /** EWMA of squared fair-value changes per market (ticks² per step). */
  readonly variance: Float64Array;
  private readonly bidId: Float64Array;
  private readonly askId: Float64Array;
  /** Largest |inventory| seen in any market (contracts). */
  peakInventory = 0;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: MarketMakerParams, markets = 1) {
    super(id, 'marketMaker', familyIndex, accountId, rng, capital, markets);
    this.seenFlow = new Float64Array(markets).fill(Number.NaN);
    this.fairValue = new Float64Array(markets).fill(Number.NaN);
    this.variance = new Float64Array(markets).fill(1);
    this.bidId = new Float64Array(markets);
    this.askId = new Float64Array(markets);
    this.riskAversion = draw(p.riskAversion, rng);
    this.liquidity = draw(p.liquidity, rng);
    this.minSpread = draw(p.minSpread, rng, true);
    this.maxSpread = Math.max(this.minSpread, draw(p.maxSpread, rng, true));
    this.quoteSize = draw(p.quoteSize, rng, true);
    this.maxInventory = draw(p.maxInventory, rng, true);
    this.horizon = draw(p.horizon, rng, true);
    this.fairValueSmoothing = draw(p.fairValueSmoothing, rng);
    this.flowImpact = draw(p.flowImpact, rng);
  }

  /** Bid and ask it would quote now in market m (before inventory limits), in ticks. */
  quotes(inventory: number, units: number, m = 0): [bid: number, ask: number] {
    const g = this.riskAversion;
    const q = inventory / this.quoteSize;
    const variance = this.variance[m]!;
    const r = this.fairValue[m]! - q * g * variance * this.horizon;
    const delta = Math.min(this.maxSpread / 2, 0.5 * g * variance * this.horizon + Math.log(1 + g / this.liquidity) / g);
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
    if (Number.isNaN(this.fairValue[m]!)) this.fairValue[m] = mid;
    else {
      // Kyle-style adverse selection: net taker buying since the last look moves the fair value up
      const flow = ctx.signedFlow(m);
      const impact = Number.isNaN(this.seenFlow[m]!) ? 0 : this.flowImpact * (flow - this.seenFlow[m]!);
      this.seenFlow[m] = flow;
      const next = Math.min(units - 1, Math.max(1, a * (0.5 * mid + 0.5 * ctx.lastPrice(m)) + (1 - a) * this.fairValue[m]! + impact));
      this.variance[m] = 0.95 * this.variance[m]! + 0.05 * Math.max(0.05, (next - this.fairValue[m]!) ** 2);
      this.fairValue[m] = next;
    }
    const inventory = ctx.position(m);
    this.peakInventory = Math.max(this.peakInventory, Math.abs(inventory));
    let [bid, ask] = this.quotes(inventory, units, m);
    // stay a maker: never quote through the other side's best price
    if (ctx.hasAsk(m)) bid = Math.min(bid, ctx.bestAsk(m) - 1);
    if (ctx.hasBid(m)) ask = Math.max(ask, ctx.bestBid(m) + 1);
    const bidSize = Math.min(this.quoteSize, this.maxInventory - inventory);
    const askSize = Math.min(this.quoteSize, this.maxInventory + inventory);
    this.bidId[m] = this.requote(ctx, m, this.bidId[m]!, 'bid', bid, bidSize);
    this.askId[m] = this.requote(ctx, m, this.askId[m]!, 'ask', ask, askSize);
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
