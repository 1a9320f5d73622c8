import { OrderBook as PeerBook, Side } from 'nodejs-order-book';
import { BUY, GTC, OrderBook, SELL, STP_NONE } from '../../src/index.js';
import { CANCEL, type Stream } from './stream.js';

/** Final state both engines must agree on: levels per side (price, qty), order counts, best prices. */
interface FinalState {
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  orders: number;
  bestBid: number;
  bestAsk: number;
}

export interface Engine {
  readonly name: string;
  /** Replays the stream; when `latency` is given, stores per-message nanoseconds in it. */
  run(stream: Stream, latency?: Float64Array): FinalState;
}

export const ours: Engine = {
  name: 'omega-point',
  run(stream, latency) {
    const book = new OrderBook(undefined, 16_384);
    const ids = new Float64Array(stream.n);
    const { kind, side, price, qty, ref } = stream;
    if (latency === undefined) {
      for (let i = 0; i < stream.n; i++) {
        if (kind[i] === CANCEL) book.cancel(ids[ref[i]!]!);
        else ids[i] = book.submit(0, side[i] as 0 | 1, price[i]!, qty[i]!, GTC, STP_NONE);
      }
    } else {
      for (let i = 0; i < stream.n; i++) {
        const t0 = performance.now();
        if (kind[i] === CANCEL) book.cancel(ids[ref[i]!]!);
        else ids[i] = book.submit(0, side[i] as 0 | 1, price[i]!, qty[i]!, GTC, STP_NONE);
        latency[i] = (performance.now() - t0) * 1e6;
      }
    }
    return {
      bids: book.levels(BUY).map(([p, q]) => [p, q]),
      asks: book.levels(SELL).map(([p, q]) => [p, q]),
      orders: book.restingOrders,
      bestBid: book.bestBid(),
      bestAsk: book.hasAsk() ? book.bestAsk() : 0,
    };
  },
};

const idStrings: string[] = [];

/** The library keeps its sides private; their `len()` is the number of resting orders. */
function peerOrderCount(book: PeerBook): number {
  const sides = book as unknown as { bids: { len(): number }; asks: { len(): number } };
  return sides.bids.len() + sides.asks.len();
}

export const peer: Engine = {
  name: 'nodejs-order-book',
  run(stream, latency) {
    // ids are strings in this library; build them outside the timed loop
    for (let i = idStrings.length; i < stream.n; i++) idStrings.push(String(i));
    const book = new PeerBook();
    const { kind, side, price, qty, ref } = stream;
    for (let i = 0; i < stream.n; i++) {
      const t0 = latency === undefined ? 0 : performance.now();
      if (kind[i] === CANCEL) book.cancel(idStrings[ref[i]!]!);
      else book.limit({ side: side[i] === 0 ? Side.BUY : Side.SELL, id: idStrings[i]!, size: qty[i]!, price: price[i]! });
      if (latency !== undefined) latency[i] = (performance.now() - t0) * 1e6;
    }
    const [asks, bids] = book.depth();
    const sortedBids = [...bids].sort((a, b) => b[0] - a[0]);
    const sortedAsks = [...asks].sort((a, b) => a[0] - b[0]);
    return {
      bids: sortedBids.map(([p, q]) => [p, q]),
      asks: sortedAsks.map(([p, q]) => [p, q]),
      orders: peerOrderCount(book),
      bestBid: sortedBids[0]?.[0] ?? 0,
      bestAsk: sortedAsks[0]?.[0] ?? 0,
    };
  },
};

export const harness: Engine = {
  name: 'none',
  run(stream) {
    let x = 0;
    for (let i = 0; i < stream.n; i++) x += stream.kind[i] === CANCEL ? stream.ref[i]! : stream.price[i]!;
    return { bids: [], asks: [], orders: x & 0, bestBid: 0, bestAsk: 0 };
  },
};
