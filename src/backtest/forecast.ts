import { winner, type Game } from '../data/nfl/games.js';
import { forecastQuality, type ForecastQuality } from './metrics.js';
import { eloProbabilities, FIVETHIRTYEIGHT_ELO, type EloParams } from './models/elo.js';
import { moneylineHomeProbability, type DevigMethod } from './models/odds.js';
import { fitSpreadModel, spreadProbability, type SpreadLink } from './models/spread.js';

export interface ForecastComparison {
  readonly market: ForecastQuality;
  readonly elo: ForecastQuality;
  readonly spread: ForecastQuality;
  /** FiveThirtyEight's published Elo probabilities, where the data have them. */
  readonly fivethirtyeight?: ForecastQuality;
  /** Per-game probabilities behind the scores. */
  readonly rows: ReadonlyArray<{
    gameId: string;
    season: number;
    outcome: number;
    market: number;
    elo: number;
    spread: number;
    fivethirtyeight?: number;
  }>;
}

/**
 * Home-win forecasts of every probability source on the same games: the selected seasons' games that
 * have both moneylines and a winner (ties excluded). Market = de-vigged moneylines (proportional by
 * default); Elo = ratings from all earlier results (no look-ahead); spread = normal/logistic link with
 * its scale fitted on the seasons before each game's season (Stern's σ = 13.86 with under 2 seasons).
 */
export function compareForecasts(
  allGames: readonly Game[],
  seasons: readonly [number, number],
  options: { devig?: DevigMethod; elo?: EloParams; link?: SpreadLink; fivethirtyeight?: ReadonlyMap<string, number> } = {},
): ForecastComparison {
  const elo = eloProbabilities(allGames, options.elo ?? FIVETHIRTYEIGHT_ELO);
  const link = options.link ?? 'normal';
  const scaleBySeason = new Map<number, number>();
  const scaleFor = (season: number) => {
    let s = scaleBySeason.get(season);
    if (s === undefined) {
      const train = allGames.filter((g) => g.season < season);
      s = new Set(train.map((g) => g.season)).size >= 2 ? fitSpreadModel(train, link).scale : 13.86;
      scaleBySeason.set(season, s);
    }
    return s;
  };
  const rows: Array<{
    gameId: string;
    season: number;
    outcome: number;
    market: number;
    elo: number;
    spread: number;
    fivethirtyeight?: number;
  }> = [];
  for (const g of allGames) {
    if (g.season < seasons[0] || g.season > seasons[1]) continue;
    const w = winner(g);
    if (w === undefined || w === 'tie' || g.homeMoneyline === undefined || g.awayMoneyline === undefined || g.spreadLine === undefined)
      continue;
    const f538 = options.fivethirtyeight?.get(g.gameId);
    rows.push({
      gameId: g.gameId,
      season: g.season,
      outcome: w === 'home' ? 1 : 0,
      market: moneylineHomeProbability(g.homeMoneyline, g.awayMoneyline, options.devig),
      elo: elo.get(g.gameId)!,
      spread: spreadProbability(g.spreadLine, scaleFor(g.season), link),
      ...(f538 !== undefined ? { fivethirtyeight: f538 } : {}),
    });
  }
  const outcomes = rows.map((r) => r.outcome);
  const with538 = rows.filter((r) => r.fivethirtyeight !== undefined);
  return {
    market: forecastQuality(
      rows.map((r) => r.market),
      outcomes,
    ),
    elo: forecastQuality(
      rows.map((r) => r.elo),
      outcomes,
    ),
    spread: forecastQuality(
      rows.map((r) => r.spread),
      outcomes,
    ),
    ...(with538.length
      ? {
          fivethirtyeight: forecastQuality(
            with538.map((r) => r.fivethirtyeight!),
            with538.map((r) => r.outcome),
          ),
        }
      : {}),
    rows,
  };
}
