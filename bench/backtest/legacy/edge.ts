// Frozen copy of the backtester before the trading layer (src/backtest at 3bfe54b), kept only as the
// peer of `npm run bench -- backtest`: the old figure is measured in the same run as the new engine.
import { takerFee } from '../../../src/market/fees.js';
import type { MarketData } from './events.js';
import { EloModel, FIVETHIRTYEIGHT_ELO, type EloParams } from '../../../src/backtest/models/elo.js';
import type { GameResult, Strategy, StrategyContext } from './strategy.js';
import type { Game } from '../../../src/data/nfl/games.js';

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

const DEFAULT_EDGE: EdgeParams = Object.freeze({ edge: 0.03, kelly: 0.25, minPrice: 1, maxPrice: 99, inGame: false });

/** A probability source for the home team of a game, built only from what the context reveals. */
export interface ProbabilityModel {
  readonly name: string;
  /** Learn from resolved games (called with the strategy's history, oldest first). */
  observe(result: GameResult): void;
  homeProbability(gameId: string, ctx: StrategyContext): number | undefined;
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
 * Model-vs-market edge: when both contracts of a game are quoted, compare the model's probability with
 * the ask of each side (YES on the home team or YES on the away team); back the side whose edge after the
 * taker fee is largest and above `edge`, sized at `kelly` × the Kelly fraction of current equity, within
 * the favourite/longshot price filters. One position per game.
 */
export class EdgeStrategy implements Strategy {
  readonly name: string;
  readonly params: EdgeParams;
  private learned = 0;
  private readonly betGames = new Set<string>();
  private readonly pending = new Map<string, MarketData>();

  constructor(
    readonly source: ProbabilityModel,
    params: Partial<EdgeParams> = {},
  ) {
    this.params = { ...DEFAULT_EDGE, ...params };
    if (!(this.params.edge >= 0 && this.params.edge < 1)) throw new RangeError(`edge must be in [0,1), got ${this.params.edge}`);
    if (!(this.params.kelly > 0 && this.params.kelly <= 1)) throw new RangeError(`kelly must be in (0,1], got ${this.params.kelly}`);
    this.name = `${source.name}-edge(${this.params.edge}, kelly ${this.params.kelly}${this.params.minPrice > 1 || this.params.maxPrice < 99 ? `, ${this.params.minPrice}–${this.params.maxPrice}¢` : ''})`;
  }

  onStart(ctx: StrategyContext): void {
    this.catchUp(ctx);
  }

  onResolution(_r: unknown, ctx: StrategyContext): void {
    this.catchUp(ctx);
  }

  onMarketData(q: MarketData, ctx: StrategyContext): void {
    if (q.phase === 'ingame' && !this.params.inGame) return;
    if (this.betGames.has(q.gameId)) return;
    const other = this.pending.get(q.gameId);
    if (!other || other.time !== q.time) {
      this.pending.set(q.gameId, q);
      return;
    }
    this.pending.delete(q.gameId);
    const pHome = this.source.homeProbability(q.gameId, ctx);
    if (pHome === undefined) return;
    const home = q.isHome ? q : other;
    const away = q.isHome ? other : q;
    let best: { quote: MarketData; p: number; edge: number } | undefined;
    for (const [quote, p] of [
      [home, pHome],
      [away, 1 - pHome],
    ] as const) {
      if (quote.ask < this.params.minPrice || quote.ask > this.params.maxPrice) continue;
      const price = quote.ask / 100;
      const edge = p - price - takerFee(100, quote.ask) / 10_000;
      if (edge > this.params.edge && (!best || edge > best.edge)) best = { quote, p, edge };
    }
    if (!best) return;
    const c = best.quote.ask / 100;
    const f = (best.p - c) / (1 - c);
    const stake = this.params.kelly * f * ctx.portfolio.equity;
    const count = Math.floor(stake / best.quote.ask);
    if (count <= 0) return;
    const ack = ctx.placeOrder({
      market: best.quote.market,
      side: 'yes',
      action: 'buy',
      count,
      limitPrice: best.quote.ask,
      modelProbability: best.p,
      note: `${this.source.name} ${best.p.toFixed(3)} vs ${best.quote.ask}¢`,
    });
    if (ack.filled > 0) this.betGames.add(q.gameId);
  }

  private catchUp(ctx: StrategyContext): void {
    const h = ctx.history();
    for (; this.learned < h.length; this.learned++) this.source.observe(h[this.learned]!);
  }
}
