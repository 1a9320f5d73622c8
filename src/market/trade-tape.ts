import { createHash } from 'node:crypto';

/** One trade as plain data. Prices are YES prices in ticks. */
export interface Trade {
  readonly seq: number;
  readonly time: number;
  readonly market: string;
  readonly price: number;
  readonly qty: number;
  /** `bid`: the taker bought YES; `ask`: it sold YES. */
  readonly takerSide: 'bid' | 'ask';
  readonly makerAccount: number;
  readonly takerAccount: number;
  readonly makerOrderId: number;
  readonly takerOrderId: number;
}

/**
 * Every trade an exchange prints, stored column-wise (typed arrays, grown by doubling) so that
 * millions of trades cost a few bytes each. `hash()` is the SHA-256 of a canonical binary encoding,
 * used to prove two runs produced the same tape.
 */
export class TradeTape {
  length = 0;
  private time = new Float64Array(256);
  private market = new Int32Array(256);
  private price = new Int32Array(256);
  private qty = new Float64Array(256);
  private takerSide = new Uint8Array(256);
  private makerAccount = new Int32Array(256);
  private takerAccount = new Int32Array(256);
  private makerOrderId = new Float64Array(256);
  private takerOrderId = new Float64Array(256);

  constructor(private readonly tickerOf: (marketIndex: number) => string) {}

  push(
    time: number,
    market: number,
    price: number,
    qty: number,
    takerSide: number,
    makerAccount: number,
    takerAccount: number,
    makerOrderId: number,
    takerOrderId: number,
  ): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.market[i] = market;
    this.price[i] = price;
    this.qty[i] = qty;
    this.takerSide[i] = takerSide;
    this.makerAccount[i] = makerAccount;
    this.takerAccount[i] = takerAccount;
    this.makerOrderId[i] = makerOrderId;
    this.takerOrderId[i] = takerOrderId;
  }

  /** Column accessors for one trade, for hot loops that should not build objects. */
  marketAt(i: number): number {
    return this.market[i]!;
  }
  priceAt(i: number): number {
    return this.price[i]!;
  }
  qtyAt(i: number): number {
    return this.qty[i]!;
  }
  timeAt(i: number): number {
    return this.time[i]!;
  }
  takerSideAt(i: number): number {
    return this.takerSide[i]!;
  }
  makerAccountAt(i: number): number {
    return this.makerAccount[i]!;
  }
  takerAccountAt(i: number): number {
    return this.takerAccount[i]!;
  }

  get(i: number): Trade {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`trade index ${i} out of range 0..${this.length - 1}`);
    return {
      seq: i,
      time: this.time[i]!,
      market: this.tickerOf(this.market[i]!),
      price: this.price[i]!,
      qty: this.qty[i]!,
      takerSide: this.takerSide[i] === 0 ? 'bid' : 'ask',
      makerAccount: this.makerAccount[i]!,
      takerAccount: this.takerAccount[i]!,
      makerOrderId: this.makerOrderId[i]!,
      takerOrderId: this.takerOrderId[i]!,
    };
  }

  /** Trades as plain objects (all, or those from index `from`). */
  toArray(from = 0): Trade[] {
    const out: Trade[] = [];
    for (let i = from; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  /** Columns for one market, for statistics without building objects. */
  column(name: 'time' | 'price' | 'qty' | 'market'): Float64Array {
    const src = this[name];
    return Float64Array.from(src.subarray(0, this.length));
  }

  /** SHA-256 (hex) of the tape: per trade time, market, price, qty, taker side and both accounts, little-endian. */
  hash(): string {
    const h = createHash('sha256');
    const row = Buffer.alloc(8 + 4 + 4 + 8 + 1 + 4 + 4);
    for (let i = 0; i < this.length; i++) {
      let o = row.writeDoubleLE(this.time[i]!, 0);
      o = row.writeInt32LE(this.market[i]!, o);
      o = row.writeInt32LE(this.price[i]!, o);
      o = row.writeDoubleLE(this.qty[i]!, o);
      o = row.writeUInt8(this.takerSide[i]!, o);
      o = row.writeInt32LE(this.makerAccount[i]!, o);
      row.writeInt32LE(this.takerAccount[i]!, o);
      h.update(row);
    }
    return h.digest('hex');
  }

  private grow(): void {
    const n = this.time.length * 2;
    const grow = <A extends Float64Array | Int32Array | Uint8Array>(a: A, make: (k: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.market = grow(this.market, (k) => new Int32Array(k));
    this.price = grow(this.price, (k) => new Int32Array(k));
    this.qty = grow(this.qty, (k) => new Float64Array(k));
    this.takerSide = grow(this.takerSide, (k) => new Uint8Array(k));
    this.makerAccount = grow(this.makerAccount, (k) => new Int32Array(k));
    this.takerAccount = grow(this.takerAccount, (k) => new Int32Array(k));
    this.makerOrderId = grow(this.makerOrderId, (k) => new Float64Array(k));
    this.takerOrderId = grow(this.takerOrderId, (k) => new Float64Array(k));
  }
}
