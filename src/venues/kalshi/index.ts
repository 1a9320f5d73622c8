/**
 * The Kalshi venue: wire schemas and domain parsing, signing, rate limits, the REST and WebSocket
 * clients, and the local exchange. See README "Kalshi venue" for the stable public API.
 */
export {
  Dollars,
  CountFp,
  LooseCountFp,
  Cursor,
  Level,
  BookSide as BookSideSchema,
  OutcomeSide as OutcomeSideSchema,
  TimeInForce as TimeInForceSchema,
  SelfTradePrevention as SelfTradePreventionSchema,
  OrderStatus as OrderStatusSchema,
} from './wire/common.js';
export * from './wire/exchange.js';
export * from './wire/portfolio.js';
export * from './wire/orders.js';
export * from './wire/ws.js';
export { normalizeErrorBody, ErrorBodySchema, type KalshiErrorBody } from './wire/errors.js';
export { parseWire, KalshiSchemaError } from './wire/parse.js';
export * from './domain/types.js';
export * from './domain/decimal.js';
export * from './domain/parse.js';
export * from './auth/signing.js';
export { loadCredentials, type KeySource } from './auth/keys.js';
export { createVenueLogger, silentLogger, scrubSecrets, REDACT_PATHS, type VenueLogger } from './log.js';
export * from './rate-limit.js';
export { KALSHI_URLS, wsUrlFor, type KalshiEnv } from './env.js';
export * from './rest/errors.js';
export { KalshiTransport, type TransportOptions, type BreakerOptions, type RetryPolicy } from './rest/transport.js';
export { KalshiRestClient, type KalshiRestClientOptions } from './rest/client.js';
export { KalshiWsClient, type KalshiWsClientOptions, type KalshiWsEvents, type WsChannel } from './ws/client.js';
export { LocalBook } from './ws/local-book.js';
export { LocalExchange, type LocalExchangeOptions } from './server/local-exchange.js';
export { LocalVenue, type MarketDriver } from './server/venue.js';
export type { VenueListener, BookDelta, TopOfBook } from './server/publisher.js';
export type { OrderRecord, FillRecord, TradeRecord, MarketDef, SettlementRecord } from './server/records.js';
export {
  ExchangeConfigSchema,
  parseExchangeConfig,
  loadExchangeConfig,
  type ExchangeConfig,
  type ExchangeConfigInput,
} from './server/config.js';
export { FaultSettingsSchema, type FaultSettings } from './server/faults.js';
export { addKey, loadKeys, type NewKey, type KeyRecord } from './server/keys.js';
export { moneylineHomeProbability, nflEventTicker } from './server/drivers/nfl.js';
