import { describe, expect, it } from 'vitest';
import { LookAheadError } from '../../src/core/errors.js';
import { type WinProbabilitySeries } from '../../src/data/index.js';
import { type Strategy } from '../../src/trading/index.js';
import { type NflContext, nflFeed, runNfl } from '../../src/backtest/index.js';
import { game } from './fixtures.js';

const HOUR = 3_600_000;

/** In-game win probabilities for a game: `n` plays whose home WP drifts toward the result. */
function series(gameId: string, n: number): WinProbabilitySeries {
  return {
    gameId,
    source: 'nflfastR',
    points: Array.from({ length: n }, (_, i) => ({
      index: i,
      gameSecondsRemaining: 3600 - (3600 * i) / n,
      homeWp: 0.5 + (0.4 * i) / n,
      vegasHomeWp: undefined,
      homeScore: 0,
      awayScore: 0,
    })),
  };
}

describe('no look-ahead in the NFL backtest', () => {
  it('a game’s result is not in the history while its in-game quotes trade, only once it resolves', () => {
    const g = game({ home: 'AAA', away: 'BBB', day: 1, result: 3 });
    const seen: Array<{ at: number; known: boolean }> = [];
    const s: Strategy<NflContext> = {
      name: 'peek-at-result',
      onMarketData(d, ctx) {
        if (d.kind !== 'book') return;
        seen.push({ at: ctx.clock.now() - g.kickoffMs, known: ctx.history().some((h) => h.gameId === g.gameId) });
        // the closing lines are public from the pregame quote on
        expect(ctx.lines(g.gameId).spreadLine).toBe(3);
      },
      onResolution(_r, ctx) {
        seen.push({ at: ctx.clock.now() - g.kickoffMs, known: ctx.history().some((h) => h.gameId === g.gameId) });
      },
    };
    runNfl({ games: [g], feed: nflFeed([g], { inGame: [series(g.gameId, 6)] }), strategy: s });
    const inGame = seen.filter((x) => x.at >= 0 && x.at < 3.5 * HOUR);
    expect(inGame.length).toBe(12); // 6 plays × 2 contracts, all between kickoff and the end of the game
    expect(seen.filter((x) => x.at < 3.5 * HOUR).every((x) => !x.known)).toBe(true);
    const after = seen.filter((x) => x.at >= 3.5 * HOUR);
    expect(after.length).toBe(2); // one resolution per contract
    expect(after.every((x) => x.known)).toBe(true);
  });

  it('the lines of a later game the same day are hidden until its own pregame quote; earlier results until they resolve', () => {
    const early = game({ home: 'AAA', away: 'BBB', day: 7, result: 3, kickoffMs: Date.UTC(2030, 8, 7, 17, 0) });
    const late = game({ home: 'CCC', away: 'DDD', day: 7, result: -7, spreadLine: -2.5, kickoffMs: Date.UTC(2030, 8, 7, 20, 25) });
    const log: string[] = [];
    const s: Strategy<NflContext> = {
      name: 'peek-at-lines',
      onMarketData(d, ctx) {
        if (d.kind !== 'book' || !ctx.contract(d.ticker).home) return;
        const now = new Date(ctx.clock.now()).toISOString().slice(11, 16);
        try {
          ctx.lines(late.gameId);
          log.push(`${now} ${ctx.contract(d.ticker).gameId === late.gameId ? 'late' : 'early'} quote: late lines visible`);
        } catch (e) {
          expect(e).toBeInstanceOf(LookAheadError);
          log.push(`${now} ${ctx.contract(d.ticker).gameId === late.gameId ? 'late' : 'early'} quote: late lines hidden`);
        }
        log.push(
          `${now} history: ${
            ctx
              .history()
              .map((h) => h.homeTeam)
              .join(',') || 'none'
          }`,
        );
      },
    };
    runNfl({ games: [early, late], feed: nflFeed([early, late], { inGame: [series(early.gameId, 3)] }), strategy: s });
    expect(log).toEqual([
      '16:55 early quote: late lines hidden', // the early game's pregame quote
      '16:55 history: none',
      '17:00 early quote: late lines hidden', // its in-game quotes, kickoff to the end of the game
      '17:00 history: none',
      '18:00 early quote: late lines hidden',
      '18:00 history: none',
      '19:00 early quote: late lines hidden',
      '19:00 history: none',
      '20:20 late quote: late lines visible', // the late game's own pregame quote: its lines are out
      '20:20 history: none', // the early game resolves at 20:30, after this quote
    ]);
  });
});
