import { normalTwoSided } from '../stats/distributions.js';

/**
 * Recency weights for a history of n observations, newest last: w_i ∝ (1 − λ)^{n−1−i}, normalized to sum
 * to 1 (λ = 0: equal weights; λ → 1: only the newest counts). The EWMA with weight λ on the newest value.
 */
export function recencyWeights(n: number, lambda: number): number[] {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`recencyWeights: λ must be in [0,1], got ${lambda}`);
  const w = Array.from({ length: n }, (_, i) => (1 - lambda) ** (n - 1 - i));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** Recency-weighted mean of a history (newest last). */
export function recencyWeightedMean(values: readonly number[], lambda: number): number {
  const w = recencyWeights(values.length, lambda);
  return values.reduce((s, v, i) => s + v * w[i]!, 0);
}

/**
 * Loyalty adjustment: a fan's perceived probability is the market probability pulled toward the favored
 * outcome, v = p + L · (f − p), f = 1 for the favored outcome YES, 0 for NO, L ∈ [0, 1]. The homer agents
 * use exactly this.
 */
export function loyaltyAdjustment(probability: number, loyalty: number, favorsYes: boolean): number {
  return probability + loyalty * ((favorsYes ? 1 : 0) - probability);
}

/**
 * Gambler's-fallacy detection: among bets placed right after a streak of at least `streak` moves in one
 * direction, the share that bet against the streak, against the share that bet against the last move at
 * other times; a two-proportion z-test (normal p-value). `moves` and `bets` are aligned: bets[t] (±1, 0 =
 * no bet) is placed after moves[0..t].
 */
export function gamblersFallacyTest(
  moves: readonly number[],
  bets: readonly number[],
  streak = 3,
): { afterStreak: number; otherwise: number; nStreak: number; nOther: number; z: number; pValue: number; detected: boolean } {
  let run = 0;
  let a = 0;
  let na = 0;
  let b = 0;
  let nb = 0;
  for (let t = 0; t < Math.min(moves.length, bets.length); t++) {
    const m = Math.sign(moves[t]!);
    run = m === 0 ? 0 : Math.sign(run) === m ? run + m : m;
    const bet = Math.sign(bets[t]!);
    if (bet === 0 || run === 0) continue;
    const against = bet === -Math.sign(run) ? 1 : 0;
    if (Math.abs(run) >= streak) {
      a += against;
      na++;
    } else {
      b += against;
      nb++;
    }
  }
  const p1 = na ? a / na : Number.NaN;
  const p2 = nb ? b / nb : Number.NaN;
  const pool = na + nb ? (a + b) / (na + nb) : Number.NaN;
  const se = Math.sqrt(pool * (1 - pool) * (1 / na + 1 / nb));
  const z = se > 0 ? (p1 - p2) / se : Number.NaN;
  const pValue = Number.isFinite(z) ? normalTwoSided(z) : Number.NaN;
  return { afterStreak: p1, otherwise: p2, nStreak: na, nOther: nb, z, pValue, detected: z > 0 && pValue < 0.05 };
}
