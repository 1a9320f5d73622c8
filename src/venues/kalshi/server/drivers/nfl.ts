import { statSync } from 'node:fs';
import { Exchange } from '../../../../market/exchange.js';
import { ValidationError } from '../../../../core/errors.js';
import { resolveDataDir, gamesFile } from '../../../../data/data-dir.js';
import { readText } from '../../../../data/read-text.js';
import { parseGames, winner, type Game } from '../../../../data/nfl/games.js';
import { loadWinProbabilities } from '../../../../data/nfl/pbp.js';
import { CoreAdapter } from '../core-adapter.js';
import type { ExchangeConfig } from '../config.js';
import type { LocalVenue, MarketDriver } from '../venue.js';
import { listMarket, listStatic } from './catalog.js';
import { HouseQuoter } from './house.js';

interface ReplayData {
  readonly games: readonly Game[];
  readonly wp: ReadonlyMap<string, readonly number[]>;
}

/**
 * The replay's games and win-probability paths, read once per process and data: every NFL exchange a process
 * starts (the paper tests start several per file, each with its own state) parsed the same play-by-play files
 * again, ≈ 1.3 CPU-s each. The data folder is read-only input; the games file's time and size are in the key all
 * the same. Drivers only read what they get.
 */
const replayCache = new Map<string, ReplayData>();

const SERIES = 'KXNFLGAME';
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Wall time an NFL game takes from kickoff to final (the play-by-play is spread over it). */
const GAME_MS = 3 * 3600_000;
/** When the game-winner markets settle after kickoff. */
const RESOLVE_MS = 3.5 * 3600_000;

type Step = { readonly at: number; readonly kind: 'open' | 'quote' | 'resolve'; readonly game: number; readonly homeWp?: number };

/**
 * Proportional de-vigging of two American moneylines → the home team's probability. (The backtester
 * has the same method in backtest/models/odds.ts; venues may not import backtest, a sibling layer.)
 */
export function moneylineHomeProbability(homeMl: number, awayMl: number): number {
  const implied = (ml: number) => (ml < 0 ? -ml / (-ml + 100) : 100 / (ml + 100));
  const h = implied(homeMl);
  const a = implied(awayMl);
  return h / (h + a);
}

/** `KXNFLGAME-21SEP09DALTB`: series, 2-digit year, month, day, away team, home team. */
export function nflEventTicker(g: Game): string {
  const [y, m, d] = g.gameday.split('-') as [string, string, string];
  return `${SERIES}-${y.slice(2)}${MONTHS[Number(m) - 1]}${d}${g.awayTeam}${g.homeTeam}`;
}

/**
 * NFL replay: each game of the chosen season/weeks becomes a Kalshi-style event with one market per
 * team (YES if that team wins). Markets open `preGameMinutes` before kickoff, quoted by the house around
 * the de-vigged closing moneyline; in-game the quotes follow the play-by-play win probability (the
 * spread-adjusted one where the data have it), spread over three hours of game time; at kickoff + 3.5 h
 * the markets settle on the final score (a tie pays 50¢ each). Time is replay time: with `speed` > 0 it
 * runs at that multiple of the wall clock; with speed 0 it moves only through `advance({ to })`, so a
 * paper-trading engine can run in lock-step with it.
 */
export class NflReplayDriver implements MarketDriver {
  readonly name = 'nfl';
  private games: readonly Game[] = [];
  private steps: Step[] = [];
  private next = 0;
  private time = 0;
  private house!: HouseQuoter;
  private anchor: { wall: number; replay: number } | undefined;
  private openGames = 0;
  private readonly nfl: NonNullable<ExchangeConfig['nfl']>;

  constructor(private readonly config: ExchangeConfig) {
    this.nfl = config.nfl!;
  }

  private load(): ReplayData {
    const resolved = resolveDataDir({ dataDir: this.nfl.dataDir });
    const file = gamesFile(resolved.dir);
    if (!file)
      throw new ValidationError(
        `nfl replay: no nfl/games/games.csv(.gz) under ${resolved.dir} (data directory from ${resolved.source}); set nfl.dataDir or OMEGA_DATA_DIR to the NFL data directory`,
      );
    const { mtimeMs, size } = statSync(file);
    const key = JSON.stringify([resolved.dir, file, mtimeMs, size, this.nfl.season, this.nfl.weeks ?? null]);
    let data = replayCache.get(key);
    if (data === undefined) {
      data = this.read(resolved.dir, file);
      replayCache.set(key, data);
    }
    return data;
  }

  private read(dir: string, file: string): ReplayData {
    const { games } = parseGames(file, readText(file), dir);
    const chosen = games.filter(
      (g) =>
        g.season === this.nfl.season &&
        (!this.nfl.weeks || this.nfl.weeks.includes(g.week)) &&
        g.homeMoneyline !== undefined &&
        g.awayMoneyline !== undefined &&
        g.result !== undefined,
    );
    if (chosen.length === 0)
      throw new ValidationError(
        `nfl replay: no finished games with closing moneylines in season ${this.nfl.season}${this.nfl.weeks ? ` weeks ${this.nfl.weeks.join(',')}` : ''}; choose another nfl.season or nfl.weeks`,
      );
    const wp = new Map<string, number[]>();
    for (const s of loadWinProbabilities(dir, chosen))
      wp.set(
        s.gameId,
        s.points.map((p) => p.vegasHomeWp ?? p.homeWp),
      );
    return { games: chosen, wp };
  }

  init(venue: LocalVenue, ts: number): void {
    const { games, wp } = this.load();
    this.games = games;
    const core = new CoreAdapter(new Exchange());
    venue.beginEpoch(core);
    this.house = new HouseQuoter(core, venue.houseAccount('house', 1e12), this.config.house);
    venue.addSeries({
      ticker: SERIES,
      title: 'Pro Football Game',
      category: 'Sports',
      frequency: 'custom',
      feeType: 'quadratic_with_maker_fees',
    });
    const steps: Step[] = [];
    games.forEach((g, i) => {
      steps.push({ at: g.kickoffMs - this.nfl.preGameMinutes * 60_000, kind: 'open', game: i });
      const path = (wp.get(g.gameId) ?? []).filter((p) => p > 0 && p < 1);
      path.forEach((p, k) => steps.push({ at: g.kickoffMs + Math.floor((k / path.length) * GAME_MS), kind: 'quote', game: i, homeWp: p }));
      steps.push({ at: g.kickoffMs + RESOLVE_MS, kind: 'resolve', game: i });
    });
    const order = { open: 0, quote: 1, resolve: 2 };
    this.steps = steps.sort((a, b) => a.at - b.at || a.game - b.game || order[a.kind] - order[b.kind]);
    this.time = this.steps[0]!.at;
    listStatic(venue, core, this.config.markets, ts);
  }

  private tickers(g: Game): [string, string] {
    const e = nflEventTicker(g);
    return [`${e}-${g.homeTeam}`, `${e}-${g.awayTeam}`];
  }

  private apply(venue: LocalVenue, s: Step): void {
    const g = this.games[s.game]!;
    const [home, away] = this.tickers(g);
    venue.now = s.at;
    if (s.kind === 'open') {
      const event = nflEventTicker(g);
      venue.addEvent({
        eventTicker: event,
        seriesTicker: SERIES,
        title: `${g.awayTeam} at ${g.homeTeam}`,
        subTitle: `${g.season} week ${g.week}`,
        mutuallyExclusive: true,
        strikeDateMs: g.kickoffMs,
      });
      for (const [ticker, team, other] of [
        [home, g.homeTeam, g.awayTeam],
        [away, g.awayTeam, g.homeTeam],
      ] as const) {
        venue.core.listMarket(ticker, `${team} to beat ${other}`);
        listMarket(venue, {
          ticker,
          eventTicker: event,
          title: `Will ${team} win the ${g.awayTeam} at ${g.homeTeam} professional football game?`,
          yesSubTitle: team,
          noSubTitle: team,
          rulesPrimary: `If ${team} wins the ${g.awayTeam} vs ${g.homeTeam} professional football game, then the market resolves to Yes.`,
          coreTicker: ticker,
          createdMs: s.at,
          openMs: s.at,
          closeMs: g.kickoffMs + 14 * 86_400_000,
          expectedExpirationMs: g.kickoffMs + RESOLVE_MS,
        });
      }
      this.quote(venue, g, moneylineHomeProbability(g.homeMoneyline!, g.awayMoneyline!));
      this.openGames++;
    } else if (s.kind === 'quote') {
      this.quote(venue, g, s.homeWp!);
    } else {
      this.house.pull(home);
      this.house.pull(away);
      this.openGames--;
      const w = winner(g);
      venue.settleMarkets([home, away], () => {
        const homeResult = w === 'home' ? 'yes' : w === 'away' ? 'no' : { valueCents: 50 };
        const awayResult = w === 'home' ? 'no' : w === 'away' ? 'yes' : { valueCents: 50 };
        for (const [t, r] of [
          [home, homeResult],
          [away, awayResult],
        ] as const)
          venue.core.settle(t, typeof r === 'string' ? r : { yesValue: r.valueCents });
        return new Map<string, 'yes' | 'no' | { valueCents: number }>([
          [home, homeResult],
          [away, awayResult],
        ]);
      });
    }
  }

  private quote(venue: LocalVenue, g: Game, homeP: number): void {
    const [home, away] = this.tickers(g);
    this.house.quote(home, homeP);
    this.house.quote(away, 1 - homeP);
    venue.afterMutation([home, away]);
  }

  /** Apply every replay step up to `to` (ms), or the next `steps` steps. */
  advance(venue: LocalVenue, request: { steps?: number; to?: number }): void {
    const until = request.to ?? Number.POSITIVE_INFINITY;
    let budget = request.steps ?? Number.POSITIVE_INFINITY;
    while (this.next < this.steps.length && this.steps[this.next]!.at <= until && budget > 0) {
      this.apply(venue, this.steps[this.next++]!);
      budget--;
    }
    if (request.to !== undefined && request.to > this.time) this.time = request.to;
    else if (this.next > 0) this.time = Math.max(this.time, this.steps[this.next - 1]!.at);
    venue.now = this.time;
  }

  realtime(wallMs: number): { to: number } | undefined {
    if (this.nfl.speed <= 0 || this.next >= this.steps.length) return undefined;
    if (!this.anchor) {
      this.anchor = { wall: wallMs, replay: this.time };
      return undefined;
    }
    let to = Math.floor(this.anchor.replay + (wallMs - this.anchor.wall) * this.nfl.speed);
    const nextAt = this.steps[this.next]!.at;
    if (this.nfl.skipIdle && this.openGames === 0 && to < nextAt) {
      // nothing is open: jump to the next market opening instead of waiting days of replay time
      this.anchor = { wall: wallMs, replay: nextAt };
      to = nextAt;
    }
    return { to };
  }

  clockMs(): number {
    return this.time;
  }

  status(): Record<string, unknown> {
    return {
      driver: 'nfl',
      season: this.nfl.season,
      games: this.games.length,
      replayTime: new Date(this.time).toISOString(),
      replayTimeMs: this.time,
      stepsDone: this.next,
      stepsTotal: this.steps.length,
      nextStepAt: this.steps[this.next]?.at,
      done: this.next >= this.steps.length,
    };
  }
}
