import type { Game } from '../../data/nfl/games.js';

export interface EloParams {
  /** Update speed K (538 NFL: 20). */
  readonly k: number;
  /** Home-field advantage in Elo points (538: 65; none at neutral sites). */
  readonly homeAdvantage: number;
  /** Share of the way back to the mean between seasons (538: 1/3). */
  readonly seasonRegression: number;
  readonly mean: number;
  /** Scale the update by margin of victory (538's multiplier). */
  readonly marginOfVictory: boolean;
}

export const FIVETHIRTYEIGHT_ELO: EloParams = Object.freeze({
  k: 20,
  homeAdvantage: 65,
  seasonRegression: 1 / 3,
  mean: 1505,
  marginOfVictory: true,
});

/**
 * NFL Elo as FiveThirtyEight describes it ("How our NFL predictions work", 2014–2018 methodology):
 *   P(home) = 1 / (1 + 10^(−(R_home + HFA − R_away)/400)),
 *   shift   = K · M · (S − P),  S = 1, ½ or 0 for a home win, tie or loss,
 *   M       = ln(|margin| + 1) · 2.2 / (0.001 · ΔR_winner + 2.2)  (1 without margin-of-victory, and for ties),
 * with ΔR_winner the winner's rating (plus HFA if at home) minus the loser's; between seasons every rating
 * moves `seasonRegression` of the way back to the mean. Ratings are kept by franchise, so relocations
 * keep their history.
 */
export class EloModel {
  readonly ratings = new Map<string, number>();
  private season: number | undefined;

  constructor(
    readonly params: EloParams = FIVETHIRTYEIGHT_ELO,
    initial?: ReadonlyMap<string, number>,
  ) {
    if (initial) for (const [t, r] of initial) this.ratings.set(t, r);
  }

  rating(team: string): number {
    return this.ratings.get(team) ?? this.params.mean;
  }

  /** Probability that `home` beats `away`. */
  probability(home: string, away: string, neutral = false): number {
    const diff = this.rating(home) + (neutral ? 0 : this.params.homeAdvantage) - this.rating(away);
    return 1 / (1 + 10 ** (-diff / 400));
  }

  /** Pre-game home-win probability of a game (applies the season regression first when a new season starts). */
  predict(game: Game): number {
    this.enterSeason(game.season);
    return this.probability(game.homeFranchise, game.awayFranchise, game.neutral);
  }

  /** Update both ratings with a finished game; returns the home team's rating change. */
  update(game: Game): number {
    if (game.result === undefined) throw new RangeError(`EloModel.update: game ${game.gameId} has no result yet`);
    this.enterSeason(game.season);
    const p = this.probability(game.homeFranchise, game.awayFranchise, game.neutral);
    const s = game.result > 0 ? 1 : game.result < 0 ? 0 : 0.5;
    let mult = 1;
    if (this.params.marginOfVictory && game.result !== 0) {
      const hfa = game.neutral ? 0 : this.params.homeAdvantage;
      const homeEdge = this.rating(game.homeFranchise) + hfa - this.rating(game.awayFranchise);
      const winnerEdge = game.result > 0 ? homeEdge : -homeEdge;
      mult = (Math.log(Math.abs(game.result) + 1) * 2.2) / (winnerEdge * 0.001 + 2.2);
    }
    const shift = this.params.k * mult * (s - p);
    this.ratings.set(game.homeFranchise, this.rating(game.homeFranchise) + shift);
    this.ratings.set(game.awayFranchise, this.rating(game.awayFranchise) - shift);
    return shift;
  }

  private enterSeason(season: number): void {
    if (this.season === undefined) {
      this.season = season;
      return;
    }
    if (season <= this.season) return;
    const { seasonRegression: r, mean } = this.params;
    for (const [t, v] of this.ratings) this.ratings.set(t, v + r * (mean - v));
    this.season = season;
  }
}

/**
 * Pre-game Elo home-win probabilities for every game, in time order: each prediction uses only the
 * games finished before it (the model is updated after predicting).
 */
export function eloProbabilities(
  games: readonly Game[],
  params: EloParams = FIVETHIRTYEIGHT_ELO,
  initial?: ReadonlyMap<string, number>,
): Map<string, number> {
  const model = new EloModel(params, initial);
  const out = new Map<string, number>();
  const ordered = [...games].sort((a, b) => a.kickoffMs - b.kickoffMs);
  for (const g of ordered) {
    out.set(g.gameId, model.predict(g));
    if (g.result !== undefined) model.update(g);
  }
  return out;
}
