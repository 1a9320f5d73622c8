import { BUY, OrderBook, Rng, SELL, STP_NONE, EV_FILL } from '../../src/index.js';

const NEW = 0;
export const CANCEL = 1;

/** A pre-generated message stream in typed arrays, identical for every engine. */
export interface Stream {
  readonly n: number;
  readonly kind: Uint8Array;
  readonly side: Uint8Array;
  readonly price: Int32Array;
  readonly qty: Int32Array;
  /** For a cancel: the index of the message that created the order. */
  readonly ref: Int32Array;
  readonly stats: { newOrders: number; cancels: number; crossing: number; fills: number; restingAtEnd: number };
}

/**
 * The workload of PERFORMANCE_ANCHORS.md §3: a fair value that random-walks ±1¢ (p = 0.002 per
 * message); passive orders at fair ± (1 + ⌊Exp(3)⌋); ~12% marketable orders 1–4 ticks through fair;
 * sizes 1 + ⌊Exp(25)⌋; cancels pick a random live order with a probability that holds the resting
 * count near `targetResting`. A book replays the stream while generating so cancels only name live
 * orders (the reference for liveness is our book; the peer's final state is checked against it).
 */
export function generateStream(n: number, targetResting: number, seed = 1): Stream {
  const rng = Rng.derive(seed, 'orderbook-bench', targetResting);
  const kind = new Uint8Array(n);
  const side = new Uint8Array(n);
  const price = new Int32Array(n);
  const qty = new Int32Array(n);
  const ref = new Int32Array(n);
  const book = new OrderBook();
  const liveMsg: number[] = []; // message index of each live order
  const posOf = new Map<number, number>(); // order id -> position in liveMsg
  const idOf = new Float64Array(n);
  const msgOfId = new Map<number, number>();
  let fair = 50;
  let crossing = 0;
  let fills = 0;
  let cancels = 0;
  const removeLive = (id: number): void => {
    const pos = posOf.get(id)!;
    const lastMsg = liveMsg.pop()!;
    if (pos < liveMsg.length) {
      liveMsg[pos] = lastMsg;
      posOf.set(idOf[lastMsg]!, pos);
    }
    posOf.delete(id);
  };
  for (let i = 0; i < n; i++) {
    if (rng.float() < 0.002) fair = Math.min(85, Math.max(15, fair + (rng.bernoulli(0.5) ? 1 : -1)));
    const live = liveMsg.length;
    const pCancel = Math.min(0.6, (0.35 * live) / targetResting);
    if (live > 0 && rng.float() < pCancel) {
      const m = liveMsg[rng.int(0, live - 1)]!;
      kind[i] = CANCEL;
      ref[i] = m;
      book.cancel(idOf[m]!);
      removeLive(idOf[m]!);
      cancels++;
      continue;
    }
    const s = rng.bernoulli(0.5) ? BUY : SELL;
    const marketable = rng.float() < 0.12;
    const k = marketable ? rng.int(1, 4) : 1 + Math.floor(rng.exponential(3));
    const p = Math.min(99, Math.max(1, s === BUY ? (marketable ? fair + k : fair - k) : marketable ? fair - k : fair + k));
    const q = 1 + Math.floor(rng.exponential(25));
    kind[i] = NEW;
    side[i] = s;
    price[i] = p;
    qty[i] = q;
    const id = book.submit(0, s, p, q, 0, STP_NONE);
    idOf[i] = id;
    msgOfId.set(id, i);
    const ev = book.events;
    if (ev.length > 0) crossing++;
    for (let e = 0; e < ev.length; e++) {
      if (ev.kind[e] !== EV_FILL) continue;
      fills++;
      if (ev.extra[e] === 0) removeLive(ev.orderId[e]!);
    }
    if (book.last.resting > 0) {
      posOf.set(id, liveMsg.length);
      liveMsg.push(i);
    }
  }
  return { n, kind, side, price, qty, ref, stats: { newOrders: n - cancels, cancels, crossing, fills, restingAtEnd: book.restingOrders } };
}
