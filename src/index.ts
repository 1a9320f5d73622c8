/**
 * Omega Point's public API: everything notebooks, the CLI and tests import comes from here
 * (`import { … } from './src/index.js'`). Modules under src/ that are not re-exported are internal.
 */
export { OmegaError, OrderRejectedError, ValidationError, InvariantError, LookAheadError, type OrderRejectCode } from './core/errors.js';
export { ManualClock, systemClock, type Clock } from './core/clock.js';
export * from './stats/index.js';
export * from './market/index.js';
export * from './trading/index.js';
export { Rng, type RngState } from './core/rng.js';
export { redactUrl, redactText } from './core/redact.js';
export * from './report/index.js';
export * from './abm/index.js';
export * from './facts/index.js';
export * from './experiments/index.js';
export * from './odd/index.js';
export * from './data/index.js';
export * from './backtest/index.js';
export * from './models/index.js';
export * from './dashboard/index.js';
export * as kalshi from './venues/kalshi/index.js';
export {
  LocalExchange,
  KalshiRestClient,
  KalshiWsClient,
  type LocalExchangeOptions,
  type KalshiRestClientOptions,
  type KalshiWsClientOptions,
} from './venues/kalshi/index.js';
export * from './ops/index.js';
export * from './paper/index.js';
