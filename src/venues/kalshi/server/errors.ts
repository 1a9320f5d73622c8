import type { OrderRejectedError } from '../../../core/errors.js';

/** An error the local exchange answers with: HTTP status plus Kalshi's `{"error":{code,message,details}}`. */
export class VenueError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'VenueError';
  }

  body(): { error: { code: string; message: string; details?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** The market core's rejection codes in Kalshi's vocabulary. */
export function fromCoreRejection(e: OrderRejectedError): VenueError {
  switch (e.code) {
    case 'INSUFFICIENT_FUNDS':
      return new VenueError(400, 'insufficient_balance', e.message);
    case 'POST_ONLY_WOULD_CROSS':
      return new VenueError(400, 'post_only_cross', 'post-only order would cross the book');
    case 'MARKET_CLOSED':
      return new VenueError(400, 'market_closed', e.message);
    case 'UNKNOWN_MARKET':
      return new VenueError(404, 'market_not_found', e.message);
    case 'UNKNOWN_ORDER':
      return new VenueError(404, 'not_found', e.message);
    case 'INVALID_PRICE':
      return new VenueError(400, 'invalid_price', e.message);
    default:
      return new VenueError(400, 'invalid_parameters', e.message);
  }
}

export const notFound = (what: string) => new VenueError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, details?: string) => new VenueError(400, 'invalid_parameters', message, details);
