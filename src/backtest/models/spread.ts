import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Game } from '../../data/nfl/games.js';

export type SpreadLink = 'normal' | 'logistic';

/**
 * P(home wins) from the point spread s (points the home team is favored by):
 *   normal:   Φ(s / σ)          (Stern 1991: margin of victory ≈ N(spread, σ²), σ ≈ 13.9)
 *   logistic: 1 / (1 + e^(−s / σ))
 */
export function spreadProbability(spread: number, scale: number, link: SpreadLink = 'normal'): number {
  return link === 'normal' ? normalCdf(spread / scale, 0, 1) : 1 / (1 + Math.exp(-spread / scale));
}

export interface SpreadModel {
  readonly link: SpreadLink;
  /** σ (normal) or s (logistic), in points. */
  readonly scale: number;
  /** Games used in the fit (decided games with a spread). */
  readonly n: number;
  readonly logLikelihood: number;
  probability(spread: number): number;
}

/**
 * Fit the scale by maximum likelihood on decided games (ties left out) — golden-section search over
 * [1, 60] points. Fit on training seasons only: the backtester never passes test-season games here.
 */
export function fitSpreadModel(games: readonly Game[], link: SpreadLink = 'normal'): SpreadModel {
  const data = games
    .filter((g) => g.spreadLine !== undefined && g.result !== undefined && g.result !== 0)
    .map((g) => [g.spreadLine!, g.result! > 0 ? 1 : 0] as const);
  if (data.length < 10) throw new RangeError(`fitSpreadModel needs at least 10 decided games with a spread, got ${data.length}`);
  const ll = (scale: number) => {
    let s = 0;
    for (const [spread, won] of data) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, spreadProbability(spread, scale, link)));
      s += won ? Math.log(p) : Math.log(1 - p);
    }
    return s;
  };
  let lo = 1;
  let hi = 60;
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = ll(a);
  let fb = ll(b);
  while (hi - lo > 1e-6) {
    if (fa > fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = ll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = ll(b);
    }
  }
  const scale = (lo + hi) / 2;
  return { link, scale, n: data.length, logLikelihood: ll(scale), probability: (spread: number) => spreadProbability(spread, scale, link) };
}
