import { OrderRejectedError } from '../core/errors.js';
import type { Game } from '../data/nfl/games.js';
import { winner } from '../data/nfl/games.js';
import type { WinProbabilitySeries } from '../data/nfl/pbp.js';
import { KALSHI_FEES, type FeeSchedule } from '../market/fees.js';
import { CENT_GRID } from '../market/grid.js';
import type { Instrument } from '../trading/instrument.js';
import type { MarketResolution } from '../trading/market-data.js';
import type { FeedEvent, Quote } from './fill-models.js';
import { moneylineHomeProbability, type DevigMethod } from './models/odds.js';

export interface NflFeedOptions {
  /** Half-spread (cents) of the synthetic quote around the de-vigged probability (default 0.5 → a 1–2¢ spread). */
  readonly halfSpread?: number;
  readonly devig?: DevigMethod;
  /** In-game win-probability series to turn into quotes (play-by-play, where present). */
  readonly inGame?: readonly WinProbabilitySeries[];
  /** Minutes before kickoff at which the closing line is quoted (default 5). */
  readonly quoteLeadMinutes?: number;
  /** Fee schedule of the contracts (default Kalshi's taker-only schedule). */
  readonly fees?: FeeSchedule;
}

const HOUR = 3_600_000;
/** A game lasts about 3 h of wall time; it resolves 3.5 h after kickoff. */
export const GAME_WALL_MS = 3 * HOUR;
export const RESOLUTION_DELAY_MS = 3.5 * HOUR;
/** Closing lines are public this long before kickoff (the pregame quote). */
export const LINES_KNOWN_BEFORE_KICKOFF_MS = 5 * 60_000;

/** The YES contract on one team of a game: `NFL-<gameId>-<team>`, Kalshi-style (one market per team). */
export const marketTicker = (gameId: string, team: string): string => `NFL-${gameId}-${team}`;

/** Settlement value of a YES contract on a team (cents): 100 if it won, 0 if it lost, 50 for a tie. */
export function settlementValue(result: 'home' | 'away' | 'tie', isHome: boolean): number {
  if (result === 'tie') return 50;
  return (result === 'home') === isHome ? 100 : 0;
}

export function quoteFromProbability(p: number, halfSpread: number): { bid: number; ask: number } {
  const mid = 100 * p;
  const bid = Math.max(1, Math.min(98, Math.floor(mid - halfSpread + 1e-9)));
  const ask = Math.max(bid + 1, Math.min(99, Math.ceil(mid + halfSpread - 1e-9)));
  return { bid, ask };
}

/** What an NFL team contract's instrument carries in `details`. */
export interface NflContractDetails {
  readonly gameId: string;
  readonly team: string;
  readonly home: boolean;
  readonly season: number;
  readonly week: number;
  /** The risk period: `season-week`. */
  readonly period: string;
  readonly kickoff: number;
  readonly homeTicker: string;
  readonly awayTicker: string;
}

export interface NflFeed {
  readonly events: readonly FeedEvent[];
  readonly instruments: ReadonlyMap<string, Instrument>;
  instrument(ticker: string): Instrument;
  /** The last pregame (closing) quote of each market. */
  readonly closing: ReadonlyMap<string, Quote>;
}

/** The contract facts of an NFL instrument (throws for another kind of instrument). */
export function nflDetails(instrument: Instrument): NflContractDetails {
  const d = instrument.details;
  if (d === undefined || typeof d.gameId !== 'string') throw new RangeError(`${instrument.ticker} is not an NFL team contract`);
  return d as unknown as NflContractDetails;
}

/**
 * The two game-winner instruments of one game (home team's market first) under the given tickers, with the
 * NFL facts a strategy reads through `nflDetails`. The backtester and the paper engine's venue listing both
 * build them here, so a strategy sees the same instrument on either.
 */
export function nflGameInstruments(g: Game, homeTicker: string, awayTicker: string, fees: FeeSchedule): Instrument[] {
  return (
    [
      [g.homeTeam, true],
      [g.awayTeam, false],
    ] as const
  ).map(([team, home]) => {
    const details: NflContractDetails = {
      gameId: g.gameId,
      team,
      home,
      season: g.season,
      week: g.week,
      period: `${g.season}-${g.week}`,
      kickoff: g.kickoffMs,
      homeTicker,
      awayTicker,
    };
    return {
      ticker: home ? homeTicker : awayTicker,
      title: `Will ${team} win ${g.awayTeam} at ${g.homeTeam} (${g.gameday})?`,
      grid: CENT_GRID,
      fees,
      eventTicker: g.gameId,
      outcome: team,
      details: details as unknown as Record<string, string | number | boolean>,
    };
  });
}

/**
 * The market data of a set of games: for each game with a result, a YES contract per team (an
 * instrument with the game, team and home/away as static facts); where both moneylines exist, a quote on each just before
 * kickoff from the de-vigged closing moneyline ± a half-spread, optional in-game quotes from
 * play-by-play win probabilities (spread-adjusted where the file has them) spaced over the ~3 h of the
 * game, and a resolution of each market 3.5 h after kickoff (100¢/0¢, 50¢ each for a tie). Sorted by
 * time; at equal times quotes come before resolutions.
 */
export function nflFeed(games: readonly Game[], options: NflFeedOptions = {}): NflFeed {
  const half = options.halfSpread ?? 0.5;
  const lead = (options.quoteLeadMinutes ?? LINES_KNOWN_BEFORE_KICKOFF_MS / 60_000) * 60_000;
  const fees = options.fees ?? KALSHI_FEES;
  const inGame = new Map((options.inGame ?? []).map((s) => [s.gameId, s]));
  const events: FeedEvent[] = [];
  const instruments = new Map<string, Instrument>();
  const closing = new Map<string, Quote>();
  for (const g of games) {
    const w = winner(g);
    if (w === undefined) continue;
    const homeTicker = marketTicker(g.gameId, g.homeTeam);
    const awayTicker = marketTicker(g.gameId, g.awayTeam);
    for (const instrument of nflGameInstruments(g, homeTicker, awayTicker, fees)) instruments.set(instrument.ticker, instrument);
    const quote = (time: number, pHome: number) => {
      const h = quoteFromProbability(pHome, half);
      const a = quoteFromProbability(1 - pHome, half);
      events.push({ kind: 'quote', time, ticker: homeTicker, ...h }, { kind: 'quote', time, ticker: awayTicker, ...a });
    };
    // without both closing moneylines there is no price: the contracts are listed and resolve, but never quote
    const priced = g.homeMoneyline !== undefined && g.awayMoneyline !== undefined;
    if (priced) {
      quote(g.kickoffMs - lead, moneylineHomeProbability(g.homeMoneyline!, g.awayMoneyline!, options.devig));
      closing.set(homeTicker, events.at(-2) as Quote);
      closing.set(awayTicker, events.at(-1) as Quote);
    }
    const series = priced ? inGame.get(g.gameId) : undefined;
    if (series && series.points.length > 0) {
      const n = series.points.length;
      series.points.forEach((pt, i) => quote(g.kickoffMs + Math.round((i / n) * GAME_WALL_MS), pt.vegasHomeWp ?? pt.homeWp));
    }
    const at = g.kickoffMs + RESOLUTION_DELAY_MS;
    const resolution = (ticker: string, home: boolean): MarketResolution => ({
      kind: 'resolution',
      time: at,
      ticker,
      settlementValue: settlementValue(w, home),
    });
    events.push(resolution(homeTicker, true), resolution(awayTicker, false));
  }
  events.sort((a, b) => a.time - b.time || rank(a) - rank(b));
  return {
    events,
    instruments,
    closing,
    instrument: (ticker) => {
      const i = instruments.get(ticker);
      if (i === undefined)
        throw new OrderRejectedError(
          'UNKNOWN_MARKET',
          `unknown NFL contract ${JSON.stringify(ticker)}; tickers look like NFL-<gameId>-<team>`,
          { ticker },
        );
      return i;
    },
  };
}

const rank = (e: FeedEvent): number => (e.kind === 'resolution' ? 1 : 0);
