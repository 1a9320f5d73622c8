import { ols } from '../stats/ols.js';

/**
 * Kyle (1985) single-auction equilibrium: with the asset value ~ N(·, σ_v²) and noise-trader order flow
 * ~ N(0, σ_u²), the market maker's price moves by λ per unit of net order flow, λ = σ_v / (2 σ_u).
 */
export function kyleLambda(sigmaValue: number, sigmaNoise: number): number {
  if (!(sigmaValue >= 0 && sigmaNoise > 0)) throw new RangeError('kyleLambda needs σ_v ≥ 0 and σ_u > 0');
  return sigmaValue / (2 * sigmaNoise);
}

/**
 * Estimate Kyle's λ from data: regress price changes on signed order flow (Δp_t = c + λ·q_t + e_t).
 * Returns λ with its standard error, t-statistic and R².
 */
export function estimateKyleLambda(
  priceChanges: ArrayLike<number>,
  signedFlow: ArrayLike<number>,
): { lambda: number; se: number; t: number; rSquared: number; n: number } {
  const n = Math.min(priceChanges.length, signedFlow.length);
  const y: number[] = [];
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(priceChanges[i]!) || !Number.isFinite(signedFlow[i]!)) continue;
    y.push(priceChanges[i]!);
    X.push([1, signedFlow[i]!]);
  }
  const r = ols(y, X);
  return { lambda: r.beta[1]!, se: r.se[1]!, t: r.beta[1]! / r.se[1]!, rSquared: r.rSquared, n: y.length };
}

/**
 * Roll (1984) effective spread from the serial covariance of price changes: s = 2 √(−cov(Δp_t, Δp_{t−1}));
 * NaN when the covariance is not negative (no bid–ask bounce to measure).
 */
export function rollSpread(priceChanges: ArrayLike<number>): number {
  const n = priceChanges.length;
  if (n < 3) throw new RangeError('rollSpread requires at least 3 price changes');
  let m = 0;
  for (let i = 0; i < n; i++) m += priceChanges[i]!;
  m /= n;
  let cov = 0;
  for (let i = 1; i < n; i++) cov += (priceChanges[i]! - m) * (priceChanges[i - 1]! - m);
  cov /= n - 1;
  return cov < 0 ? 2 * Math.sqrt(-cov) : Number.NaN;
}

export interface TradeForSpread {
  /** Trade price. */
  readonly price: number;
  /** +1 buyer-initiated, −1 seller-initiated. */
  readonly direction: 1 | -1;
  /** Mid just before the trade. */
  readonly midBefore: number;
  /** Mid τ periods after the trade. */
  readonly midAfter: number;
}

/**
 * Spread decomposition (Huang & Stoll 1996 style): per trade, effective spread 2d(p − m_t), realized spread
 * 2d(p − m_{t+τ}) (what the liquidity provider keeps) and price impact 2d(m_{t+τ} − m_t) (what informed
 * flow takes); effective = realized + impact. Averages over trades.
 */
export function spreadDecomposition(trades: readonly TradeForSpread[]): {
  effective: number;
  realized: number;
  priceImpact: number;
  n: number;
} {
  if (trades.length === 0) throw new RangeError('spreadDecomposition requires at least one trade');
  let e = 0;
  let r = 0;
  for (const t of trades) {
    e += 2 * t.direction * (t.price - t.midBefore);
    r += 2 * t.direction * (t.price - t.midAfter);
  }
  const n = trades.length;
  return { effective: e / n, realized: r / n, priceImpact: (e - r) / n, n };
}

/**
 * Square-root market impact: ΔP = Y · σ · √(Q / V), with σ the volatility per period, Q the order size and V
 * the volume per period (Almgren et al. 2005; Tóth et al. 2011); Y ≈ 1 empirically.
 */
export function squareRootImpact(quantity: number, volume: number, sigma: number, y = 1): number {
  if (!(quantity >= 0 && volume > 0 && sigma >= 0)) throw new RangeError('squareRootImpact needs Q ≥ 0, V > 0, σ ≥ 0');
  return y * sigma * Math.sqrt(quantity / volume);
}

export interface AlmgrenChrissParams {
  /** Shares (contracts) to sell. */
  readonly shares: number;
  /** Number of trading intervals N over the horizon. */
  readonly intervals: number;
  /** Length of one interval τ. */
  readonly tau: number;
  /** Volatility per unit time. */
  readonly sigma: number;
  /** Temporary impact η (price per share per unit trading rate). */
  readonly eta: number;
  /** Permanent impact γ (price per share). */
  readonly gamma: number;
  /** Fixed cost per share ε (half the spread). */
  readonly epsilon: number;
  /** Risk aversion λ. */
  readonly riskAversion: number;
}

/**
 * Almgren & Chriss (2000) optimal liquidation: holdings x_k = X sinh(κ(T − t_k)) / sinh(κT), with
 * η̃ = η − γτ/2 and cosh(κτ) = 1 + λσ²τ² / (2η̃) (a straight line when λ = 0). Expected cost
 * E = ½γX² + ε Σ|n_k| + (η̃/τ) Σ n_k² and variance V = σ² τ Σ x_k².
 */
export function almgrenChriss(p: AlmgrenChrissParams): {
  holdings: number[];
  trades: number[];
  expectedCost: number;
  variance: number;
  kappa: number;
} {
  const { shares: X, intervals: N, tau, sigma, eta, gamma, epsilon, riskAversion: lam } = p;
  const etaT = eta - (gamma * tau) / 2;
  if (!(etaT > 0)) throw new RangeError('almgrenChriss needs η − γτ/2 > 0');
  const T = N * tau;
  const kappa = lam > 0 ? Math.acosh(1 + (lam * sigma * sigma * tau * tau) / (2 * etaT)) / tau : 0;
  const holdings = Array.from({ length: N + 1 }, (_, k) =>
    kappa > 0 ? (X * Math.sinh(kappa * (T - k * tau))) / Math.sinh(kappa * T) : X * (1 - k / N),
  );
  const trades = holdings.slice(1).map((x, k) => holdings[k]! - x);
  const expectedCost =
    0.5 * gamma * X * X + epsilon * trades.reduce((s, n) => s + Math.abs(n), 0) + (etaT / tau) * trades.reduce((s, n) => s + n * n, 0);
  const variance = sigma * sigma * tau * holdings.slice(1).reduce((s, x) => s + x * x, 0);
  return { holdings, trades, expectedCost, variance, kappa };
}
