import { OmegaError } from '../../../core/errors.js';
import type { KalshiErrorBody } from '../wire/errors.js';

/** Kalshi answered with an error (4xx/5xx) that the client does not retry or has stopped retrying. */
export class KalshiApiError extends OmegaError {
  constructor(
    readonly status: number,
    readonly body: KalshiErrorBody | undefined,
    readonly endpoint: string,
  ) {
    super(
      `KALSHI_${status}`,
      `Kalshi ${endpoint} answered ${status}${body ? ` ${body.code}: ${body.message}${body.details ? ` (${body.details})` : ''}` : ''}`,
      { status, code: body?.code },
    );
  }

  get kalshiCode(): string | undefined {
    return this.body?.code;
  }
}

/** The request timestamp was rejected: the local clock is off from the exchange's. */
export class ClockSkewError extends OmegaError {
  constructor(
    readonly skewMs: number | undefined,
    endpoint: string,
  ) {
    super(
      'KALSHI_CLOCK_SKEW',
      `Kalshi ${endpoint} rejected the request timestamp (header_timestamp_expired)${skewMs === undefined ? '' : `: this machine's clock is ${(skewMs / 1000).toFixed(1)} s ${skewMs > 0 ? 'behind' : 'ahead of'} the exchange`}; synchronize the clock (NTP) and retry`,
      { skewMs },
    );
  }
}

/** The circuit breaker is open: recent requests failed repeatedly, so calls fail fast for a while. */
export class CircuitOpenError extends OmegaError {
  constructor(endpoint: string, retryAtMs: number | undefined) {
    super(
      'KALSHI_CIRCUIT_OPEN',
      `Kalshi circuit breaker is open after repeated failures; ${endpoint} was not sent${retryAtMs ? `; the next trial request goes out after ${new Date(retryAtMs).toISOString()}` : ''}`,
      {},
    );
  }
}

/** A network failure or timeout that survived every retry. */
export class KalshiTransportError extends OmegaError {
  constructor(endpoint: string, cause: string, attempts: number) {
    super('KALSHI_TRANSPORT', `Kalshi ${endpoint} failed after ${attempts} attempt(s): ${cause}`, { attempts });
  }
}

/** An order write answered 2xx without an order id (Kalshi's retired-endpoint behavior): never a success. */
export class OrderNotAcceptedError extends OmegaError {
  constructor(endpoint: string, body: unknown) {
    super(
      'KALSHI_ORDER_NOT_ACCEPTED',
      `Kalshi ${endpoint} answered success but returned no order_id; the order was not placed (body: ${JSON.stringify(body).slice(0, 200)})`,
      {},
    );
  }
}

/** A client order id that already names a different order. */
export class DuplicateClientOrderIdError extends OmegaError {
  constructor(clientOrderId: string, existing: string) {
    super(
      'KALSHI_DUPLICATE_CLIENT_ORDER_ID',
      `client_order_id ${clientOrderId} already names order ${existing}, which differs from this request; use a new client order id`,
      { clientOrderId, existing },
    );
  }
}
