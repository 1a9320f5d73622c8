import { SEED_STATISTIC, type SeedStats } from './seed-stats.js';
import { describeThreshold, FACTS, satisfies } from './thresholds.js';

const STAT = SEED_STATISTIC;

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
