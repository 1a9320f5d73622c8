import type { BookSide } from '../market/orders.js';
import type { Instrument } from './instrument.js';

/**
 * Pre-trade limits a runner applies before an order reaches any venue, in money units or fractions of
 * the strategy's own equity. A stake is the money an order puts at risk if it fills at its limit: a bid
 * at p stakes p per contract, an ask at p stakes units − p per contract it would open (beyond what is held).
 */
export interface RiskLimits {
  /** Most money staked on one event (an instrument's `eventTicker`, e.g. one NFL game). */
  readonly maxStakePerEvent?: number;
  /** Most money staked in one period (an instrument's `details.period`, e.g. an NFL season-week). */
  readonly maxStakePerPeriod?: number;
  /** Stop opening positions once equity falls this far below its peak (0.3 = 30%). */
  readonly drawdownHalt?: number;
}

/** Stakes taken so far against the limits; the runner asks before sending and books what filled. */
export class RiskManager {
  private readonly perEvent = new Map<string, number>();
  private readonly perPeriod = new Map<string, number>();
  private readonly byOrder = new Map<string, { event: string; period: string; perContract: number; staked: number }>();
  private peak = Number.NEGATIVE_INFINITY;
  halted = false;

  constructor(readonly limits: RiskLimits = {}) {
    for (const [k, v] of Object.entries(limits)) {
      if (v !== undefined && !(typeof v === 'number' && v >= 0))
        throw new RangeError(`risk limit ${k} must be a non-negative number, got ${String(v)}`);
    }
  }

  observeEquity(equity: number): void {
    if (equity > this.peak) this.peak = equity;
    const dd = this.peak > 0 ? 1 - equity / this.peak : 0;
    if (this.limits.drawdownHalt !== undefined && dd >= this.limits.drawdownHalt) this.halted = true;
  }

  /**
   * Check an order that would open `opening` contracts; returns the refusal reason or undefined. On
   * acceptance the stake (at the limit price) is booked against the event and the period.
   */
  admit(
    clientOrderId: string,
    instrument: Instrument,
    side: BookSide,
    price: number,
    opening: number,
  ): 'risk_limit' | 'trading_halted' | undefined {
    if (opening <= 0) return undefined;
    if (this.halted) return 'trading_halted';
    const units = instrument.grid.unitsPerContract;
    const perContract = side === 'bid' ? price : units - price;
    const stake = perContract * opening;
    const event = instrument.eventTicker ?? instrument.ticker;
    const period = String(instrument.details?.period ?? '');
    if ((this.perEvent.get(event) ?? 0) + stake > (this.limits.maxStakePerEvent ?? Infinity)) return 'risk_limit';
    if ((this.perPeriod.get(period) ?? 0) + stake > (this.limits.maxStakePerPeriod ?? Infinity)) return 'risk_limit';
    this.book(event, period, stake);
    this.byOrder.set(clientOrderId, { event, period, perContract, staked: opening });
    return undefined;
  }

  /** An order finished having filled `filled` contracts: give back the stake of its opening contracts that never traded. */
  release(clientOrderId: string, filled: number): void {
    const o = this.byOrder.get(clientOrderId);
    if (o === undefined) return;
    this.byOrder.delete(clientOrderId);
    const back = Math.max(0, o.staked - filled) * o.perContract;
    if (back > 0) this.book(o.event, o.period, -back);
  }

  /** Money staked so far on an event. */
  stakedOnEvent(event: string): number {
    return this.perEvent.get(event) ?? 0;
  }

  private book(event: string, period: string, amount: number): void {
    this.perEvent.set(event, (this.perEvent.get(event) ?? 0) + amount);
    this.perPeriod.set(period, (this.perPeriod.get(period) ?? 0) + amount);
  }
}
