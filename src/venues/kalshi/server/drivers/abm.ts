import { Model } from '../../../../abm/model.js';
import { Rng } from '../../../../core/rng.js';
import { CoreAdapter } from '../core-adapter.js';
import type { ExchangeConfig } from '../config.js';
import type { MarketDef } from '../records.js';
import type { LocalVenue, MarketDriver } from '../venue.js';
import { listMarket, listStatic } from './catalog.js';
import { HouseQuoter } from './house.js';

const SERIES = 'KXOMEGASIM';

/**
 * Markets with live liquidity: the agent-based model's agents trade them, one model step per tick.
 * Each epoch is one model run (`stepsPerEpoch` steps); at its end the model resolves and settles its
 * markets, user accounts carry their cash into the next epoch, and a new event with new markets opens.
 * Only the public `Model` API is used (create, step, resolve, markets, exchange), so changes to the
 * model flow through. Static markets from the config are listed beside them in every epoch.
 */
export class AbmDriver implements MarketDriver {
  readonly name = 'abm';
  model!: Model;
  private tickers: string[] = [];
  private stepsDone = 0;
  private lastWall: number | undefined;
  private carry = 0;
  private readonly abm: NonNullable<ExchangeConfig['abm']>;

  constructor(private readonly config: ExchangeConfig) {
    this.abm = config.abm ?? { markets: 2, stepsPerEpoch: 20_000, stepsPerSecond: 4, model: {} };
  }

  init(venue: LocalVenue, ts: number): void {
    this.startEpoch(venue, ts);
  }

  private startEpoch(venue: LocalVenue, ts: number): void {
    const epoch = venue.core ? venue.epoch + 1 : 0;
    const seed = Rng.derive(this.config.seed, 'exchange-epoch', epoch).uint32();
    const model = Model.create(
      {
        ...this.abm.model,
        steps: this.abm.stepsPerEpoch,
        markets: { ...((this.abm.model.markets as object | undefined) ?? {}), count: this.abm.markets },
      } as Parameters<typeof Model.create>[0],
      seed,
      { env: {} },
    );
    this.model = model;
    const core = new CoreAdapter(model.exchange);
    venue.beginEpoch(core);
    venue.addSeries({
      ticker: SERIES,
      title: 'Omega Point simulated markets',
      category: 'Simulation',
      frequency: 'custom',
      feeType: model.config.markets.fees === 'kalshi_maker' ? 'quadratic_with_maker_fees' : 'quadratic',
    });
    const eventTicker = `${SERIES}-E${venue.epoch + 1}`;
    const durationMs = this.abm.stepsPerSecond > 0 ? (this.abm.stepsPerEpoch / this.abm.stepsPerSecond) * 1000 : 0;
    venue.addEvent({
      eventTicker,
      seriesTicker: SERIES,
      title: `Simulated run ${venue.epoch + 1}`,
      subTitle: `agent-based model, seed ${seed}`,
      mutuallyExclusive: false,
      strikeDateMs: ts + durationMs,
    });
    this.tickers = model.markets.map((s, i) => {
      const def: Omit<MarketDef, 'status' | 'result' | 'volume' | 'openInterest'> = {
        ticker: `${eventTicker}-M${i + 1}`,
        eventTicker,
        title: `Simulated market ${i + 1} of run ${venue.epoch + 1}`,
        yesSubTitle: 'Yes',
        noSubTitle: 'No',
        rulesPrimary: `Resolves Yes with the market's final true probability after ${this.abm.stepsPerEpoch} model steps.`,
        coreTicker: s.market.ticker,
        createdMs: ts,
        openMs: ts,
        closeMs: ts + durationMs,
        expectedExpirationMs: ts + durationMs,
      };
      return listMarket(venue, def).ticker;
    });
    const statics = listStatic(venue, core, this.config.markets, ts);
    if (statics.length) {
      const house = new HouseQuoter(core, venue.houseAccount('house', 1e12), this.config.house);
      this.config.markets.forEach((s, i) => s.fair !== undefined && house.quote(statics[i]!.coreTicker, s.fair));
      venue.afterMutation(statics.map((m) => m.ticker));
    }
  }

  advance(venue: LocalVenue, request: { steps?: number; to?: number }, ts: number): void {
    const steps = request.steps ?? 0;
    for (let i = 0; i < steps; i++) {
      this.model.step();
      this.stepsDone++;
      if (this.model.t >= this.model.config.steps) {
        venue.settleMarkets(this.tickers, () => {
          const outcomes = this.model.resolve();
          return new Map(outcomes.map((o, k) => [this.tickers[k]!, o.resolution] as const));
        });
        this.startEpoch(venue, ts);
      } else {
        venue.afterMutation(this.tickers);
      }
    }
  }

  realtime(wallMs: number): { steps: number } | undefined {
    if (this.abm.stepsPerSecond <= 0) return undefined;
    if (this.lastWall === undefined) {
      this.lastWall = wallMs;
      return undefined;
    }
    this.carry += ((wallMs - this.lastWall) / 1000) * this.abm.stepsPerSecond;
    this.lastWall = wallMs;
    const steps = Math.min(Math.floor(this.carry), 1000);
    this.carry -= Math.floor(this.carry);
    return steps > 0 ? { steps } : undefined;
  }

  clockMs(wallMs: number): number {
    return wallMs;
  }

  status(): Record<string, unknown> {
    return { driver: 'abm', step: this.model.t, stepsPerEpoch: this.abm.stepsPerEpoch, stepsDone: this.stepsDone, markets: this.tickers };
  }
}
