import { CANCEL_REASONS, EV_FILL, type CancelReason } from './constants.js';

/**
 * The events of the book's last mutating call, stored column-wise in typed arrays so the hot path
 * allocates nothing. Read them right after the call; the next call overwrites them.
 * `toArray()` turns them into plain objects for notebooks and tests.
 */
export class BookEventBuffer {
  length = 0;
  kind = new Uint8Array(64);
  /** Fill: the resting (maker) order. Cancel: the canceled order. */
  orderId = new Float64Array(64);
  owner = new Int32Array(64);
  /** Fill: the incoming (taker) order. Cancel: 0. */
  takerOrderId = new Float64Array(64);
  takerOwner = new Int32Array(64);
  /** Fill: execution price (the maker's price) in YES ticks. Cancel: the order's price. */
  price = new Int32Array(64);
  /** Fill: contracts traded. Cancel: contracts removed. */
  qty = new Float64Array(64);
  /** Fill: the taker's side (0 buy YES, 1 sell YES). Cancel: the canceled order's side. */
  side = new Uint8Array(64);
  /** Fill: the maker's remaining quantity after the fill. Cancel: the reason code. */
  extra = new Float64Array(64);

  reset(): void {
    this.length = 0;
  }

  push(
    kind: number,
    orderId: number,
    owner: number,
    takerOrderId: number,
    takerOwner: number,
    price: number,
    qty: number,
    side: number,
    extra: number,
  ): void {
    if (this.length === this.kind.length) this.grow();
    const i = this.length++;
    this.kind[i] = kind;
    this.orderId[i] = orderId;
    this.owner[i] = owner;
    this.takerOrderId[i] = takerOrderId;
    this.takerOwner[i] = takerOwner;
    this.price[i] = price;
    this.qty[i] = qty;
    this.side[i] = side;
    this.extra[i] = extra;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const grow = <A extends Uint8Array | Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.orderId = grow(this.orderId, (k) => new Float64Array(k));
    this.owner = grow(this.owner, (k) => new Int32Array(k));
    this.takerOrderId = grow(this.takerOrderId, (k) => new Float64Array(k));
    this.takerOwner = grow(this.takerOwner, (k) => new Int32Array(k));
    this.price = grow(this.price, (k) => new Int32Array(k));
    this.qty = grow(this.qty, (k) => new Float64Array(k));
    this.side = grow(this.side, (k) => new Uint8Array(k));
    this.extra = grow(this.extra, (k) => new Float64Array(k));
  }

  toArray(): BookEvent[] {
    const out: BookEvent[] = [];
    for (let i = 0; i < this.length; i++) {
      if (this.kind[i] === EV_FILL) {
        out.push({
          type: 'fill',
          makerOrderId: this.orderId[i]!,
          makerOwner: this.owner[i]!,
          takerOrderId: this.takerOrderId[i]!,
          takerOwner: this.takerOwner[i]!,
          price: this.price[i]!,
          qty: this.qty[i]!,
          takerSide: this.side[i] === 0 ? 'bid' : 'ask',
          makerRemaining: this.extra[i]!,
        });
      } else {
        out.push({
          type: 'cancel',
          orderId: this.orderId[i]!,
          owner: this.owner[i]!,
          price: this.price[i]!,
          qty: this.qty[i]!,
          side: this.side[i] === 0 ? 'bid' : 'ask',
          reason: CANCEL_REASONS[this.extra[i]!]!,
        });
      }
    }
    return out;
  }
}

/** A trade between a resting (maker) order and an incoming (taker) order, at the maker's price. */
export interface FillEvent {
  readonly type: 'fill';
  readonly makerOrderId: number;
  readonly makerOwner: number;
  readonly takerOrderId: number;
  readonly takerOwner: number;
  /** YES price in ticks. */
  readonly price: number;
  readonly qty: number;
  /** The incoming order's side: `bid` bought YES, `ask` sold YES. */
  readonly takerSide: 'bid' | 'ask';
  readonly makerRemaining: number;
}

/** An order (or its remainder) left the book without trading. */
export interface CancelEvent {
  readonly type: 'cancel';
  readonly orderId: number;
  readonly owner: number;
  readonly price: number;
  readonly qty: number;
  readonly side: 'bid' | 'ask';
  readonly reason: CancelReason;
}

export type BookEvent = FillEvent | CancelEvent;
