import { EV_FILL } from '../../../market/book/constants.js';
import type { Exchange } from '../../../market/exchange.js';
import type { Market, Resolution } from '../../../market/market.js';
import type { TimeInForce as CoreTimeInForce } from '../../../market/orders.js';
import type { BookSide, SelfTradePrevention, TimeInForce } from '../domain/types.js';

/**
 * The ONE place where the local exchange meets the market core's order API. Everything else in the
 * server speaks Kalshi V2 on the wire and calls these functions. The core speaks V2 too (YES-book
 * bid/ask, a required time in force, post-only, amend with Kalshi's count); this file maps Kalshi's
 * wire names onto it and reads the core's trade tape and book events.
 */

const TIF: Readonly<Record<TimeInForce, CoreTimeInForce>> = { good_till_canceled: 'gtc', immediate_or_cancel: 'ioc', fill_or_kill: 'fok' };

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

export class CoreAdapter {
  constructor(readonly exchange: Exchange) {}

  /** List a market in the core (static and replayed markets). */
  listMarket(ticker: string, title: string): void {
    this.exchange.listMarket({ ticker, title });
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
  place(
    accountId: number,
    coreTicker: string,
    side: BookSide,
    yesPrice: number,
    count: number,
    tif: TimeInForce,
    stp: SelfTradePrevention,
    postOnly: boolean,
  ): CorePlacement {
    const ack = this.exchange.submitOrder(accountId, {
      ticker: coreTicker,
      side,
      price: yesPrice,
      count,
      timeInForce: TIF[tif],
      selfTradePrevention: stp,
      postOnly,
    });
    return { coreId: ack.orderId, filled: ack.fillCount, resting: ack.remainingCount };
  }

  /** Cancel; returns the contracts removed (0 when it was no longer resting). */
  cancel(coreId: number): number {
    return this.exchange.isOpen(coreId) ? this.exchange.cancelOrder(coreId) : 0;
  }

  /** Reduce the resting remainder by `by`; returns what remains. */
  decrease(coreId: number, by: number): number {
    return this.exchange.decreaseOrder(coreId, by);
  }

  /** Amend with Kalshi's count (filled + desired remaining); returns what rests after matching. */
  amend(coreId: number, yesPrice: number, count: number): number {
    return this.exchange.amendOrder(coreId, { price: yesPrice, count }).remainingCount;
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
      takerSide: t.takerSide,
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

  positions(
    accountId: number,
  ): Array<{ market: number; qty: number; costBasis: number; realizedPnl: number; feesPaid: number; volume: number }> {
    const a = this.exchange.accountRef(accountId);
    return [...a.positions.entries()].map(([market, p]) => ({
      market,
      qty: p.qty,
      costBasis: p.costBasis,
      realizedPnl: p.realizedPnl,
      feesPaid: p.feesPaid,
      volume: p.volume,
    }));
  }
}
