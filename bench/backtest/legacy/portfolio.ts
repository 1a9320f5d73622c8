// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import { settlementValue, type Resolution } from './events.js';

interface Holding {
  qty: number; // + YES, − NO
  cost: number; // cents paid for what is held
  gameId: string;
  isHome: boolean;
  mid: number;
}

/**
 * Cash and positions of a backtest, in cents. Buying YES at p costs p, buying NO at q costs q (the NO
 * price); positions are signed per market (+YES, −NO) and settle at 100/0 (50 for a tie).
 */
export class Portfolio {
  cash: number;
  feesPaid = 0;
  private readonly holdings = new Map<string, Holding>();

  constructor(readonly startingCash: number) {
    if (!(startingCash > 0)) throw new RangeError(`starting cash must be positive, got ${startingCash}`);
    this.cash = startingCash;
  }

  position(market: string): number {
    return this.holdings.get(market)?.qty ?? 0;
  }

  /** Update the mark of a market (its quote mid, YES cents). */
  mark(market: string, gameId: string, isHome: boolean, mid: number): void {
    const h = this.holdings.get(market);
    if (h) h.mid = mid;
    else this.holdings.set(market, { qty: 0, cost: 0, gameId, isHome, mid });
  }

  get equity(): number {
    let e = this.cash;
    for (const h of this.holdings.values()) e += h.qty > 0 ? h.qty * h.mid : -h.qty * (100 - h.mid);
    return e;
  }

  /** Money currently at risk in open positions (their cost). */
  get exposure(): number {
    let e = 0;
    for (const h of this.holdings.values()) e += h.cost;
    return e;
  }

  /** Apply a fill: `side` YES or NO, `price` in that side's cents. */
  apply(market: string, side: 'yes' | 'no', action: 'buy' | 'sell', count: number, price: number, fees: number): void {
    const h = this.holdings.get(market);
    if (!h) throw new Error(`no quote seen for ${market}`);
    const signed = (side === 'yes') === (action === 'buy') ? count : -count;
    const cashFlow = action === 'buy' ? -count * price : count * price;
    // closing part releases cost proportionally
    if (h.qty !== 0 && Math.sign(signed) !== Math.sign(h.qty)) {
      const closing = Math.min(Math.abs(signed), Math.abs(h.qty));
      h.cost -= (h.cost * closing) / Math.abs(h.qty);
    }
    if (action === 'buy') h.cost += count * price;
    h.qty += signed;
    if (h.qty === 0) h.cost = 0;
    this.cash += cashFlow - fees;
    this.feesPaid += fees;
  }

  /** Settle every market of a resolved game; returns payout per market. */
  settle(r: Resolution): Array<{ market: string; qty: number; cost: number; payout: number }> {
    const out: Array<{ market: string; qty: number; cost: number; payout: number }> = [];
    for (const [market, h] of this.holdings) {
      if (h.gameId !== r.gameId) continue;
      const v = settlementValue(r, h.isHome);
      const payout = h.qty > 0 ? h.qty * v : -h.qty * (100 - v);
      if (h.qty !== 0) out.push({ market, qty: h.qty, cost: h.cost, payout });
      this.cash += payout;
      this.holdings.delete(market);
    }
    return out;
  }
}
