import { panelCorrelation } from './panel.js';

/**
 * Time-scale asymmetry (Cont 2001 fact 11; Müller et al. 1997, "Volatilities of different time resolutions").
 * Cut each series into non-overlapping blocks of `block` returns; per block, the coarse volatility is
 * |Σ r| (the absolute block return) and the fine volatility Σ |r| (the sum of absolute fine returns).
 * A = corr(coarse_j, fine_{j+1}) − corr(fine_j, coarse_{j+1}), pooled over series: positive when coarse
 * volatility predicts fine volatility better than the reverse. Reversing time flips the sign exactly.
 */
export function timeScaleAsymmetry(
  series: readonly ArrayLike<number>[],
  block = 4,
): { asymmetry: number; coarseToFine: number; fineToCoarse: number; pairs: number } {
  if (!Number.isInteger(block) || block < 2) throw new RangeError(`timeScaleAsymmetry: block must be a whole number ≥ 2, got ${block}`);
  const c0: number[] = [];
  const f1: number[] = [];
  const f0: number[] = [];
  const c1: number[] = [];
  for (const s of series) {
    const coarse: number[] = [];
    const fine: number[] = [];
    for (let start = 0; start + block <= s.length; start += block) {
      let sum = 0;
      let abs = 0;
      for (let i = start; i < start + block; i++) ((sum += s[i]!), (abs += Math.abs(s[i]!)));
      coarse.push(Math.abs(sum));
      fine.push(abs);
    }
    for (let j = 0; j + 1 < coarse.length; j++) {
      c0.push(coarse[j]!);
      f1.push(fine[j + 1]!);
      f0.push(fine[j]!);
      c1.push(coarse[j + 1]!);
    }
  }
  const coarseToFine = panelCorrelation([[c0, f1]]);
  const fineToCoarse = panelCorrelation([[f0, c1]]);
  return { asymmetry: coarseToFine - fineToCoarse, coarseToFine, fineToCoarse, pairs: c0.length };
}
