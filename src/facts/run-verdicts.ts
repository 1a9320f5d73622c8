import type { SeedStats } from './seed-stats.js';
import { describeThreshold, FACTS, satisfies } from './thresholds.js';

const STAT: Record<string, (s: SeedStats) => number> = {
  no_autocorrelation: (s) => s.acf1,
  acf_inside_band: (s) => s.acfInsideBand,
  heavy_tails: (s) => s.excessKurtosis,
  tail_index: (s) => s.hillAlpha,
  aggregational_gaussianity: (s) => s.aggregationSpearman,
  volatility_clustering: (s) => s.absAcf1,
  arch_effects: (s) => s.archRejects,
  slow_abs_acf_decay: (s) => s.absAcfBeta,
  long_memory: (s) => s.hurstAbs,
  volume_volatility: (s) => s.volumeVolatility,
  gain_loss_asymmetry: (s) => s.skewness,
  leverage: (s) => s.leverage,
  tracks_truth: (s) => s.meanAbsError,
};

/**
 * Stylized facts of a single run: each per-seed fact's statistic against its threshold. One run has no
 * confidence interval and cannot judge facts that pool many markets (calibration, longshot bias);
 * `omega validate` evaluates those across seeds.
 */
export function runFactRows(stats: SeedStats): Array<{ fact: string; tier: string; value: number | string; threshold: string; verdict: string }> {
  return FACTS.map((f) => {
    const g = STAT[f.id];
    if (!g) return { fact: f.id, tier: f.tier, value: 'n/a', threshold: describeThreshold(f.threshold), verdict: 'needs many markets: omega validate' };
    const v = g(stats);
    return { fact: f.id, tier: f.tier, value: Number.isFinite(v) ? Number(v.toPrecision(3)) : 'n/a', threshold: describeThreshold(f.threshold), verdict: satisfies(v, f.threshold) ? 'pass' : 'fail' };
  });
}
