import type { CoreAdapter } from '../core-adapter.js';

export interface HouseQuoteParams {
  /** Half the bid-ask spread around the fair price, in cents. */
  readonly halfSpreadCents: number;
  /** Contracts per level. */
  readonly size: number;
  /** Levels per side (one cent apart). */
  readonly levels: number;
}

/**
 * A house market maker for markets no agent trades (static and replayed markets): it rests bids and
 * asks around a fair probability and re-quotes when the fair value moves, so API users always find
 * liquidity. It trades through the market core like anyone else; its account is funded generously.
 */
export class HouseQuoter {
  private readonly live = new Map<string, number[]>();

  constructor(
    private readonly core: CoreAdapter,
    private readonly account: number,
    private readonly params: HouseQuoteParams,
  ) {}

  /** Replace this market's house quotes with fresh ones around `fair` (a probability in (0,1)). */
  quote(coreTicker: string, fair: number): void {
    this.pull(coreTicker);
    const ids: number[] = [];
    const mid = Math.round(fair * 100);
    const bid = Math.min(98, Math.max(1, mid - this.params.halfSpreadCents));
    const ask = Math.max(bid + 1, Math.min(99, mid + this.params.halfSpreadCents));
    for (let k = 0; k < this.params.levels; k++) {
      if (bid - k >= 1)
        ids.push(this.core.place(this.account, coreTicker, 'bid', bid - k, this.params.size, 'good_till_canceled', 'maker', false).coreId);
      if (ask + k <= 99)
        ids.push(this.core.place(this.account, coreTicker, 'ask', ask + k, this.params.size, 'good_till_canceled', 'maker', false).coreId);
    }
    this.live.set(coreTicker, ids);
  }

  /** Cancel this market's house quotes. */
  pull(coreTicker: string): void {
    for (const id of this.live.get(coreTicker) ?? []) this.core.cancel(id);
    this.live.delete(coreTicker);
  }
}
