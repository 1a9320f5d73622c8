import { chiSquareSurvival } from '../stats/distributions.js';
import { excessKurtosis } from './excess-kurtosis.js';
import { skewness } from './skewness.js';

/**
 * Jarque–Bera normality test: JB = n/6 · (S² + K²/4), S the skewness and K the excess kurtosis
 * (biased moments), p-value from χ²(2). Same as scipy.stats.jarque_bera and statsmodels'
 * jarque_bera (Jarque & Bera 1980).
 */
export function jarqueBera(xs: ArrayLike<number>): { stat: number; p_value: number } {
  const n = xs.length;
  const s = skewness(xs);
  const k = excessKurtosis(xs);
  const stat = (n / 6) * (s * s + (k * k) / 4);
  return { stat, p_value: chiSquareSurvival(stat, 2) };
}
