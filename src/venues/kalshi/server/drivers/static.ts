import { Exchange } from '../../../../market/exchange.js';
import { CoreAdapter } from '../core-adapter.js';
import type { ExchangeConfig } from '../config.js';
import type { LocalVenue, MarketDriver } from '../venue.js';
import { listStatic } from './catalog.js';
import { HouseQuoter } from './house.js';

/** Static markets only: listed at start, quoted by the house around their fair value, settled by an admin call. */
export class StaticDriver implements MarketDriver {
  readonly name = 'static';
  constructor(private readonly config: ExchangeConfig) {}

  init(venue: LocalVenue, ts: number): void {
    const core = new CoreAdapter(new Exchange());
    venue.beginEpoch(core);
    const markets = listStatic(venue, core, this.config.markets, ts);
    const house = new HouseQuoter(core, venue.houseAccount('house', 1e12), this.config.house);
    this.config.markets.forEach((s, i) => {
      if (s.fair !== undefined) house.quote(markets[i]!.coreTicker, s.fair);
    });
    venue.afterMutation(markets.map((m) => m.ticker));
  }

  advance(): void {
    /* static markets do not move */
  }

  realtime(): undefined {
    return undefined;
  }

  clockMs(wallMs: number): number {
    return wallMs;
  }

  status(): Record<string, unknown> {
    return { driver: 'static', markets: this.config.markets.length };
  }
}
