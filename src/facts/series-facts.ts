import { acf } from './acf.js';
import { archLm } from './arch-lm.js';
import { excessKurtosis } from './excess-kurtosis.js';
import { hillTailIndex } from './hill.js';
import { hurstDfa } from './hurst-dfa.js';
import { jarqueBera } from './jarque-bera.js';
import { ljungBoxFromAcf } from './ljung-box.js';
import { mcLeodLi } from './mcleod-li.js';
import { mean } from '../stats/mean.js';
import { logitChanges, priceChanges } from './returns.js';
import { skewness } from './skewness.js';
import { std } from '../stats/standard-deviation.js';

export type ReturnTransform = 'diff' | 'logit' | 'log';

export interface SeriesFactsOptions {
  /** The column holds prices (returns are computed) or returns already. Default `returns`. */
  readonly kind?: 'prices' | 'returns';
  /** How prices become returns: differences (default), Δlogit (prices in ¢, 1–99) or Δlog. */
  readonly transform?: ReturnTransform;
  /** Lags for the ACFs and Ljung–Box tests (default 20). */
  readonly lags?: number;
  /** Lags of the ARCH-LM regression (default 5). */
  readonly archLags?: number;
  /** Tail size of the Hill estimator (default max(10, 5% of n)). */
  readonly hillK?: number;
}

/** Every single-series statistic at once: the JSON `omega facts` prints. */
export interface SeriesFacts {
  n: number;
  mean: number;
  std: number;
  skewness: number;
  excess_kurtosis: number;
  jarque_bera: { stat: number; p_value: number };
  acf: number[];
  acf_abs: number[];
  ljung_box: { lags: number; q: number; p_value: number };
  ljung_box_sq: { lags: number; q: number; p_value: number };
  arch_lm: { lags: number; lm: number; p_value: number };
  hill: { k: number; alpha: number };
  hurst_dfa: number;
}

export function toReturns(values: ArrayLike<number>, transform: ReturnTransform = 'diff'): number[] {
  if (transform === 'logit') {
    // a price outside 0–100¢ is a wrong column or unit, not something to clamp
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && (v < 0 || v > 100))
        throw new RangeError(
          `value ${i} is ${v}: --transform logit needs prices in cents, 0–100 (use --transform diff or log for other prices)`,
        );
    }
    return logitChanges(values);
  }
  if (transform === 'log') {
    const out: number[] = [];
    for (let i = 1; i < values.length; i++) {
      const a = values[i - 1]!;
      const b = values[i]!;
      if (!(a > 0 && b > 0))
        throw new RangeError(
          `log returns need positive prices; value ${i - (a > 0 ? 0 : 1)} is ${a > 0 ? b : a} (use --transform diff or logit)`,
        );
      out.push(Math.log(b / a));
    }
    return out;
  }
  return priceChanges(values);
}

export function seriesFacts(values: ArrayLike<number>, options: SeriesFactsOptions = {}): SeriesFacts {
  const r = (options.kind ?? 'returns') === 'prices' ? toReturns(values, options.transform) : Array.from(values).filter(Number.isFinite);
  const lags = options.lags ?? 20;
  if (r.length < Math.max(64, 2 * lags + 2))
    throw new RangeError(`need at least ${Math.max(64, 2 * lags + 2)} returns for the full set of statistics, got ${r.length}`);
  if (options.hillK !== undefined && options.hillK >= r.length)
    throw new RangeError(`hillTailIndex: k must be a whole number in [1, n−1] (n = ${r.length}), got ${options.hillK}`);
  if (r.every((x) => x === r[0])) {
    throw new RangeError(
      `every one of the ${r.length} returns is ${r[0]}: a constant series has no variance, so its autocorrelations, tail index and ARCH-LM test are undefined (check --column${(options.kind ?? 'returns') === 'returns' ? ', or use --kind prices if the column holds prices' : ''})`,
    );
  }
  const rho = acf(r, lags);
  return {
    n: r.length,
    mean: mean(r),
    std: std(r),
    skewness: skewness(r),
    excess_kurtosis: excessKurtosis(r),
    jarque_bera: jarqueBera(r),
    acf: rho,
    acf_abs: acf(r.map(Math.abs), lags),
    ljung_box: ljungBoxFromAcf(rho, r.length, lags),
    ljung_box_sq: mcLeodLi(r, lags),
    arch_lm: archLm(r, options.archLags ?? 5),
    hill: hillTailIndex(r, options.hillK),
    hurst_dfa: hurstDfa(r),
  };
}
