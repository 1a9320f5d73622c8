import { Rng } from '../core/rng.js';
import { calibration } from '../stats/calibration.js';
import { convergence } from './convergence.js';
import { excessMovement } from './excess-movement.js';
import { favouriteLongshotSlope } from './favourite-longshot.js';
import type { ResolvedMarket } from './resolved-market.js';
import { SEED_STATISTIC, type SeedStats } from './seed-stats.js';
import { describeThreshold, FACTS, satisfies, type FactSpec, type Tier } from './thresholds.js';

export interface Verdict {
  readonly fact: string;
  readonly name: string;
  readonly tier: Tier;
  readonly statistic: string;
  /** Mean over seeds (or the pooled value for prediction-market facts). */
  readonly value: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly threshold: string;
  /** Share of seeds whose own statistic meets the threshold (NaN for pooled facts). */
  readonly seedsPassing: number;
  readonly pass: boolean;
  /** The whole 95% CI meets the threshold. */
  readonly robust: boolean;
  readonly source: string;
}

export interface SuiteResult {
  readonly seeds: number;
  readonly verdicts: readonly Verdict[];
  /** Every must-pass fact passes. */
  readonly pass: boolean;
}

const PER_SEED = SEED_STATISTIC;

const POOLED: Record<string, (markets: readonly ResolvedMarket[]) => number> = {
  convergence: (m) => convergence(m).spearman,
  calibration: (m) => {
    const f: number[] = [];
    const o: number[] = [];
    for (const mk of m) for (const p of Array.from(mk.prices)) (f.push(p), o.push(mk.outcome));
    return calibration(f, o).ece;
  },
  favourite_longshot: (m) => {
    const f: number[] = [];
    const o: number[] = [];
    for (const mk of m) for (const p of Array.from(mk.prices)) (f.push(p), o.push(mk.outcome));
    return favouriteLongshotSlope(f, o).slope;
  },
  excess_movement: (m) => excessMovement(m).excess,
};

function finiteMean(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : Number.NaN;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Percentile bootstrap CI of `stat` over resampled items (seeded, so CIs are reproducible). */
export function bootstrapCi<T>(items: readonly T[], stat: (sample: readonly T[]) => number, resamples: number, rng: Rng): [number, number] {
  const values: number[] = [];
  const sample = new Array<T>(items.length);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[rng.int(0, items.length - 1)]!;
    const v = stat(sample);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  return [percentile(values, 0.025), percentile(values, 0.975)];
}

function ciMeets(lo: number, hi: number, spec: FactSpec): boolean {
  const t = spec.threshold;
  if (t.op === 'between') return satisfies(lo, t) && satisfies(hi, t);
  return t.op === '>' ? satisfies(lo, t) : satisfies(hi, t);
}

/**
 * Verdicts for every fact in {@link FACTS}: per-seed facts as the mean across seeds with a bootstrap CI
 * over seeds; prediction-market facts pooled over all markets with a bootstrap CI over markets.
 */
export function evaluateSuite(stats: readonly SeedStats[], options: { resamples?: number; seed?: number; facts?: readonly FactSpec[] } = {}): SuiteResult {
  if (stats.length < 2) throw new RangeError(`the stylized-facts suite needs at least 2 seeds, got ${stats.length}`);
  const rng = Rng.derive(options.seed ?? 0, 'bootstrap');
  const resamples = options.resamples ?? 1000;
  const markets: ResolvedMarket[] = stats.map((s) => ({ prices: s.sampledPrices, outcome: s.outcome }));
  const verdicts = (options.facts ?? FACTS).map((spec): Verdict => {
    let value: number;
    let ci: [number, number];
    let seedsPassing = Number.NaN;
    const perSeed = PER_SEED[spec.id];
    const pooled = POOLED[spec.id];
    if (perSeed) {
      const values = stats.map(perSeed);
      value = finiteMean(values);
      ci = bootstrapCi(values, finiteMean, resamples, rng);
      const finite = values.filter(Number.isFinite);
      seedsPassing = finite.length ? finite.filter((v) => satisfies(v, spec.threshold)).length / finite.length : Number.NaN;
    } else if (pooled) {
      const safe = (m: readonly ResolvedMarket[]) => {
        try {
          return pooled(m);
        } catch {
          return Number.NaN;
        }
      };
      value = safe(markets);
      ci = bootstrapCi(markets, safe, Math.min(resamples, 400), rng);
    } else {
      throw new Error(`no statistic is implemented for fact ${spec.id}`);
    }
    const pass = satisfies(value, spec.threshold);
    return { fact: spec.id, name: spec.name, tier: spec.tier, statistic: spec.statistic, value, ciLow: ci[0], ciHigh: ci[1], threshold: describeThreshold(spec.threshold), seedsPassing, pass, robust: pass && ciMeets(ci[0], ci[1], spec), source: spec.source };
  });
  return { seeds: stats.length, verdicts, pass: verdicts.every((v) => v.tier !== 'must' || v.pass) };
}

/** Rows for tables (terminal, DataFrame, report). */
export function verdictRows(result: SuiteResult): Array<Record<string, string | number>> {
  const f = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)) : 'n/a');
  return result.verdicts.map((v) => ({
    fact: v.fact,
    tier: v.tier,
    value: f(v.value),
    ci95: `[${f(v.ciLow)}, ${f(v.ciHigh)}]`,
    threshold: v.threshold,
    seeds_passing: Number.isFinite(v.seedsPassing) ? `${Math.round(100 * v.seedsPassing)}%` : 'pooled',
    verdict: v.pass ? (v.robust ? 'PASS' : 'pass (CI overlaps)') : 'FAIL',
  }));
}
