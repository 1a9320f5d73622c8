import { midPrice, type BookUpdate } from './market-data.js';
import type { PortfolioView, PositionView } from './strategy.js';
import type { Venue } from './venue.js';

/**
 * The strategy's account as the venue keeps it, with open positions marked at the mid of the last book
 * seen for their market (a YES holding is worth qty × mid, a NO holding qty × (units − mid)); a market
 * with no book yet is marked at what its contracts cost.
 */
export class AccountPortfolio implements PortfolioView {
  constructor(
    private readonly venue: Venue,
    private readonly books: ReadonlyMap<string, BookUpdate>,
  ) {}

  get cash(): number {
    return this.venue.account.cash;
  }

  get reserved(): number {
    return this.venue.account.reserved;
  }

  get feesPaid(): number {
    return this.venue.account.feesPaid;
  }

  positions(): readonly PositionView[] {
    return this.venue.account.positions();
  }

  get equity(): number {
    const account = this.venue.account;
    let e = account.cash + account.reserved;
    for (const p of account.positions()) e += this.markValue(p);
    return e;
  }

  /** Value of one holding at its market's last mid. */
  markValue(p: PositionView): number {
    if (p.qty === 0) return 0;
    const mid = midPrice(this.books.get(p.ticker));
    if (mid === undefined) return p.costBasis;
    return p.qty > 0 ? p.qty * mid : -p.qty * (this.venue.instrument(p.ticker).grid.unitsPerContract - mid);
  }
}
