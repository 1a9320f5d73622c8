import { ljungBox } from './ljung-box.js';

/**
 * McLeod–Li test: Ljung–Box on the squared series, a test for ARCH effects (McLeod & Li 1983) —
 * as acorr_ljungbox(x**2, lags=[h]).
 */
export function mcLeodLi(xs: ArrayLike<number>, lags: number): { lags: number; q: number; p_value: number } {
  return ljungBox(
    Array.from(xs, (x) => x * x),
    lags,
  );
}
