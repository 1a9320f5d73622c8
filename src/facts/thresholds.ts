/**
 * The stylized facts the suite checks: statistic, test, threshold, tier and source, as data in one place.
 * Per-seed statistics are averaged across seeds; the verdict compares the mean with the threshold, and
 * the bootstrap CI of that mean says whether the verdict is robust. "must" facts decide the suite;
 * "report" facts are shown but never fail it (RESEARCH_ANCHORS.md §1.1 tiers: Cont's facts 3, 9, 11 are
 * absent even in modern stock data).
 */
export type Tier = 'must' | 'report';
export type Comparison = { readonly op: '>'; readonly value: number } | { readonly op: '<'; readonly value: number } | { readonly op: 'between'; readonly lo: number; readonly hi: number };

export interface FactSpec {
  readonly id: string;
  readonly name: string;
  /** What the per-seed statistic is. */
  readonly statistic: string;
  readonly threshold: Comparison;
  readonly tier: Tier;
  readonly source: string;
}

export const FACTS: readonly FactSpec[] = [
  { id: 'no_autocorrelation', name: 'Absence of return autocorrelation', statistic: 'ACF(1) of returns at the analysis scale', threshold: { op: 'between', lo: -0.1, hi: 0.1 }, tier: 'must', source: 'Cont (2001) fact 1; threshold: project choice (|ρ1| < 0.1 allows a small bid–ask bounce)' },
  { id: 'acf_inside_band', name: 'Autocorrelations inside the white-noise band', statistic: 'share of ACF lags 2..20 inside ±1.96/√n', threshold: { op: '>', value: 0.8 }, tier: 'report', source: 'Cont (2001) fact 1; RESEARCH_ANCHORS §1.1 suggests ≥ 90%' },
  { id: 'heavy_tails', name: 'Heavy tails', statistic: 'excess kurtosis of returns', threshold: { op: '>', value: 0 }, tier: 'must', source: 'Cont (2001) fact 2' },
  { id: 'tail_index', name: 'Tail index (inverse cubic law)', statistic: 'Hill α on the top 5% of |r|', threshold: { op: 'between', lo: 2, hi: 5 }, tier: 'report', source: 'Gopikrishnan, Meyer, Amaral & Stanley (1998); Cont (2001) fact 2' },
  { id: 'aggregational_gaussianity', name: 'Aggregational Gaussianity', statistic: 'Spearman ρ between aggregation k ∈ {1,2,4,8} and excess kurtosis', threshold: { op: '<', value: 0 }, tier: 'must', source: 'Cont (2001) fact 4' },
  { id: 'volatility_clustering', name: 'Volatility clustering', statistic: 'ACF(1) of |r|', threshold: { op: '>', value: 0.05 }, tier: 'must', source: 'Cont (2001) fact 6' },
  { id: 'arch_effects', name: 'ARCH effects', statistic: 'share of seeds where ARCH-LM(5) rejects at 5%', threshold: { op: '>', value: 0.5 }, tier: 'must', source: 'Engle (1982); Cont (2001) fact 6' },
  { id: 'slow_abs_acf_decay', name: 'Slow (power-law) decay of the |r| autocorrelation', statistic: 'β in ACF_|r|(τ) ∝ τ^−β, lags 1..30', threshold: { op: 'between', lo: 0.2, hi: 0.4 }, tier: 'report', source: 'Cont (2001) fact 8' },
  { id: 'long_memory', name: 'Long memory of volatility', statistic: 'DFA Hurst exponent of |r|', threshold: { op: '>', value: 0.5 }, tier: 'report', source: 'Cont (2001) fact 8; Peng et al. (1994) DFA' },
  { id: 'volume_volatility', name: 'Volume–volatility correlation', statistic: 'corr(volume, |r|) per period', threshold: { op: '>', value: 0 }, tier: 'must', source: 'Cont (2001) fact 10' },
  { id: 'gain_loss_asymmetry', name: 'Gain/loss asymmetry', statistic: 'skewness of returns', threshold: { op: '<', value: 0 }, tier: 'report', source: 'Cont (2001) fact 3 (often absent: Ratliff-Crain et al. 2025)' },
  { id: 'leverage', name: 'Leverage effect', statistic: 'corr(r_t, |r_{t+1}|)', threshold: { op: '<', value: 0 }, tier: 'report', source: 'Cont (2001) fact 9; Bouchaud, Matacz & Potters (2001)' },
  { id: 'tracks_truth', name: 'Price tracks the true probability', statistic: 'mean |mid − 100·p_true| (¢)', threshold: { op: '<', value: 8 }, tier: 'must', source: 'project pattern: informed trading aggregates information (Wolfers & Zitzewitz 2004); threshold: project choice — without homers the error is ~3¢, homers’ loyalty adds a fan bias of a few cents (4–7¢ measured over 12-seed blocks)' },
  { id: 'convergence', name: 'Convergence to the resolved outcome', statistic: 'Spearman ρ between time (life deciles) and |p − outcome|, pooled over markets', threshold: { op: '<', value: 0 }, tier: 'must', source: 'RESEARCH_ANCHORS §1.3 (bounded martingale ending at 0/1)' },
  { id: 'calibration', name: 'Calibration', statistic: 'expected calibration error of prices sampled through each market’s life (10¢ bins)', threshold: { op: '<', value: 0.15 }, tier: 'must', source: 'Page & Clemen (2013); threshold: project choice for ~30 markets' },
  { id: 'favourite_longshot', name: 'Favourite–longshot bias', statistic: 'slope of outcome on price (1 = calibrated; > 1 = favourites underpriced)', threshold: { op: 'between', lo: 0.5, hi: 1.5 }, tier: 'report', source: 'Snowberg & Wolfers (2010); Bürgi, Deng & Whelan (2025) on Kalshi' },
  { id: 'excess_movement', name: 'No excess belief movement (Augenblick–Rabin)', statistic: 'normalized excess movement mean(Σ Δp²) / mean(p0(1−p0)) − 1', threshold: { op: 'between', lo: -0.5, hi: 0.5 }, tier: 'report', source: 'Augenblick & Rabin (2021, QJE)' },
];

export function satisfies(value: number, c: Comparison): boolean {
  if (!Number.isFinite(value)) return false;
  switch (c.op) {
    case '>':
      return value > c.value;
    case '<':
      return value < c.value;
    case 'between':
      return value >= c.lo && value <= c.hi;
  }
}

export function describeThreshold(c: Comparison): string {
  return c.op === 'between' ? `in [${c.lo}, ${c.hi}]` : `${c.op} ${String(c.value)}`;
}
