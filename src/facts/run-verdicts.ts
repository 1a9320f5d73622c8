import type { GroupStats } from './group-stats.js';
import { evaluateFact, GROUP_PASSES, GROUP_STATISTIC } from './suite.js';
import { describeThreshold, FACTS, satisfies } from './thresholds.js';
import { Rng } from '../core/rng.js';

/**
 * Stylized facts of a single run (one seed, all its markets): each fact's statistic and a point verdict.
 * One run has no spread across seeds, so these are not the suite's verdicts; `omega validate` judges
 * across seeds, with confidence intervals and null models. Pooled facts (calibration, longshot bias) use
 * the run's own markets, with cluster-robust CIs.
 */
export function runFactRows(
  stats: GroupStats,
): Array<{ fact: string; tier: string; value: number | string; threshold: string; verdict: string }> {
  const f3 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)) : 'n/a');
  return FACTS.map((f) => {
    const threshold = describeThreshold(f.threshold);
    if (f.judge === 'pooled') {
      const v = evaluateFact(f, [stats], Rng.fromSeed(0));
      return {
        fact: f.id,
        tier: f.tier,
        value: f3(v.value),
        threshold,
        verdict: Number.isFinite(v.value) ? (v.meets ? 'pass' : 'fail') : 'n/a',
      };
    }
    const v = GROUP_STATISTIC[f.id]!(stats);
    const pass = f.judge === 'seeds' ? GROUP_PASSES[f.id]!(stats) : f.threshold.op === 'contains' ? undefined : satisfies(v, f.threshold);
    return {
      fact: f.id,
      tier: f.tier,
      value: f3(v),
      threshold:
        f.judge === 'seeds'
          ? `per seed: ${f.id === 'no_autocorrelation' ? 'robust Q* p > 0.05, lag-1 z < 1.96' : f.id === 'arch_effects' ? 'ARCH-LM p < 0.05' : threshold}`
          : threshold,
      verdict: !Number.isFinite(v) ? 'n/a' : pass === undefined ? 'needs seeds: omega validate' : pass ? 'pass' : 'fail',
    };
  });
}
