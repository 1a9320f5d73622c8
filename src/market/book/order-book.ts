import { OrderRejectedError } from '../../core/errors.js';
import { assertPrice, assertQuantity, CENT_GRID, type TickGrid } from '../grid.js';
import {
  BUY,
  CANCEL_DECREASE_TO_ZERO,
  CANCEL_FOK_UNFILLED,
  CANCEL_IOC_REMAINDER,
  CANCEL_STP_MAKER,
  CANCEL_STP_TAKER,
  CANCEL_USER,
  EV_CANCEL,
  EV_FILL,
  FOK,
  GTC,
  IOC,
  MAX_RESTING_ORDERS,
  SELL,
  SLOT_SPACE,
  STP_CANCEL_MAKER,
  STP_CANCEL_TAKER,
  STP_NONE,
  type BookSideCode,
  type StpCode,
  type TimeInForceCode,
} from './constants.js';
import { BookEventBuffer } from './events.js';
import { LevelBitset } from './level-bitset.js';
import { Slab } from './slab.js';

const FLAG_POST_ONLY = 4; // low two bits hold the STP code

/** Result of the last submit/amend, read from `book.last` right after the call. */
export interface SubmitOutcome {
  orderId: number;
  filled: number;
  resting: number;
  canceled: number;
  /** Why the incoming order's remainder was canceled (a CANCEL_* code), or −1 when nothing was. */
  cancelReason: number;
}

/**
 * A price-time-priority limit order book for one binary contract, in YES-price space.
 *
 * Pure data structure: it matches and reports, and knows nothing of accounts, fees or agents.
 * Every mutating call first clears `events`, then appends the fills and cancels it caused.
 *
 * Layout (see PERFORMANCE_ANCHORS.md §5): one FIFO per (side, price) level as an intrusive doubly
 * linked list over a struct-of-arrays order pool, so add, cancel and fill are O(1) and nothing is
 * allocated per message; an occupancy bitset re-seats the best price when a level empties.
 * Written by hand because no npm order book offers O(1) cancels on a fixed tick grid
 * (nodejs-order-book re-indexes the whole level on every removal).
 */
export class OrderBook {
  readonly grid: TickGrid;
  /** The events of the last mutating call (an exchange shares one buffer among all its books). */
  readonly events: BookEventBuffer;
  readonly last: SubmitOutcome = { orderId: 0, filled: 0, resting: 0, canceled: 0, cancelReason: -1 };

  private readonly units: number;
  // Levels, indexed side * units + price. Slot 0 is the null link.
  private readonly lvHead: Int32Array;
  private readonly lvTail: Int32Array;
  private readonly lvCount: Int32Array;
  private readonly lvQty: Float64Array;
  private readonly occupied: [LevelBitset, LevelBitset];
  private bidPrice = 0;
  private askPrice: number;

  // Order pool (struct of arrays).
  private capacity: number;
  private oNext: Int32Array;
  private oPrev: Int32Array;
  private oQty: Float64Array;
  private oPrice: Int32Array;
  private oSide: Uint8Array;
  private oFlags: Uint8Array;
  private oOwner: Int32Array;
  private oId: Float64Array;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private nextUnusedSlot = 1;
  /** Where order ids come from: shared by every book of an exchange, so ids are unique across markets. */
  private readonly ids: OrderIdSequence;
  private resting = 0;

  constructor(
    grid: TickGrid = CENT_GRID,
    initialCapacity = 1024,
    ids: OrderIdSequence = { last: 0 },
    events: BookEventBuffer = new BookEventBuffer(),
  ) {
    this.ids = ids;
    this.events = events;
    this.grid = grid;
    this.units = grid.unitsPerContract;
    const n = 2 * this.units;
    const words = LevelBitset.wordsFor(this.units);
    const levels = Slab.of(8 * n, 4 * n, 4 * n, 4 * n, 4 * words, 4 * words);
    this.lvQty = levels.f64(n);
    this.lvHead = levels.i32(n);
    this.lvTail = levels.i32(n);
    this.lvCount = levels.i32(n);
    this.occupied = [new LevelBitset(this.units, levels.u32(words)), new LevelBitset(this.units, levels.u32(words))];
    this.askPrice = this.units;
    this.capacity = Math.max(16, Math.min(initialCapacity, SLOT_SPACE));
    const pool = poolSlab(this.capacity);
    this.oQty = pool.f64(this.capacity);
    this.oId = pool.f64(this.capacity);
    this.oNext = pool.i32(this.capacity);
    this.oPrev = pool.i32(this.capacity);
    this.oPrice = pool.i32(this.capacity);
    this.oOwner = pool.i32(this.capacity);
    this.freeSlots = pool.i32(this.capacity);
    this.oSide = pool.u8(this.capacity);
    this.oFlags = pool.u8(this.capacity);
  }

  // ---------------------------------------------------------------- queries

  /** Best YES bid in ticks, or 0 when there are no bids. */
  bestBid(): number {
    return this.bidPrice;
  }

  /** Best YES ask in ticks, or `unitsPerContract` when there are no asks. */
  bestAsk(): number {
    return this.askPrice;
  }

  hasBid(): boolean {
    return this.bidPrice > 0;
  }

  hasAsk(): boolean {
    return this.askPrice < this.units;
  }

  /** Number of resting orders. */
  get restingOrders(): number {
    return this.resting;
  }

  levelQty(side: BookSideCode, price: number): number {
    return this.lvQty[side * this.units + price] ?? 0;
  }

  levelOrders(side: BookSideCode, price: number): number {
    return this.lvCount[side * this.units + price] ?? 0;
  }

  /** Total resting contracts on one side. */
  sideQty(side: BookSideCode): number {
    let total = 0;
    const base = side * this.units;
    for (let p = 1; p < this.units; p++) total += this.lvQty[base + p]!;
    return total;
  }

  /** True when `orderId` is resting in this book. */
  has(orderId: number): boolean {
    return this.slotOf(orderId) > 0;
  }

  /** A resting order's state, or undefined when it is not resting. */
  order(orderId: number): RestingOrder | undefined {
    const s = this.slotOf(orderId);
    if (s === 0) return undefined;
    return {
      orderId,
      owner: this.oOwner[s]!,
      side: this.oSide[s] === BUY ? 'bid' : 'ask',
      price: this.oPrice[s]!,
      qty: this.oQty[s]!,
      queuePosition: this.queueAhead(s),
    };
  }

  /** Contracts resting ahead of this order at its price level. */
  queueAhead(slot: number): number {
    let ahead = 0;
    for (let s = this.oPrev[slot]!; s !== 0; s = this.oPrev[s]!) ahead += this.oQty[s]!;
    return ahead;
  }

  /** Resting orders on one side in priority order (best price first, then time). */
  orders(side: BookSideCode): RestingOrder[] {
    const out: RestingOrder[] = [];
    const base = side * this.units;
    const step = side === BUY ? -1 : 1;
    for (let p = side === BUY ? this.units - 1 : 1; p > 0 && p < this.units; p += step) {
      let ahead = 0;
      for (let s = this.lvHead[base + p]!; s !== 0; s = this.oNext[s]!) {
        out.push({
          orderId: this.oId[s]!,
          owner: this.oOwner[s]!,
          side: side === BUY ? 'bid' : 'ask',
          price: p,
          qty: this.oQty[s]!,
          queuePosition: ahead,
        });
        ahead += this.oQty[s]!;
      }
    }
    return out;
  }

  /** Aggregated levels of one side, best first: [price, qty, orders]. */
  levels(side: BookSideCode, maxLevels = Infinity): Array<[price: number, qty: number, orders: number]> {
    const out: Array<[number, number, number]> = [];
    const base = side * this.units;
    const step = side === BUY ? -1 : 1;
    for (let p = side === BUY ? this.units - 1 : 1; p > 0 && p < this.units && out.length < maxLevels; p += step) {
      const q = this.lvQty[base + p]!;
      if (q > 0) out.push([p, q, this.lvCount[base + p]!]);
    }
    return out;
  }

  // ---------------------------------------------------------------- commands

  /**
   * Submit a limit order. Returns its id (ids grow with time). Fills and cancels are in `events`,
   * totals in `last`. Throws {@link OrderRejectedError} (book unchanged) on invalid input or a
   * post-only order that would cross.
   */
  submit(
    owner: number,
    side: BookSideCode,
    price: number,
    qty: number,
    tif: TimeInForceCode = GTC,
    stp: StpCode = STP_CANCEL_TAKER,
    postOnly = false,
  ): number {
    this.validateNew(owner, side, price, qty, tif, stp);
    const crosses = side === BUY ? price >= this.askPrice : price <= this.bidPrice;
    if (postOnly && crosses) {
      throw new OrderRejectedError(
        'POST_ONLY_WOULD_CROSS',
        `post-only ${side === BUY ? 'bid' : 'ask'} at ${price} would cross the best ${side === BUY ? 'ask' : 'bid'} ${side === BUY ? this.askPrice : this.bidPrice}`,
        { price },
      );
    }
    if (this.ids.last >= 2 ** 31 - 1)
      throw new OrderRejectedError('CAPACITY_EXCEEDED', 'these books have issued 2^31 order ids; start a new exchange');
    if (tif === GTC && this.resting >= MAX_RESTING_ORDERS) {
      throw new OrderRejectedError('CAPACITY_EXCEEDED', `the book already holds ${MAX_RESTING_ORDERS} resting orders`);
    }
    this.events.reset();
    this.stoppedBySelfTrade = false;
    const last = this.last;
    last.filled = 0;
    last.resting = 0;
    last.canceled = 0;
    last.cancelReason = -1;

    // GTC orders may rest, so they get a slot now (their id encodes it); IOC/FOK never rest: slot 0.
    const slot = tif === GTC ? this.allocSlot() : 0;
    const id = ++this.ids.last * SLOT_SPACE + slot;
    last.orderId = id;

    // a FOK order that does not cross finds nothing fillable (0 < qty) and is canceled whole too
    if (tif === FOK && this.fillableQty(owner, side, price, stp) < qty) {
      this.events.push(EV_CANCEL, id, owner, 0, 0, price, qty, side, CANCEL_FOK_UNFILLED);
      last.canceled = qty;
      last.cancelReason = CANCEL_FOK_UNFILLED;
      return id;
    }

    let remaining = crosses ? this.match(id, owner, side, price, qty, stp) : qty;
    last.filled = qty - remaining;
    if (remaining > 0 && this.stoppedBySelfTrade) {
      this.events.push(EV_CANCEL, id, owner, 0, 0, price, remaining, side, CANCEL_STP_TAKER);
      last.canceled = remaining;
      last.cancelReason = CANCEL_STP_TAKER;
      remaining = 0;
    }
    if (remaining > 0) {
      if (tif === GTC) {
        this.oId[slot] = id;
        this.oOwner[slot] = owner;
        this.oSide[slot] = side;
        this.oPrice[slot] = price;
        this.oQty[slot] = remaining;
        this.oFlags[slot] = stp | (postOnly ? FLAG_POST_ONLY : 0);
        this.link(slot, side, price);
        last.resting = remaining;
        return id;
      }
      this.events.push(EV_CANCEL, id, owner, 0, 0, price, remaining, side, CANCEL_IOC_REMAINDER);
      last.canceled = remaining;
      last.cancelReason = CANCEL_IOC_REMAINDER;
    }
    if (slot !== 0) this.freeSlot(slot);
    return id;
  }

  /** Cancel a resting order. Returns the contracts removed. */
  cancel(orderId: number): number {
    const s = this.requireSlot(orderId);
    this.events.reset();
    const qty = this.oQty[s]!;
    this.events.push(EV_CANCEL, orderId, this.oOwner[s]!, 0, 0, this.oPrice[s]!, qty, this.oSide[s]!, CANCEL_USER);
    this.unlink(s);
    this.freeSlot(s);
    return qty;
  }

  /** Reduce a resting order by `by` contracts, keeping its queue priority. Returns the new remaining quantity (0 = canceled). */
  decrease(orderId: number, by: number): number {
    const s = this.requireSlot(orderId);
    assertQuantity(by, 'reduce_by');
    this.events.reset();
    const qty = this.oQty[s]!;
    if (by >= qty) {
      this.events.push(EV_CANCEL, orderId, this.oOwner[s]!, 0, 0, this.oPrice[s]!, qty, this.oSide[s]!, CANCEL_DECREASE_TO_ZERO);
      this.unlink(s);
      this.freeSlot(s);
      return 0;
    }
    this.oQty[s] = qty - by;
    this.lvQty[this.oSide[s]! * this.units + this.oPrice[s]!] -= by;
    return qty - by;
  }

  /**
   * Change a resting order's price and/or remaining quantity; the id stays the same.
   * Same price and a smaller quantity keeps queue priority (it is a decrease). A new price or a larger
   * quantity loses priority: the order goes to the back of its (new) level, and at a crossing price it
   * trades first as a taker. A post-only order that would cross is rejected and left unchanged.
   */
  amend(orderId: number, price: number, qty: number): number {
    const s = this.requireSlot(orderId);
    assertPrice(this.grid, price);
    assertQuantity(qty);
    const side = this.oSide[s]! as BookSideCode;
    const oldPrice = this.oPrice[s]!;
    const oldQty = this.oQty[s]!;
    const flags = this.oFlags[s]!;
    const owner = this.oOwner[s]!;
    if (price === oldPrice && qty <= oldQty) {
      const remaining = qty === oldQty ? (this.events.reset(), oldQty) : this.decrease(orderId, oldQty - qty);
      this.last.orderId = orderId;
      this.last.filled = 0;
      this.last.resting = remaining;
      this.last.canceled = 0;
      this.last.cancelReason = -1;
      return remaining;
    }
    const crosses = side === BUY ? price >= this.askPrice : price <= this.bidPrice;
    if (crosses && (flags & FLAG_POST_ONLY) !== 0) {
      throw new OrderRejectedError('POST_ONLY_WOULD_CROSS', `amending post-only order ${orderId} to ${price} would cross`, {
        orderId,
        price,
      });
    }
    this.events.reset();
    this.stoppedBySelfTrade = false;
    this.unlink(s);
    let remaining = crosses ? this.match(orderId, owner, side, price, qty, (flags & 3) as StpCode) : qty;
    const last = this.last;
    last.orderId = orderId;
    last.filled = qty - remaining;
    last.canceled = 0;
    last.cancelReason = -1;
    if (remaining > 0 && this.stoppedBySelfTrade) {
      this.events.push(EV_CANCEL, orderId, owner, 0, 0, price, remaining, side, CANCEL_STP_TAKER);
      last.canceled = remaining;
      last.cancelReason = CANCEL_STP_TAKER;
      remaining = 0;
    }
    if (remaining > 0) {
      this.oPrice[s] = price;
      this.oQty[s] = remaining;
      this.link(s, side, price);
    } else {
      this.freeSlot(s);
    }
    last.resting = remaining;
    return remaining;
  }

  /** Cancel every resting order (e.g. when the market closes), reporting each with `reason`. */
  cancelAll(reason: number = CANCEL_USER): number {
    this.events.reset();
    let removed = 0;
    for (const side of [BUY, SELL] as const) {
      const base = side * this.units;
      for (let p = 1; p < this.units; p++) {
        let s = this.lvHead[base + p]!;
        while (s !== 0) {
          const next = this.oNext[s]!;
          removed += this.oQty[s]!;
          this.events.push(EV_CANCEL, this.oId[s]!, this.oOwner[s]!, 0, 0, p, this.oQty[s]!, side, reason);
          this.unlink(s);
          this.freeSlot(s);
          s = next;
        }
      }
    }
    return removed;
  }

  // ---------------------------------------------------------------- internals

  private stoppedBySelfTrade = false;

  /** Match an incoming order against the opposite side up to `limit`. Returns the unfilled quantity. */
  private match(takerId: number, owner: number, side: BookSideCode, limit: number, qty: number, stp: StpCode): number {
    // submit and amend clear stoppedBySelfTrade before they call this
    const units = this.units;
    const lvHead = this.lvHead;
    const lvQty = this.lvQty;
    const oQty = this.oQty;
    const oNext = this.oNext;
    const oOwner = this.oOwner;
    const events = this.events;
    let remaining = qty;
    if (side === BUY) {
      while (remaining > 0 && this.askPrice <= limit) {
        const p = this.askPrice;
        const idx = SELL * units + p;
        let s = lvHead[idx]!;
        while (s !== 0 && remaining > 0) {
          if (stp !== STP_NONE && oOwner[s] === owner) {
            if (stp === STP_CANCEL_TAKER) {
              this.stoppedBySelfTrade = true;
              return remaining;
            }
            const next = oNext[s]!;
            events.push(EV_CANCEL, this.oId[s]!, owner, 0, 0, p, oQty[s]!, SELL, CANCEL_STP_MAKER);
            this.unlink(s);
            this.freeSlot(s);
            s = next;
            continue;
          }
          const mq = oQty[s]!;
          const f = Math.min(mq, remaining);
          remaining -= f;
          events.push(EV_FILL, this.oId[s]!, oOwner[s]!, takerId, owner, p, f, BUY, mq - f);
          if (f === mq) {
            const next = oNext[s]!;
            this.unlink(s);
            this.freeSlot(s);
            s = next;
          } else {
            oQty[s] = mq - f;
            lvQty[idx] -= f;
          }
        }
      }
    } else {
      // limit ≥ 1, so an empty bid side (bidPrice 0) ends the loop
      while (remaining > 0 && this.bidPrice >= limit) {
        const p = this.bidPrice;
        const idx = p; // BUY * units + p
        let s = lvHead[idx]!;
        while (s !== 0 && remaining > 0) {
          if (stp !== STP_NONE && oOwner[s] === owner) {
            if (stp === STP_CANCEL_TAKER) {
              this.stoppedBySelfTrade = true;
              return remaining;
            }
            const next = oNext[s]!;
            events.push(EV_CANCEL, this.oId[s]!, owner, 0, 0, p, oQty[s]!, BUY, CANCEL_STP_MAKER);
            this.unlink(s);
            this.freeSlot(s);
            s = next;
            continue;
          }
          const mq = oQty[s]!;
          const f = Math.min(mq, remaining);
          remaining -= f;
          events.push(EV_FILL, this.oId[s]!, oOwner[s]!, takerId, owner, p, f, SELL, mq - f);
          if (f === mq) {
            const next = oNext[s]!;
            this.unlink(s);
            this.freeSlot(s);
            s = next;
          } else {
            oQty[s] = mq - f;
            lvQty[idx] -= f;
          }
        }
      }
    }
    return remaining;
  }

  /** Contracts a fill-or-kill order could take right now, honoring self-trade prevention. */
  private fillableQty(owner: number, side: BookSideCode, limit: number, stp: StpCode): number {
    const opp = side === BUY ? SELL : BUY;
    const base = opp * this.units;
    let total = 0;
    const step = side === BUY ? 1 : -1;
    // limit ≥ 1: a sell stops at the empty bid side's price 0, a buy at the empty ask side's unitsPerContract
    for (let p = side === BUY ? this.askPrice : this.bidPrice; side === BUY ? p <= limit : p >= limit; p += step) {
      if (stp === STP_NONE) {
        total += this.lvQty[base + p]!;
        continue;
      }
      for (let s = this.lvHead[base + p]!; s !== 0; s = this.oNext[s]!) {
        if (this.oOwner[s] === owner) {
          if (stp === STP_CANCEL_TAKER) return total;
          continue;
        }
        total += this.oQty[s]!;
      }
    }
    return total;
  }

  private link(s: number, side: BookSideCode, price: number): void {
    const idx = side * this.units + price;
    const tail = this.lvTail[idx]!;
    this.oPrev[s] = tail;
    this.oNext[s] = 0;
    if (tail === 0) {
      this.lvHead[idx] = s;
      this.occupied[side].set(price);
      if (side === BUY) this.bidPrice = Math.max(this.bidPrice, price);
      else this.askPrice = Math.min(this.askPrice, price);
    } else {
      this.oNext[tail] = s;
    }
    this.lvTail[idx] = s;
    this.lvCount[idx]++;
    this.lvQty[idx] += this.oQty[s]!;
    this.resting++;
  }

  private unlink(s: number): void {
    const side = this.oSide[s]! as BookSideCode;
    const price = this.oPrice[s]!;
    const idx = side * this.units + price;
    const prev = this.oPrev[s]!;
    const next = this.oNext[s]!;
    if (prev === 0) this.lvHead[idx] = next;
    else this.oNext[prev] = next;
    if (next === 0) this.lvTail[idx] = prev;
    else this.oPrev[next] = prev;
    this.lvQty[idx] -= this.oQty[s]!;
    this.resting--;
    // quantities are whole numbers below 2^53 in total, so an empty level's sum is exactly 0 again
    if (--this.lvCount[idx]! === 0) {
      const bits = this.occupied[side];
      bits.clear(price);
      if (side === BUY) {
        if (price === this.bidPrice) this.bidPrice = bits.highestAtOrBelow(price - 1);
      } else if (price === this.askPrice) {
        const next = bits.lowestAtOrAbove(price + 1);
        this.askPrice = next < 0 ? this.units : next;
      }
    }
  }

  private allocSlot(): number {
    if (this.freeTop > 0) return this.freeSlots[--this.freeTop]!;
    if (this.nextUnusedSlot === this.capacity) this.growPool();
    return this.nextUnusedSlot++;
  }

  private freeSlot(s: number): void {
    this.oId[s] = 0;
    this.freeSlots[this.freeTop++] = s;
  }

  private growPool(): void {
    const n = Math.min(this.capacity * 2, SLOT_SPACE);
    const pool = poolSlab(n);
    const grow = <A extends Int32Array | Float64Array | Uint8Array>(a: A, b: A): A => {
      b.set(a);
      return b;
    };
    this.oQty = grow(this.oQty, pool.f64(n));
    this.oId = grow(this.oId, pool.f64(n));
    this.oNext = grow(this.oNext, pool.i32(n));
    this.oPrev = grow(this.oPrev, pool.i32(n));
    this.oPrice = grow(this.oPrice, pool.i32(n));
    this.oOwner = grow(this.oOwner, pool.i32(n));
    this.freeSlots = grow(this.freeSlots, pool.i32(n));
    this.oSide = grow(this.oSide, pool.u8(n));
    this.oFlags = grow(this.oFlags, pool.u8(n));
    this.capacity = n;
  }

  private slotOf(orderId: number): number {
    // low 22 bits without a float modulo (which V8 compiles to a C call). Every id held in oId is a positive
    // integer below 2^31 · SLOT_SPACE and slot 0 holds none, so anything else (0, negative, fractional, NaN,
    // too large) misses: a typed array reads undefined at a fractional or out-of-range index
    const s = orderId - ((orderId / SLOT_SPACE) | 0) * SLOT_SPACE;
    return this.oId[s] === orderId ? s : 0;
  }

  private requireSlot(orderId: number): number {
    const s = this.slotOf(orderId);
    if (s === 0) {
      throw new OrderRejectedError('UNKNOWN_ORDER', `order ${String(orderId)} is not resting in this book (unknown, filled or canceled)`, {
        orderId,
      });
    }
    return s;
  }

  private validateNew(owner: number, side: number, price: number, qty: number, tif: number, stp: number): void {
    if (side !== BUY && side !== SELL) {
      throw new OrderRejectedError('INVALID_SIDE', `side must be 0 (buy YES) or 1 (sell YES), got ${String(side)}`, { side });
    }
    assertPrice(this.grid, price);
    assertQuantity(qty);
    if (!Number.isInteger(owner) || owner < 0) {
      throw new OrderRejectedError('UNKNOWN_ACCOUNT', `owner must be a non-negative integer account id, got ${String(owner)}`, { owner });
    }
    if (tif !== GTC && tif !== IOC && tif !== FOK) {
      throw new OrderRejectedError('INVALID_ORDER_TYPE', `time in force must be GTC, IOC or FOK, got ${String(tif)}`, { tif });
    }
    if (stp !== STP_NONE && stp !== STP_CANCEL_TAKER && stp !== STP_CANCEL_MAKER) {
      throw new OrderRejectedError(
        'INVALID_ORDER_TYPE',
        `self-trade prevention must be none, cancel_taker or cancel_maker, got ${String(stp)}`,
        { stp },
      );
    }
  }
}

/** One buffer for the order pool's nine columns of `capacity` entries. */
function poolSlab(capacity: number): Slab {
  return Slab.of(8 * capacity, 8 * capacity, 4 * capacity, 4 * capacity, 4 * capacity, 4 * capacity, 4 * capacity, capacity, capacity);
}

/** The counter behind order ids (ids grow with time; the low bits hold the order's slot in its book). */
export interface OrderIdSequence {
  last: number;
}

/** A resting order as plain data. */
export interface RestingOrder {
  readonly orderId: number;
  readonly owner: number;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  readonly qty: number;
  /** Contracts ahead of it at its level. */
  readonly queuePosition: number;
}
