/**
 * One market's series as the facts see it: the price as a probability at each step of the market's life
 * (index 0 = the open, the last = the last price before resolution), optionally the truth and the volume,
 * and the outcome. Simulated markets, null models and real win-probability paths all arrive in this form.
 */
export interface MarketSeries {
  readonly prices: ArrayLike<number>;
  readonly truth?: ArrayLike<number>;
  readonly volume?: ArrayLike<number>;
  readonly outcome: 0 | 1;
}

export interface AnalysisOptions {
  /** Steps summed into one return (default 5). */
  readonly scale?: number;
  /** Share of each market's life analyzed: the logit of a probability about to resolve diverges (default 0.9). */
  readonly window?: number;
  /** Life bins of the volatility profile removed before the time-series facts (default 10). */
  readonly bins?: number;
  /** Price-level bins of that profile, equal widths in logit space (default 10; 1 = by life only). */
  readonly levelBins?: number;
  /** Price tick as a probability; logits clamp at half a tick (default 0.01). */
  readonly tick?: number;
}

export interface AnalysisReturns {
  /** Returns per market divided by the volatility profile (for time-series facts). */
  readonly returns: Float64Array[];
  /** Those returns divided by their market's own standard deviation (for distribution facts); markets with fewer than 8 moves are left out. */
  readonly standardized: Float64Array[];
  /** Volume per return period divided by its profile (empty arrays without volume). */
  readonly volume: Float64Array[];
  /**
   * Price changes Δp over the same periods, as probabilities, neither demeaned nor rescaled: an efficient
   * price is a martingale in p (not in logit p, which drifts by Jensen's inequality), so these are the
   * series the martingale (no-autocorrelation) test is run on.
   */
  readonly changes: Float64Array[];
}

const logitOf = (p: number, tick: number) => {
  const q = Math.min(1 - tick / 2, Math.max(tick / 2, p));
  return Math.log(q / (1 - q));
};

/** A cell of the profile with fewer returns than this falls back to its life bin's mean. */
const MIN_CELL = 20;

/**
 * Mean of `values` per cell (life bin × level bin), with sparse cells replaced by their life bin's mean.
 * `cell` is lifeBin · levelBins + levelBin.
 */
function profile(values: ReadonlyArray<{ x: readonly number[]; cell: readonly number[] }>, bins: number, levelBins: number): Float64Array {
  const sum = new Float64Array(bins * levelBins);
  const cnt = new Float64Array(bins * levelBins);
  const lifeSum = new Float64Array(bins);
  const lifeCnt = new Float64Array(bins);
  for (const { x, cell } of values) {
    for (let j = 0; j < x.length; j++) {
      sum[cell[j]!] += x[j]!;
      cnt[cell[j]!]++;
      lifeSum[Math.floor(cell[j]! / levelBins)] += x[j]!;
      lifeCnt[Math.floor(cell[j]! / levelBins)]++;
    }
  }
  return sum.map((s, c) =>
    cnt[c]! >= MIN_CELL
      ? s / cnt[c]!
      : lifeCnt[Math.floor(c / levelBins)]! > 0
        ? lifeSum[Math.floor(c / levelBins)]! / lifeCnt[Math.floor(c / levelBins)]!
        : 0,
  );
}

/**
 * Returns at the analysis scale: Δlogit(price) summed over `scale` steps within the first `window` of each
 * market's life, each divided by the mean |return| of its cell — life decile × price level (logit decile) —
 * over all the markets given. That profile is mechanical for a bounded probability: the logit of a
 * martingale probability moves faster as resolution nears and at extreme prices. Removing it before
 * measuring volatility clustering follows Andersen & Bollerslev (1997), who remove intraday seasonality.
 * Volume per period is divided by its own profile likewise.
 */
export function analysisReturns(markets: readonly MarketSeries[], options: AnalysisOptions = {}): AnalysisReturns {
  const scale = options.scale ?? 5;
  const window = options.window ?? 0.9;
  const bins = options.bins ?? 10;
  const levelBins = options.levelBins ?? 10;
  const tick = options.tick ?? 0.01;
  const lmax = logitOf(1, tick);
  const raw = markets.map((m) => {
    const life = m.prices.length - 1;
    const end = Math.floor(window * life);
    const x: number[] = [];
    const dp: number[] = [];
    const absx: number[] = [];
    const v: number[] = [];
    const cell: number[] = [];
    for (let j = 0; (j + 1) * scale <= end; j++) {
      const t0 = j * scale;
      const t1 = t0 + scale;
      const r = logitOf(m.prices[t1]!, tick) - logitOf(m.prices[t0]!, tick);
      x.push(r);
      dp.push(m.prices[t1]! - m.prices[t0]!);
      absx.push(Math.abs(r));
      let vol = 0;
      if (m.volume) for (let t = t0 + 1; t <= t1; t++) vol += m.volume[t]!;
      v.push(vol);
      const lifeBin = Math.min(bins - 1, Math.floor((((j + 0.5) * scale) / life / window) * bins));
      const levelBin = Math.min(levelBins - 1, Math.max(0, Math.floor(((logitOf(m.prices[t0]!, tick) + lmax) / (2 * lmax)) * levelBins)));
      cell.push(lifeBin * levelBins + levelBin);
    }
    return { x, dp, absx, v, cell, hasVolume: m.volume !== undefined };
  });
  const absProfile = profile(
    raw.map((r) => ({ x: r.absx, cell: r.cell })),
    bins,
    levelBins,
  );
  const volProfile = profile(
    raw.map((r) => ({ x: r.v, cell: r.cell })),
    bins,
    levelBins,
  );
  const returns: Float64Array[] = [];
  const volume: Float64Array[] = [];
  for (const { x, v, cell, hasVolume } of raw) {
    returns.push(Float64Array.from(x, (r, j) => (absProfile[cell[j]!]! > 0 ? r / absProfile[cell[j]!]! : 0)));
    volume.push(
      hasVolume ? Float64Array.from(v, (q, j) => (volProfile[cell[j]!]! > 0 ? q / volProfile[cell[j]!]! : 0)) : new Float64Array(0),
    );
  }
  return { returns, standardized: standardizeMoving(returns), volume, changes: raw.map((r) => Float64Array.from(r.dp)) };
}

/** Each series demeaned and divided by its own sd; series with fewer than 8 non-zero values say nothing about the shape of returns and are left out. */
export function standardizeMoving(series: readonly Float64Array[]): Float64Array[] {
  return standardizeEach(series.filter((s) => s.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0) >= 8));
}

/** Blocks of `k` consecutive returns summed, within each series. */
export function aggregateEach(series: readonly ArrayLike<number>[], k: number): Float64Array[] {
  return series.map((s) => {
    const out = new Float64Array(Math.floor(s.length / k));
    for (let j = 0; j < out.length; j++) {
      let sum = 0;
      for (let i = j * k; i < (j + 1) * k; i++) sum += s[i]!;
      out[j] = sum;
    }
    return out;
  });
}

/** Each series divided by its own standard deviation after demeaning (series that do not move are dropped). */
export function standardizeEach(series: readonly ArrayLike<number>[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const s of series) {
    if (s.length < 3) continue;
    let m = 0;
    for (let i = 0; i < s.length; i++) m += s[i]!;
    m /= s.length;
    let v = 0;
    for (let i = 0; i < s.length; i++) v += (s[i]! - m) ** 2;
    const sd = Math.sqrt(v / s.length);
    if (sd > 0) out.push(Float64Array.from(s as ArrayLike<number>, (x) => (x - m) / sd));
  }
  return out;
}

/** Concatenate series into one array. */
export function concat(series: readonly ArrayLike<number>[]): Float64Array {
  const n = series.reduce((s, x) => s + x.length, 0);
  const out = new Float64Array(n);
  let i = 0;
  for (const s of series) for (let j = 0; j < s.length; j++) out[i++] = s[j]!;
  return out;
}
