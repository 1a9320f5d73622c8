import { requireFromProject } from '../core/paths.js';
import { tTwoSided } from '../stats/distributions.js';
import { ols } from '../stats/ols.js';

type Vader = { SentimentIntensityAnalyzer: { polarity_scores(text: string): { neg: number; neu: number; pos: number; compound: number } } };
let vader: Vader | undefined;

/**
 * Lexicon sentiment of a text with VADER (Hutto & Gilbert 2014; the vader-sentiment npm port): the
 * compound score in [−1, 1] plus the positive, neutral and negative shares.
 */
export function lexiconSentiment(text: string): { compound: number; pos: number; neu: number; neg: number } {
  vader ??= requireFromProject()('vader-sentiment') as Vader;
  return vader.SentimentIntensityAnalyzer.polarity_scores(text);
}

/**
 * Aggregate sentiment (N_pos − N_neg) / (N_pos + N_neg) over texts or compound scores, a text counting as
 * positive above +threshold and negative below −threshold (VADER's convention: 0.05). 0 when none is polar.
 */
export function aggregateSentiment(
  items: ReadonlyArray<string | number>,
  threshold = 0.05,
): { score: number; positive: number; negative: number; neutral: number } {
  let pos = 0;
  let neg = 0;
  for (const it of items) {
    const c = typeof it === 'number' ? it : lexiconSentiment(it).compound;
    if (c > threshold) pos++;
    else if (c < -threshold) neg++;
  }
  return { score: pos + neg === 0 ? 0 : (pos - neg) / (pos + neg), positive: pos, negative: neg, neutral: items.length - pos - neg };
}

/** Panic coefficient exp(α·CSAD + β·volatility + γ·sentiment): rises with dispersion and volatility, falls with optimism (γ < 0). */
export function panicCoefficient(
  inputs: { csad: number; volatility: number; sentiment: number },
  coefficients: { alpha: number; beta: number; gamma: number },
): number {
  return Math.exp(coefficients.alpha * inputs.csad + coefficients.beta * inputs.volatility + coefficients.gamma * inputs.sentiment);
}

/**
 * Cross-sectional absolute deviation CSAD_t = (1/N) Σ_i |R_{i,t} − R_{m,t}|, with R_m the equal-weighted
 * mean (Chang, Cheng & Khorana 2000). `returns[i][t]` is asset (or market) i at time t.
 */
export function csad(returns: ReadonlyArray<ArrayLike<number>>): { csad: number[]; marketReturn: number[] } {
  const n = returns.length;
  if (n < 2) throw new RangeError('csad needs at least two assets');
  const T = returns[0]!.length;
  const c: number[] = [];
  const m: number[] = [];
  for (let t = 0; t < T; t++) {
    let rm = 0;
    for (let i = 0; i < n; i++) rm += returns[i]![t]!;
    rm /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(returns[i]![t]! - rm);
    c.push(s / n);
    m.push(rm);
  }
  return { csad: c, marketReturn: m };
}

/**
 * The CCK (2000) herding regression CSAD_t = α + γ₁|R_m,t| + γ₂ R_m,t² + e_t (OLS). Rational pricing makes
 * dispersion rise linearly with |R_m|; herding shows as γ₂ < 0 (dispersion falls in large moves). The
 * verdict is "herding" when γ₂ < 0 with two-sided p < 0.05.
 */
export function herdingRegression(
  csadSeries: ArrayLike<number>,
  marketReturn: ArrayLike<number>,
): {
  alpha: number;
  gamma1: number;
  gamma2: number;
  t: [number, number, number];
  pValue2: number;
  rSquared: number;
  n: number;
  verdict: 'herding' | 'no herding';
} {
  const n = Math.min(csadSeries.length, marketReturn.length);
  const y = Array.from({ length: n }, (_, i) => csadSeries[i]!);
  const X = Array.from({ length: n }, (_, i) => [1, Math.abs(marketReturn[i]!), marketReturn[i]! ** 2]);
  const r = ols(y, X);
  const t = r.beta.map((b, i) => b / r.se[i]!) as [number, number, number];
  const p2 = tTwoSided(t[2], n - 3);
  return {
    alpha: r.beta[0]!,
    gamma1: r.beta[1]!,
    gamma2: r.beta[2]!,
    t,
    pValue2: p2,
    rSquared: r.rSquared,
    n,
    verdict: r.beta[2]! < 0 && p2 < 0.05 ? 'herding' : 'no herding',
  };
}
