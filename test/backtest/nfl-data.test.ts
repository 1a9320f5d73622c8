import { describe, expect, it } from 'vitest';
import { backtestNfl, compareForecasts, eloProbabilities, fitSpreadModel, spreadSource, walkForward } from '../../src/backtest/index.js';
import { fiveThirtyEightHomeProbabilities, loadFiveThirtyEightElo, loadGames, loadWinProbabilities } from '../../src/data/index.js';

// These tests read the real data (../shared/data/nfl, see its README): the games table 1999–2025.
const loaded = await loadGames();
const games = loaded.games;

describe('NFL data (real)', () => {
  it('loads 7,276 games with the README’s coverage', () => {
    expect(games).toHaveLength(7276);
    expect(games.filter((g) => g.result === 0)).toHaveLength(15);
    expect(games.filter((g) => g.season === 2022)).toHaveLength(284);
    expect(games.filter((g) => g.homeMoneyline !== undefined && g.season <= 2005)).toHaveLength(0);
  });

  it('de-vigged moneylines score Brier 0.211 (README: 5,281 games with both lines)', () => {
    const f = compareForecasts(games, [1999, 2025]);
    expect(f.market.n).toBeGreaterThan(5000);
    expect(f.market.brier).toBeCloseTo(0.211, 3);
    // the market is the best single source; Elo is the worst of the three
    expect(f.market.brier).toBeLessThan(f.elo.brier);
  });

  it('fits the spread scale by maximum likelihood, as statsmodels’ probit/logit without intercept', () => {
    // Reference (statsmodels 0.13.5): sm.Probit(win, spread_line).fit() on 1999–2015 decided games with a spread
    //   → coefficient 0.0840019944 → σ = 11.9044793; sm.Logit(...) → scale 7.2748138. (4,510 games)
    // For context, sd(margin − spread) on the same games is 13.51, close to Stern's (1991) 13.86.
    const train = games.filter((g) => g.season <= 2015);
    const probit = fitSpreadModel(train);
    expect(probit.n).toBe(4510);
    expect(probit.scale).toBeCloseTo(11.9044793, 5);
    expect(fitSpreadModel(train, 'logistic').scale).toBeCloseTo(7.2748138, 4);
  });

  it('our Elo tracks FiveThirtyEight’s published Elo probabilities', () => {
    const ours = eloProbabilities(games);
    const theirs = fiveThirtyEightHomeProbabilities(games, loadFiveThirtyEightElo(loaded.dataDir)!.rows);
    const pairs = [...theirs].filter(([id]) => Number(id.slice(0, 4)) >= 2005).map(([id, p]) => [ours.get(id)!, p] as const);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const mx = mean(pairs.map((p) => p[0]));
    const my = mean(pairs.map((p) => p[1]));
    const cov = mean(pairs.map(([x, y]) => (x - mx) * (y - my)));
    const corr = cov / Math.sqrt(mean(pairs.map(([x]) => (x - mx) ** 2)) * mean(pairs.map(([, y]) => (y - my) ** 2)));
    expect(pairs.length).toBeGreaterThan(4000);
    expect(corr).toBeGreaterThan(0.9);
  });

  it('walk-forward tests each season on its own, trained on the seasons before it', () => {
    const folds = walkForward(games, { strategy: 'spread-edge', edge: 0.02 }, [2012, 2014]);
    expect(folds.map((f) => [f.testSeason, f.trainSeasons])).toEqual([
      [2012, [1999, 2011]],
      [2013, [1999, 2012]],
      [2014, [1999, 2013]],
    ]);
    for (const f of folds) expect(f.metrics.seasons).toBe(1);
  });

  it('the spread source refits only on seasons before the one it prices', () => {
    const src = spreadSource();
    const history = games.filter((g) => g.season < 2014 && g.result !== undefined);
    for (const g of history)
      src.observe({
        gameId: g.gameId,
        season: g.season,
        week: g.week,
        gameType: g.gameType,
        kickoff: g.kickoffMs,
        homeTeam: g.homeTeam,
        awayTeam: g.awayTeam,
        homeFranchise: g.homeFranchise,
        awayFranchise: g.awayFranchise,
        neutral: g.neutral,
        homeScore: g.homeScore!,
        awayScore: g.awayScore!,
        result: g.result!,
        spreadLine: g.spreadLine,
      });
    const target = games.find((g) => g.season === 2014 && g.spreadLine !== undefined)!;
    const ctx = { game: () => ({ season: 2014 }), lines: () => ({ spreadLine: target.spreadLine }) } as never;
    expect(src.homeProbability(target.gameId, ctx)).toBeCloseTo(fitSpreadModel(history).probability(target.spreadLine!), 12);
  });

  it('runs a full backtest with in-game quotes from play-by-play', () => {
    const wp = loadWinProbabilities(loaded.dataDir, games);
    expect(wp.length).toBeGreaterThan(250);
    const r = backtestNfl(games, { seasons: [2020, 2020], strategy: 'elo-edge', inGame: true }, wp);
    expect(r.result.events).toBeGreaterThan(20_000);
    expect(r.metrics.bets).toBeGreaterThan(0);
  });
});
