/**
 * A deliberately naive order book (arrays, linear scans, sorting) used only as an oracle: the real
 * book must produce the same fills and the same resting orders for any sequence of commands.
 */
export interface RefOrder {
  id: number;
  owner: number;
  side: 0 | 1;
  price: number;
  qty: number;
  time: number;
}
export interface RefFill {
  maker: number;
  taker: number;
  price: number;
  qty: number;
}

export class ReferenceBook {
  orders: RefOrder[] = [];
  private clock = 0;

  /** stp: 0 none, 1 cancel taker, 2 cancel maker. tif: 0 gtc, 1 ioc, 2 fok. */
  submit(id: number, owner: number, side: 0 | 1, price: number, qty: number, tif: number, stp: number): RefFill[] {
    const crosses = (o: RefOrder) => (side === 0 ? o.side === 1 && o.price <= price : o.side === 0 && o.price >= price);
    const queue = () => this.orders.filter(crosses).sort((a, b) => (side === 0 ? a.price - b.price : b.price - a.price) || a.time - b.time);
    if (tif === 2) {
      let avail = 0;
      for (const o of queue()) {
        if (stp !== 0 && o.owner === owner) {
          if (stp === 1) break;
          continue;
        }
        avail += o.qty;
      }
      if (avail < qty) return [];
    }
    const fills: RefFill[] = [];
    let remaining = qty;
    for (const o of queue()) {
      if (remaining === 0) break;
      if (stp !== 0 && o.owner === owner) {
        if (stp === 1) {
          remaining = 0;
          break;
        }
        this.orders = this.orders.filter((x) => x !== o);
        continue;
      }
      const f = Math.min(o.qty, remaining);
      fills.push({ maker: o.id, taker: id, price: o.price, qty: f });
      o.qty -= f;
      remaining -= f;
      if (o.qty === 0) this.orders = this.orders.filter((x) => x !== o);
    }
    if (remaining > 0 && tif === 0) this.orders.push({ id, owner, side, price, qty: remaining, time: this.clock++ });
    return fills;
  }

  cancel(id: number): boolean {
    const n = this.orders.length;
    this.orders = this.orders.filter((o) => o.id !== id);
    return this.orders.length < n;
  }

  decrease(id: number, by: number): void {
    const o = this.orders.find((x) => x.id === id)!;
    if (by >= o.qty) this.cancel(id);
    else o.qty -= by;
  }

  amend(id: number, price: number, qty: number, stp: number): RefFill[] {
    const o = this.orders.find((x) => x.id === id)!;
    if (price === o.price && qty <= o.qty) {
      o.qty = qty;
      return [];
    }
    this.cancel(id);
    return this.submit(id, o.owner, o.side, price, qty, 0, stp);
  }

  resting(side: 0 | 1): Array<[number, number, number]> {
    return this.orders
      .filter((o) => o.side === side)
      .sort((a, b) => (side === 0 ? b.price - a.price : a.price - b.price) || a.time - b.time)
      .map((o) => [o.id, o.price, o.qty]);
  }
}
