import { Rng } from '../core/rng.js';
import { binomialUpperTail, clopperPearson } from '../stats/binomial.js';
import type { GroupStats } from './group-stats.js';
import { longshotPremium } from './longshot-premium.js';
import { linearCalibration } from '../stats/recalibration.js';
import {
  describeThreshold,
  FACTS,
  intervalSatisfies,
  NULL_MODELS,
  satisfies,
  type FactSpec,
  type NullName,
  type Population,
  type Tier,
} from './thresholds.js';

/** One population's value of a fact: the statistic, its 95% CI, and whether it meets the threshold by the fact's rule. */
export interface PopulationValue {
  readonly value: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Groups (seeds) that contributed. */
  readonly groups: number;
  /** Share of groups whose own value meets the threshold (NaN for pooled facts). */
  readonly groupsPassing: number;
  /** The threshold part of the verdict: the whole CI beyond the threshold, or the fact's seed rule. */
  readonly meets: boolean;
  /** How the verdict was reached (test statistics, counts). */
  readonly detail: string;
}

export interface Verdict {
  readonly fact: string;
  readonly name: string;
  readonly cont: number | undefined;
  readonly tier: Tier;
  readonly kind: 'presence' | 'absence';
  readonly judge: FactSpec['judge'];
  readonly statistic: string;
  readonly threshold: string;
  readonly source: string;
  readonly model: PopulationValue;
  /** Each null's value (undefined when the null was not run or the fact does not apply to it). */
  readonly nulls: Partial<Record<NullName, PopulationValue>>;
  /** Real in-game win-probability paths, per play and per 5 plays (undefined when not given or not applicable). */
  readonly real: { readonly perPlay?: PopulationValue; readonly perFivePlays?: PopulationValue };
  /** For each null in the fact's `differsFrom`: the model's CI lies beyond that null's CI. */
  readonly differs: Partial<Record<NullName, boolean>>;
  /** The model meets the threshold and differs from every required null. Decides the suite for must-pass facts. */
  readonly pass: boolean;
}

export interface SuiteInput {
  /** Statistics of the model, one group per seed. */
  readonly model: readonly GroupStats[];
  readonly nulls?: Partial<Record<NullName, readonly GroupStats[]>>;
  /** Real win-probability paths in groups of games, per play and per 5 plays. */
  readonly real?: { readonly perPlay: readonly GroupStats[]; readonly perFivePlays: readonly GroupStats[] };
}

export interface SuiteResult {
  readonly seeds: number;
  /** Markets resolved across all seeds of the model. */
  readonly markets: number;
  readonly verdicts: readonly Verdict[];
  /** Every must-pass fact passes. */
  readonly pass: boolean;
}

/** Each mean-judged fact's statistic, by fact id. */
export const GROUP_STATISTIC: Readonly<Record<string, (g: GroupStats) => number>> = {
  no_autocorrelation: (g) => g.acf1,
  acf_inside_band: (g) => g.acfInsideBand,
  heavy_tails: (g) => g.excessKurtosis,
  heavy_tails_excess: (g) => g.excessKurtosis - g.truthExcessKurtosis,
  tail_index: (g) => g.hillAlpha,
  gain_loss_asymmetry: (g) => g.skewness,
  aggregational_gaussianity: (g) => g.aggregationDrop,
  intermittency: (g) => g.fano,
  volatility_clustering: (g) => g.absAcf1,
  arch_effects: (g) => g.archP,
  conditional_heavy_tails: (g) => g.garchTailRatio,
  slow_abs_acf_decay: (g) => g.absAcfBeta,
  long_memory: (g) => g.hurstAbs,
  leverage: (g) => g.leverage,
  volume_volatility: (g) => g.volumeVolatility,
  time_scale_asymmetry: (g) => g.timeScaleAsymmetry,
  tracks_truth: (g) => g.meanAbsError,
  convergence: (g) => g.convergence,
  excess_movement: (g) => g.excessMovement,
};

/** Per-seed pass/fail of the facts judged seed by seed (NaN-safe: a missing statistic fails). */
export const GROUP_PASSES: Readonly<Record<string, (g: GroupStats) => boolean>> = {
  no_autocorrelation: (g) => g.portmanteauP > 0.05 && g.lag1Z < 1.96,
  arch_effects: (g) => g.archP < 0.05,
  tracks_truth: (g) => g.meanAbsError < 5,
};

const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)) : 'n/a');

function finiteMean(xs: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs) if (Number.isFinite(x)) ((s += x), n++);
  return n ? s / n : Number.NaN;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
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

const MISSING: PopulationValue = {
  value: Number.NaN,
  ciLow: Number.NaN,
  ciHigh: Number.NaN,
  groups: 0,
  groupsPassing: Number.NaN,
  meets: false,
  detail: 'not computed',
};

/** Evaluate one fact on one population of groups. */
export function evaluateFact(spec: FactSpec, groups: readonly GroupStats[], rng: Rng, resamples = 1000): PopulationValue {
  if (groups.length === 0) return MISSING;
  if (spec.judge === 'pooled') return pooledFact(spec, groups);
  const stat = GROUP_STATISTIC[spec.id];
  if (!stat) throw new Error(`no statistic is implemented for fact ${spec.id}`);
  const values = groups.map(stat);
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { ...MISSING, groups: groups.length, detail: 'the statistic does not exist for this population' };
  if (spec.judge === 'seeds') {
    const passes = GROUP_PASSES[spec.id];
    if (!passes || !spec.seedRule) throw new Error(`fact ${spec.id} is judged per seed but has no per-seed rule`);
    const n = groups.length;
    const k = groups.filter(passes).length;
    const [lo, hi] = clopperPearson(k, n);
    const rule = spec.seedRule;
    const base = { value: k / n, ciLow: lo, ciHigh: hi, groups: n, groupsPassing: k / n };
    const mean = `; mean statistic ${fmt(finiteMean(values))}`;
    if (rule.kind === 'all') return { ...base, meets: k === n, detail: `${k}/${n} seeds pass (every seed must)${mean}` };
    if (rule.kind === 'failures-not-above') {
      const p = binomialUpperTail(n - k, n, rule.rate);
      return {
        ...base,
        meets: p >= 0.05,
        detail: `${n - k}/${n} seeds fail (null rate ${(100 * rule.rate).toFixed(1)}%), binomial p = ${fmt(p)}${mean}`,
      };
    }
    const p = binomialUpperTail(k, n, rule.rate);
    return {
      ...base,
      meets: lo > rule.rate,
      detail: `${k}/${n} seeds show it (null rate ${(100 * rule.rate).toFixed(1)}%), binomial p = ${fmt(p)}${mean}`,
    };
  }
  const value = finiteMean(values);
  const [lo, hi] = finite.length >= 2 ? bootstrapCi(finite, finiteMean, resamples, rng) : [Number.NaN, Number.NaN];
  const passing = finite.filter((v) => satisfies(v, spec.threshold)).length;
  return {
    value,
    ciLow: lo,
    ciHigh: hi,
    groups: finite.length,
    groupsPassing: spec.threshold.op === 'contains' ? Number.NaN : passing / finite.length,
    meets: intervalSatisfies(lo, hi, spec.threshold),
    detail: `mean of ${finite.length} seeds, bootstrap 95% CI`,
  };
}

/** Facts over every sampled price of every market: cluster-robust by market. */
function pooledFact(spec: FactSpec, groups: readonly GroupStats[]): PopulationValue {
  const p: number[] = [];
  const y: number[] = [];
  const c: number[] = [];
  groups.forEach((g, gi) => {
    for (let i = 0; i < g.samplePrices.length; i++) {
      p.push(g.samplePrices[i]!);
      y.push(g.sampleOutcomes[i]!);
      c.push(gi * 1_000_000 + g.sampleMarket[i]!);
    }
  });
  return { ...judgePooled(spec, p, y, c), groups: groups.length };
}

/**
 * A pooled prediction-market fact on sampled prices, their outcomes and the market each belongs to
 * (the clusters of the robust errors). Used by the suite and by the power analysis.
 */
export function judgePooled(spec: FactSpec, p: readonly number[], y: readonly number[], c: readonly number[]): PopulationValue {
  if (p.length < 3) return { ...MISSING, detail: 'no sampled prices' };
  const markets = new Set(c).size;
  try {
    if (spec.id === 'calibration') {
      // a price at the edge of the cent grid (≤ 1¢ or ≥ 99¢) is censored: the truth behind it can be anywhere beyond
      const keep = p.map((x) => x > 0.01 + 1e-9 && x < 0.99 - 1e-9);
      const r = linearCalibration(
        p.filter((_, i) => keep[i]),
        y.filter((_, i) => keep[i]),
        c.filter((_, i) => keep[i]),
      );
      // the joint Wald test of (a, b) = (0, 1) keeps the false-alarm rate at 5% (two separate CIs would allow ~10%)
      const meets = r.wald.p_value > 0.05;
      return {
        value: r.slope.value,
        ciLow: r.slope.ci[0],
        ciHigh: r.slope.ci[1],
        groups: 1,
        groupsPassing: Number.NaN,
        meets,
        detail: `b = ${fmt(r.slope.value)} [${fmt(r.slope.ci[0])}, ${fmt(r.slope.ci[1])}], a = ${fmt(r.intercept.value)} [${fmt(r.intercept.ci[0])}, ${fmt(r.intercept.ci[1])}]; Wald (a, b) = (0, 1): p = ${fmt(r.wald.p_value)}; ${r.n} prices of ${markets} markets (${p.length - r.n} at 1¢/99¢ left out)`,
      };
    }
    if (spec.id === 'favourite_longshot') {
      const r = longshotPremium(p, y, c);
      const cents = (x: number) => 100 * x;
      return {
        value: cents(r.value),
        ciLow: cents(r.ci[0]),
        ciHigh: cents(r.ci[1]),
        groups: 1,
        groupsPassing: Number.NaN,
        meets: intervalSatisfies(cents(r.ci[0]), cents(r.ci[1]), spec.threshold),
        detail: `${r.n} prices of ${markets} markets`,
      };
    }
  } catch (e) {
    return { ...MISSING, detail: (e as Error).message };
  }
  throw new Error(`no pooled statistic is implemented for fact ${spec.id}`);
}

/** The model's CI lies beyond the null's, in the threshold's direction (disjoint for two-sided thresholds). A null without the statistic differs. */
export function differsFrom(spec: FactSpec, model: PopulationValue, nul: PopulationValue | undefined): boolean {
  if (!nul || !Number.isFinite(nul.value)) return true;
  if (!(Number.isFinite(model.ciLow) && Number.isFinite(model.ciHigh) && Number.isFinite(nul.ciLow) && Number.isFinite(nul.ciHigh)))
    return false;
  const t = spec.threshold;
  // per-seed shares: more seeds pass than under the null
  if (spec.judge === 'seeds') return model.ciLow > nul.ciHigh;
  if (t.op === '>') return model.ciLow > nul.ciHigh;
  if (t.op === '<') return model.ciHigh < nul.ciLow;
  return model.ciLow > nul.ciHigh || model.ciHigh < nul.ciLow;
}

const applies = (spec: FactSpec, p: Population) => spec.applies.includes(p);

/**
 * Verdicts for every fact: the model's value with its CI, each null's, the real-data columns, and the
 * pass rule of the thresholds file (the whole CI beyond the threshold or the seed rule, and — for
 * must-pass presence facts — a CI beyond every required null's).
 */
export function evaluateSuite(
  input: SuiteInput,
  options: { resamples?: number; seed?: number; facts?: readonly FactSpec[] } = {},
): SuiteResult {
  if (input.model.length < 2) throw new RangeError(`the stylized-facts suite needs at least 2 seeds, got ${input.model.length}`);
  const resamples = options.resamples ?? 1000;
  const verdicts = (options.facts ?? FACTS).map((spec): Verdict => {
    const rng = (what: string) => Rng.derive(options.seed ?? 0, 'bootstrap', spec.id, what);
    const model = evaluateFact(spec, input.model, rng('model'), resamples);
    const nulls: Partial<Record<NullName, PopulationValue>> = {};
    for (const n of NULL_MODELS) {
      const g = input.nulls?.[n];
      if (g && applies(spec, n)) nulls[n] = evaluateFact(spec, g, rng(n), resamples);
    }
    const real =
      input.real && applies(spec, 'real')
        ? {
            perPlay: evaluateFact(spec, input.real.perPlay, rng('real-1'), resamples),
            perFivePlays: evaluateFact(spec, input.real.perFivePlays, rng('real-5'), resamples),
          }
        : {};
    const differs: Partial<Record<NullName, boolean>> = {};
    for (const n of spec.differsFrom) differs[n] = input.nulls?.[n] ? differsFrom(spec, model, nulls[n]) : false;
    const pass = model.meets && spec.differsFrom.every((n) => differs[n] === true);
    return {
      fact: spec.id,
      name: spec.name,
      cont: spec.cont,
      tier: spec.tier,
      kind: spec.kind,
      judge: spec.judge,
      statistic: spec.statistic,
      threshold: describeThreshold(spec.threshold),
      source: spec.source,
      model,
      nulls,
      real,
      differs,
      pass,
    };
  });
  return {
    seeds: input.model.length,
    markets: input.model.reduce((s, g) => s + g.markets, 0),
    verdicts,
    pass: verdicts.every((v) => v.tier !== 'must' || v.pass),
  };
}

const cell = (v: PopulationValue | undefined) =>
  !v || !Number.isFinite(v.value) ? '—' : `${fmt(v.value)} [${fmt(v.ciLow)}, ${fmt(v.ciHigh)}]${v.meets ? '' : ' ✗'}`;

/** Rows for tables (terminal, DataFrame, report): model, null and real-data columns. */
export function verdictRows(result: SuiteResult): Array<Record<string, string | number>> {
  return result.verdicts.map((v) => ({
    fact: v.fact,
    cont: v.cont ?? '',
    tier: v.tier,
    threshold: v.threshold,
    model: cell(v.model),
    seeds_passing:
      v.judge === 'pooled' ? 'pooled' : Number.isFinite(v.model.groupsPassing) ? `${Math.round(100 * v.model.groupsPassing)}%` : '—',
    zero_intelligence: cell(v.nulls.zeroIntelligence),
    truth_only: cell(v.nulls.truthOnly),
    shuffled: cell(v.nulls.shuffled),
    nfl_per_play: cell(v.real.perPlay),
    nfl_per_5_plays: cell(v.real.perFivePlays),
    beats_nulls: Object.keys(v.differs).length
      ? Object.entries(v.differs)
          .map(([n, d]) => `${d ? '✓' : '✗'} ${n}`)
          .join(', ')
      : '',
    verdict: v.pass ? 'PASS' : 'FAIL',
  }));
}
