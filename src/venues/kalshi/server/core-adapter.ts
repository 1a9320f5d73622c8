import { BUY, EV_FILL, FOK, GTC, IOC, SELL, STP_CANCEL_MAKER, STP_CANCEL_TAKER } from '../../../market/book/constants.js';
import type { Exchange, Market, Resolution } from '../../../market/exchange.js';
import type { BookSide, SelfTradePrevention, TimeInForce } from '../domain/types.js';

/**
 * The ONE place where the local exchange meets the market core's order API. Everything else in the
 * server speaks Kalshi V2 (YES-book bid/ask, time in force, post-only, amend count = filled + remaining)
 * and calls these functions; when the core's own V2 API lands, only this file changes.
 *
 * Today's core takes YES-space orders through `Exchange.submit(account, market, side 0|1, yesPrice,
 * count, tif, stp, postOnly)`, cancels/decreases/amends by its numeric order id, and records every trade
 * with both order ids on `exchange.tape`.
 */

const TIF = { good_till_canceled: GTC, immediate_or_cancel: IOC, fill_or_kill: FOK } as const;
const STP = { taker_at_cross: STP_CANCEL_TAKER, maker: STP_CANCEL_MAKER } as const;

export interface CorePlacement {
  readonly coreId: number;
  readonly filled: number;
  readonly resting: number;
}

export interface CoreTrade {
  readonly index: number;
  readonly market: number;
  readonly yesPrice: number;
  readonly qty: number;
  readonly takerSide: BookSide;
  readonly makerAccount: number;
  readonly takerAccount: number;
  readonly makerOrderId: number;
  readonly takerOrderId: number;
}

/** Order ids each market's book may issue before running into the next market's range. */
const IDS_PER_MARKET = 2 ** 21;

export class CoreAdapter {
  constructor(readonly exchange: Exchange) {
    this.isolateOrderIds();
  }

  /**
   * Work around a market-core defect: each book numbers its orders from 1, so two markets issue the
   * same order ids, and the exchange's id-keyed map of open orders then mixes them up (a cancel or a
   * fill reaches another market's order). Until the core keys orders per market, each book here starts
   * its numbering in its own range. Call again after listing markets.
   */
  isolateOrderIds(): void {
    for (const m of this.exchange.markets) {
      const book = m.book as unknown as { seq: number };
      if (typeof book.seq === 'number' && book.seq === 0) book.seq = m.index * IDS_PER_MARKET;
    }
  }

  /** List a market in the core (static and replayed markets) and give it its own order-id range. */
  listMarket(ticker: string, title: string): void {
    this.exchange.listMarket({ ticker, title });
    this.isolateOrderIds();
  }

  market(ticker: string): Market {
    return this.exchange.market(ticker);
  }

  openAccount(name: string, cashCents: number): number {
    return this.exchange.openAccount(name, cashCents);
  }

  deposit(accountId: number, cents: number): void {
    if (cents > 0) this.exchange.deposit(accountId, cents);
  }

  /** Place a V2 order. Throws the core's OrderRejectedError (nothing changed) on a rejection. */
  place(accountId: number, coreTicker: string, side: BookSide, yesPrice: number, count: number, tif: TimeInForce, stp: SelfTradePrevention, postOnly: boolean): CorePlacement {
    const market = this.exchange.market(coreTicker);
    const coreId = this.exchange.submit(accountId, market.index, side === 'bid' ? BUY : SELL, yesPrice, count, TIF[tif], STP[stp], postOnly);
    const last = market.book.last;
    return { coreId, filled: last.filled, resting: last.resting };
  }

  /** Cancel; returns the contracts removed (0 when it was no longer resting). */
  cancel(coreId: number): number {
    return this.exchange.isOpen(coreId) ? this.exchange.cancelOrder(coreId) : 0;
  }

  /** Reduce the resting remainder by `by`; returns what remains. */
  decrease(coreId: number, by: number): number {
    return this.exchange.decreaseOrder(coreId, by);
  }

  /** Re-price / re-size a resting order to `remaining` contracts at `yesPrice`; returns what rests after matching. */
  amend(coreId: number, yesPrice: number, remaining: number): number {
    return this.exchange.amend(coreId, yesPrice, remaining);
  }

  /** Order ids the book's last call touched (fills: maker and taker; cancels, e.g. self-trade prevention). */
  lastEventOrderIds(coreTicker: string): number[] {
    const ev = this.exchange.market(coreTicker).book.events;
    const ids: number[] = [];
    for (let i = 0; i < ev.length; i++) {
      ids.push(ev.orderId[i]!);
      if (ev.kind[i] === EV_FILL) ids.push(ev.takerOrderId[i]!);
    }
    return ids;
  }

  isOpen(coreId: number): boolean {
    return this.exchange.isOpen(coreId);
  }

  remaining(coreId: number): number {
    return this.exchange.remaining(coreId);
  }

  /** Kalshi depth: YES bids and NO bids (NO prices), best first. */
  depth(coreTicker: string): { yes: Array<{ price: number; qty: number }>; no: Array<{ price: number; qty: number }> } {
    return this.exchange.depth(coreTicker);
  }

  closeMarket(coreTicker: string): void {
    this.exchange.closeMarket(coreTicker);
  }

  settle(coreTicker: string, resolution: Resolution): Map<number, number> {
    return this.exchange.settle(coreTicker, resolution);
  }

  get tradeCount(): number {
    return this.exchange.tape.length;
  }

  trade(i: number): CoreTrade {
    const t = this.exchange.tape.get(i);
    return {
      index: i,
      market: this.exchange.market(t.market).index,
      yesPrice: t.price,
      qty: t.qty,
      takerSide: t.takerSide === 'buy' ? 'bid' : 'ask',
      makerAccount: t.makerAccount,
      takerAccount: t.takerAccount,
      makerOrderId: t.makerOrderId,
      takerOrderId: t.takerOrderId,
    };
  }

  /** Free cash, reserved money and fees paid of an account, in money units (cents on the cent grid). */
  money(accountId: number): { cash: number; reserved: number; feesPaid: number } {
    const a = this.exchange.accountRef(accountId);
    return { cash: a.cash, reserved: a.reserved, feesPaid: a.feesPaid };
  }

  positions(accountId: number): Array<{ market: number; qty: number; costBasis: number; realizedPnl: number; feesPaid: number; volume: number }> {
    const a = this.exchange.accountRef(accountId);
    return [...a.positions.entries()].map(([market, p]) => ({ market, qty: p.qty, costBasis: p.costBasis, realizedPnl: p.realizedPnl, feesPaid: p.feesPaid, volume: p.volume }));
  }
}
