/**
 * Bookmaker odds to probabilities.
 * American odds: −150 means stake 150 to win 100 (implied 150/250 = 0.6); +130 means stake 100 to win
 * 130 (implied 100/230). The implied probabilities of all outcomes add up to more than 1 (the overround,
 * the bookmaker's margin), which a de-vig method removes.
 */
export function americanToImplied(ml: number): number {
  if (!Number.isFinite(ml) || (ml > -100 && ml < 100)) throw new RangeError(`American odds must be ≤ −100 or ≥ +100, got ${ml}`);
  return ml < 0 ? -ml / (-ml + 100) : 100 / (ml + 100);
}

/** Decimal odds (total return per unit staked) of American odds. */
export function americanToDecimal(ml: number): number {
  return 1 / americanToImplied(ml);
}

export type DevigMethod = 'proportional' | 'shin' | 'power';

/** Σ implied − 1: the bookmaker's margin. */
export function overround(implied: readonly number[]): number {
  return implied.reduce((a, b) => a + b, 0) - 1;
}

/** Find x in [lo, hi] with f(x) = 0 by bisection (f changes sign on the interval). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0 || hi - lo < 1e-15) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Remove the margin from implied probabilities q_i (Σ q_i > 1):
 * - proportional (multiplicative): p_i = q_i / Σ q;
 * - power: p_i = q_i^k with k > 1 solving Σ q_i^k = 1 (favors the favourite, as longshots carry more margin);
 * - Shin (1993): p_i = (√(z² + 4 (1 − z) q_i² / Σq) − z) / (2 (1 − z)), with the insider share z solving
 *   Σ p_i = 1 (Jullien & Salanié 1994; Štrumbelj 2014).
 */
export function devig(implied: readonly number[], method: DevigMethod = 'proportional'): number[] {
  if (implied.length < 2) throw new RangeError('devig needs the implied probabilities of at least two outcomes');
  for (const q of implied) if (!(q > 0 && q < 1)) throw new RangeError(`implied probabilities must be in (0,1), got ${q}`);
  const total = implied.reduce((a, b) => a + b, 0);
  if (method === 'proportional' || total <= 1) return implied.map((q) => q / total);
  if (method === 'power') {
    const k = bisect((k) => implied.reduce((s, q) => s + q ** k, 0) - 1, 1, 100);
    return implied.map((q) => q ** k);
  }
  const shin = (z: number) => implied.map((q) => (Math.sqrt(z * z + (4 * (1 - z) * q * q) / total) - z) / (2 * (1 - z)));
  const z = bisect((z) => shin(z).reduce((a, b) => a + b, 0) - 1, 0, 0.999);
  return shin(z);
}

/** De-vigged win probability of the home team from both American moneylines. */
export function moneylineHomeProbability(homeMl: number, awayMl: number, method: DevigMethod = 'proportional'): number {
  return devig([americanToImplied(homeMl), americanToImplied(awayMl)], method)[0]!;
}
