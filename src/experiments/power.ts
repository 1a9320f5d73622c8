import { Rng } from '../core/rng.js';
import { DEFAULT_SCORE_TRUTH, scoreForProbability, winProbability, type ScoreTruthParams } from '../abm/truth/score.js';
import { SAMPLE_FRACTIONS } from '../facts/group-stats.js';
import { judgePooled } from '../facts/suite.js';
import { FACTS } from '../facts/thresholds.js';

/** A way prices can be wrong: a map from the true probability to the quoted one. */
export interface Miscalibration {
  readonly name: string;
  readonly distort: (p: number) => number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The miscalibrations the suite should detect (issue 12), and calibrated prices (the test's size). */
export const REFERENCE_MISCALIBRATIONS: readonly Miscalibration[] = [
  { name: 'calibrated', distort: (p) => p },
  { name: 'logit × 0.8 (too timid)', distort: (p) => sigmoid(0.8 * logit(p)) },
  { name: 'logit × 1.25 (too extreme)', distort: (p) => sigmoid(1.25 * logit(p)) },
  { name: '3¢ longshot premium', distort: (p) => (p < 0.5 ? p + 0.03 : p > 0.5 ? p - 0.03 : p) },
];

export interface PowerOptions {
  /** Seeds per suite run and markets per seed (default 30 × 36: the validation run). */
  readonly seeds?: number;
  readonly marketsPerSeed?: number;
  /** Steps each market lives (default 1,000). */
  readonly life?: number;
  readonly truth?: ScoreTruthParams;
  /** Range of the markets' opening probabilities (default [0.15, 0.85]). */
  readonly initialProbability?: readonly [number, number];
  /** Simulated suite runs per miscalibration (default 200). */
  readonly replications?: number;
  readonly seed?: number;
  readonly miscalibrations?: readonly Miscalibration[];
}

export interface PowerRow {
  readonly miscalibration: string;
  /** Share of suite runs in which the must-pass calibration fact fails (for "calibrated": the false-alarm rate). */
  readonly calibrationDetects: number;
  /** Share in which the longshot premium's CI excludes 0. */
  readonly longshotDetects: number;
  readonly replications: number;
  readonly markets: number;
}

/** One binomial draw by inversion of the pmf (mean k·λ is small here). */
function binomial(k: number, lambda: number, rng: Rng): number {
  if (lambda <= 0 || k <= 0) return 0;
  const u = rng.float();
  let pmf = Math.pow(1 - lambda, k);
  let cdf = pmf;
  let n = 0;
  while (u > cdf && n < k) {
    pmf *= ((k - n) / (n + 1)) * (lambda / (1 - lambda));
    cdf += pmf;
    n++;
  }
  return n;
}

/**
 * Power of the calibration facts: simulate the validation run's markets with a martingale truth (the
 * default score process), quote each miscalibration of the truth, rounded to the cent, at the suite's
 * sample points, and judge the suite's own calibration and longshot facts. Detection rates over
 * `replications` runs estimate power (and, for calibrated prices, the false-alarm rate).
 */
export function powerAnalysis(options: PowerOptions = {}): PowerRow[] {
  const seeds = options.seeds ?? 30;
  const perSeed = options.marketsPerSeed ?? 36;
  const life = options.life ?? 1000;
  const truth = options.truth ?? DEFAULT_SCORE_TRUTH;
  const [lo, hi] = options.initialProbability ?? [0.15, 0.85];
  const reps = options.replications ?? 200;
  const miscal = options.miscalibrations ?? REFERENCE_MISCALIBRATIONS;
  const calibration = FACTS.find((f) => f.id === 'calibration')!;
  const longshot = FACTS.find((f) => f.id === 'favourite_longshot')!;
  const hits = miscal.map(() => ({ cal: 0, ls: 0 }));
  const markets = seeds * perSeed;
  const steps = SAMPLE_FRACTIONS.map((f) => Math.round(f * life));
  for (let r = 0; r < reps; r++) {
    const rng = Rng.derive(options.seed ?? 1, 'power', r);
    const truthAt: number[] = [];
    const outcome: number[] = [];
    const cluster: number[] = [];
    for (let m = 0; m < markets; m++) {
      let score = scoreForProbability(rng.uniform(lo, hi), life, truth);
      let t = 0;
      const ps: number[] = [];
      for (const s of [...steps, life]) {
        const k = s - t;
        score += Math.sqrt(k) * truth.volatility * rng.normal();
        const n = binomial(k, truth.jumpProbability, rng);
        if (n > 0) score += Math.sqrt(n) * truth.jumpSize * rng.normal();
        t = s;
        if (s < life) ps.push(winProbability(score, life - s, truth));
      }
      for (const p of ps) {
        truthAt.push(p);
        outcome.push(score > 0 ? 1 : 0);
        cluster.push(m);
      }
    }
    miscal.forEach((d, i) => {
      const prices = truthAt.map((p) => Math.min(0.99, Math.max(0.01, Math.round(100 * d.distort(p)) / 100)));
      if (!judgePooled(calibration, prices, outcome, cluster).meets) hits[i]!.cal++;
      const ls = judgePooled(longshot, prices, outcome, cluster);
      if (ls.ciLow > 0 || ls.ciHigh < 0) hits[i]!.ls++;
    });
  }
  return miscal.map((d, i) => ({
    miscalibration: d.name,
    calibrationDetects: hits[i]!.cal / reps,
    longshotDetects: hits[i]!.ls / reps,
    replications: reps,
    markets,
  }));
}
