import type { Position } from '../market/position.js';
import type { Instrument } from '../trading/instrument.js';
import type { Fill, OrderTags } from '../trading/orders.js';

/**
 * A strategy's stake in one market, from its first fill to the market's resolution. Money in the grid's
 * units; `side` is the outcome the first fill backed (a bid buys YES, an ask sells YES = backs NO) and
 * `avgPrice` is that outcome's price. P&L comes from the market core's position: realized profit
 * (closing trades and settlement) less every fee paid in the market.
 */
export interface MarketBet {
  readonly ticker: string;
  readonly eventTicker: string | undefined;
  readonly outcome: string | undefined;
  readonly side: 'yes' | 'no';
  /** Contracts bought on the bet's side. */
  readonly contracts: number;
  readonly avgPrice: number;
  /** Money paid for those contracts. */
  readonly cost: number;
  readonly fees: number;
  /** What settlement paid for the contracts still held. */
  readonly payout: number;
  readonly pnl: number;
  /** Realized profit before fees was positive (for a bet held to settlement: payout > cost). */
  readonly won: boolean;
  readonly entryTime: number;
  /** Tags of the order behind the first fill (e.g. the model probability). */
  readonly tags: OrderTags | undefined;
  readonly settlementValue: number;
  readonly resolvedAt: number;
}

interface OpenBet {
  side: 'yes' | 'no';
  contracts: number;
  cost: number;
  entryTime: number;
  tags: OrderTags | undefined;
}

/** Collects {@link MarketBet}s from the strategy's fills and the market core's positions at settlement. */
export class BetBook {
  readonly bets: MarketBet[] = [];
  private readonly open = new Map<string, OpenBet>();

  fill(fill: Fill, units: number, tags: OrderTags | undefined): void {
    let b = this.open.get(fill.ticker);
    const side = fill.side === 'bid' ? 'yes' : 'no';
    if (b === undefined) this.open.set(fill.ticker, (b = { side, contracts: 0, cost: 0, entryTime: fill.time, tags }));
    if (side !== b.side) return;
    b.contracts += fill.count;
    b.cost += fill.count * (side === 'yes' ? fill.price : units - fill.price);
  }

  /** The market settled: `position` is the strategy's (after settlement), `payout` what it was paid. */
  settle(
    instrument: Instrument,
    position: Position | undefined,
    payout: number,
    settlementValue: number,
    time: number,
  ): MarketBet | undefined {
    const b = this.open.get(instrument.ticker);
    if (b === undefined) return undefined;
    this.open.delete(instrument.ticker);
    const units = instrument.grid.unitsPerContract;
    const fees = position?.feesPaid ?? 0;
    const realized = position?.realizedPnl ?? 0;
    const pnl = realized - fees;
    const bet: MarketBet = {
      ticker: instrument.ticker,
      eventTicker: instrument.eventTicker,
      outcome: instrument.outcome,
      side: b.side,
      contracts: b.contracts,
      avgPrice: b.contracts > 0 ? b.cost / b.contracts : 0,
      cost: b.cost,
      fees,
      payout,
      pnl,
      won: realized > 0,
      entryTime: b.entryTime,
      tags: b.tags,
      settlementValue: b.side === 'yes' ? settlementValue : units - settlementValue,
      resolvedAt: time,
    };
    this.bets.push(bet);
    return bet;
  }
}
