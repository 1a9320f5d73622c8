/**
 * The truth behind one market over its life: p_t = P(YES | information at step t) for t = 0 … life
 * (steps since the market opened), and the outcome it resolves to. Agents never see it directly; informed
 * traders and arbitrageurs sense it through noisy, lagged reads.
 */
export interface TruthPath {
  readonly probabilities: Float64Array;
  readonly outcome: 0 | 1;
  /** Where the path comes from: `score` (the simulated game score) or `nfl:<game id>` (a real win-probability path). */
  readonly source: string;
  /** Scoring events (jumps) along the path; NaN when unknown (real data). */
  readonly jumps: number;
  /** The latent score margin per step (simulated paths only). */
  readonly scores?: Float64Array;
}

/**
 * A market driven by a recorded win-probability series (one value per play): step t of a market that
 * lives `life` steps shows the play that has been reached by then, so the plays are spread evenly over
 * the market's life and each value holds until the next play. The outcome is the game's result.
 */
export function recordedTruthPath(series: ArrayLike<number>, outcome: 0 | 1, life: number, source: string): TruthPath {
  const plays = series.length;
  if (plays < 2) throw new RangeError(`recordedTruthPath: ${source} needs at least 2 plays, got ${plays}`);
  if (!Number.isInteger(life) || life < 1) throw new RangeError(`recordedTruthPath: life must be a whole number ≥ 1, got ${life}`);
  const probabilities = new Float64Array(life + 1);
  for (let t = 0; t <= life; t++) {
    const v = series[Math.min(plays - 1, Math.floor((t * plays) / (life + 1)))]!;
    if (!(v >= 0 && v <= 1))
      throw new RangeError(
        `recordedTruthPath: ${source} has a win probability of ${v} at play ${Math.floor((t * plays) / (life + 1))}; values must be in [0,1]`,
      );
    probabilities[t] = v;
  }
  probabilities[life] = outcome; // resolution: the last step shows the result
  return { probabilities, outcome, source, jumps: Number.NaN };
}
