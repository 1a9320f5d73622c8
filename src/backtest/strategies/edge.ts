import type { Game } from '../../data/nfl/games.js';
import { takerFee } from '../../market/fees.js';
import { bestAsk, type MarketData } from '../../trading/market-data.js';
import { isTerminal, type OrderUpdate } from '../../trading/orders.js';
import { affordableCount } from '../../trading/sizing.js';
import type { Strategy } from '../../trading/strategy.js';
import { EloModel, FIVETHIRTYEIGHT_ELO, type EloParams } from '../models/elo.js';
import { fitSpreadModel, spreadProbability, type SpreadLink, type SpreadModel } from '../models/spread.js';
import type { GameResult, NflContext } from '../nfl-context.js';

export interface EdgeParams {
  /** Minimum edge (probability points) after fees to bet: model − price − fee per contract. */
  readonly edge: number;
  /** Fraction of the Kelly stake (0.25 = quarter Kelly). */
  readonly kelly: number;
  /** Only back contracts priced at least this (cents): 1 = no longshot filter. */
  readonly minPrice: number;
  /** Only back contracts priced at most this (cents): 99 = no favourite filter. */
  readonly maxPrice: number;
  /** Trade in-game quotes too (default: only the pregame closing line). */
  readonly inGame: boolean;
}

export const DEFAULT_EDGE: EdgeParams = Object.freeze({ edge: 0.03, kelly: 0.25, minPrice: 1, maxPrice: 99, inGame: false });

/** A probability source for the home team of a game, built only from what the context reveals. */
export interface ProbabilityModel {
  readonly name: string;
  /** Learn from resolved games (called with the strategy's history, oldest first). */
  observe(result: GameResult): void;
  homeProbability(gameId: string, ctx: NflContext): number | undefined;
}

/** Elo ratings learned from results as they resolve (538's parameters by default). */
export function eloSource(params: EloParams = FIVETHIRTYEIGHT_ELO): ProbabilityModel {
  const elo = new EloModel(params);
  return {
    name: 'elo',
    observe: (r) => elo.update(asGame(r)),
    homeProbability: (gameId, ctx) => {
      const g = ctx.game(gameId);
      return elo.predict({ ...asGame({ ...g, homeScore: 0, awayScore: 0, result: 0, spreadLine: undefined }), result: undefined });
    },
  };
}

/**
 * Spread-implied probability with its scale refitted at the start of every season on the seasons before
 * it (walk-forward by construction); Stern's σ = 13.86 until two seasons of history exist.
 */
const spreadFits = new Map<string, SpreadModel>();

/** Fits are pure functions of the training games: memoize them (walk-forward grids refit the same seasons often). */
function cachedFit(train: readonly GameResult[], link: SpreadLink): SpreadModel {
  const key = `${link}|${train.length}|${train[0]?.gameId}|${train.at(-1)?.gameId}`;
  let m = spreadFits.get(key);
  if (!m) {
    m = fitSpreadModel(train.map(asGame), link);
    if (spreadFits.size > 256) spreadFits.clear();
    spreadFits.set(key, m);
  }
  return m;
}

export function spreadSource(link: SpreadLink = 'normal', minTrainingSeasons = 2): ProbabilityModel {
  const seen: GameResult[] = [];
  let model: SpreadModel | undefined;
  let fittedFor = -1;
  return {
    name: 'spread',
    observe: (r) => {
      seen.push(r);
    },
    homeProbability: (gameId, ctx) => {
      const g = ctx.game(gameId);
      if (g.season !== fittedFor) {
        fittedFor = g.season;
        const train = seen.filter((x) => x.season < g.season);
        model = new Set(train.map((x) => x.season)).size >= minTrainingSeasons ? cachedFit(train, link) : undefined;
      }
      const line = ctx.lines(gameId).spreadLine;
      if (line === undefined) return undefined;
      return model ? model.probability(line) : spreadProbability(line, 13.86, link);
    },
  };
}

function asGame(r: GameResult): Game {
  return {
    gameId: r.gameId,
    season: r.season,
    gameType: r.gameType as Game['gameType'],
    week: r.week,
    gameday: '',
    kickoffMs: r.kickoff,
    awayTeam: r.awayTeam,
    homeTeam: r.homeTeam,
    awayFranchise: r.awayFranchise,
    homeFranchise: r.homeFranchise,
    neutral: r.neutral,
    oldGameId: undefined,
    awayScore: r.awayScore,
    homeScore: r.homeScore,
    result: r.result,
    spreadLine: r.spreadLine,
    totalLine: undefined,
    homeMoneyline: undefined,
    awayMoneyline: undefined,
  };
}

/**
 * Model-vs-market edge: when both contracts of a game have a fresh book, compare the model's probability
 * with the best ask of each side (YES on the home team or YES on the away team); back the side whose
 * edge after the taker fee is largest and above `edge`, with an immediate-or-cancel bid at that ask,
 * sized at `kelly` × the Kelly fraction of current equity (and no more than free cash can collateralize),
 * within the favourite/longshot price filters. One position per game: a game is taken when its order is
 * sent and released again if the order ends without a fill.
 */
export class EdgeStrategy implements Strategy<NflContext> {
  readonly name: string;
  readonly params: EdgeParams;
  private learned = 0;
  private readonly betGames = new Set<string>();
  private readonly evaluatedAt = new Map<string, number>();
  private readonly orderGame = new Map<string, string>();

  constructor(
    readonly source: ProbabilityModel,
    params: Partial<EdgeParams> = {},
  ) {
    this.params = { ...DEFAULT_EDGE, ...params };
    if (!(this.params.edge >= 0 && this.params.edge < 1)) throw new RangeError(`edge must be in [0,1), got ${this.params.edge}`);
    if (!(this.params.kelly > 0 && this.params.kelly <= 1)) throw new RangeError(`kelly must be in (0,1], got ${this.params.kelly}`);
    this.name = `${source.name}-edge(${this.params.edge}, kelly ${this.params.kelly}${this.params.minPrice > 1 || this.params.maxPrice < 99 ? `, ${this.params.minPrice}–${this.params.maxPrice}¢` : ''})`;
  }

  onStart(ctx: NflContext): void {
    this.catchUp(ctx);
  }

  onResolution(_r: unknown, ctx: NflContext): void {
    this.catchUp(ctx);
  }

  onOrderUpdate(u: OrderUpdate): void {
    const gameId = this.orderGame.get(u.order.clientOrderId);
    if (gameId === undefined || !isTerminal(u.order.state)) return;
    this.orderGame.delete(u.order.clientOrderId);
    if (u.order.filled === 0) this.betGames.delete(gameId);
  }

  onMarketData(data: MarketData, ctx: NflContext): void {
    if (data.kind !== 'book') return;
    const contract = ctx.contract(data.ticker);
    const gameId = contract.gameId;
    if (this.betGames.has(gameId)) return;
    if (!this.params.inGame && ctx.clock.now() >= contract.kickoff) return;
    const home = ctx.book(contract.homeTicker);
    const away = ctx.book(contract.awayTicker);
    // both contracts are quoted at the same moment: decide once, on the second
    if (home === undefined || away === undefined || home.time !== data.time || away.time !== data.time) return;
    if (this.evaluatedAt.get(gameId) === data.time) return;
    this.evaluatedAt.set(gameId, data.time);
    this.catchUp(ctx);
    const pHome = this.source.homeProbability(gameId, ctx);
    if (pHome === undefined) return;
    let best: { ticker: string; ask: number; p: number; edge: number } | undefined;
    for (const [book, p] of [
      [home, pHome],
      [away, 1 - pHome],
    ] as const) {
      const ask = bestAsk(book);
      if (ask === undefined || ask < this.params.minPrice || ask > this.params.maxPrice) continue;
      const units = ctx.instrument(book.ticker).grid.unitsPerContract;
      const edge = p - ask / units - takerFee(100, ask) / 10_000;
      if (edge > this.params.edge && (!best || edge > best.edge)) best = { ticker: book.ticker, ask, p, edge };
    }
    if (!best) return;
    const instrument = ctx.instrument(best.ticker);
    const c = best.ask / instrument.grid.unitsPerContract;
    const f = (best.p - c) / (1 - c);
    const stake = this.params.kelly * f * ctx.portfolio.equity;
    const count = Math.min(
      Math.floor(stake / best.ask),
      affordableCount(ctx.portfolio.cash, 'bid', best.ask, instrument.grid, instrument.fees),
    );
    if (count <= 0) return;
    const id = ctx.submitOrder({
      ticker: best.ticker,
      side: 'bid',
      price: best.ask,
      count,
      timeInForce: 'ioc',
      tags: { modelProbability: best.p, note: `${this.source.name} ${best.p.toFixed(3)} vs ${best.ask}¢` },
    });
    this.betGames.add(gameId);
    this.orderGame.set(id, gameId);
  }

  private catchUp(ctx: NflContext): void {
    const h = ctx.history();
    for (; this.learned < h.length; this.learned++) this.source.observe(h[this.learned]!);
  }
}
