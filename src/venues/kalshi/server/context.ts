import type { VenueCommand } from './commands.js';
import { badRequest } from './errors.js';
import type { LocalVenue } from './venue.js';

export interface RequestContext {
  readonly method: string;
  /** Path after `/trade-api/v2`. */
  readonly path: string;
  readonly params: Record<string, string | undefined>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** The authenticated key (undefined on public routes). */
  readonly keyId: string | undefined;
  readonly venue: LocalVenue;
  /** Run a state-changing command and journal it; resolves once it is durable. */
  exec(cmd: VenueCommand): Promise<unknown>;
  /** The time stamped on commands now. */
  now(): number;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly path: string;
  readonly auth: boolean;
  readonly handler: Handler;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** Kalshi-style cursor paging over an in-memory list: the cursor is an opaque offset; "" on the last page. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  defaultLimit: number,
  maxLimit: number,
): { page: T[]; cursor: string } {
  const limitRaw = query.get('limit');
  const limit = limitRaw === null ? defaultLimit : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    throw badRequest(`limit must be a whole number in 1..${maxLimit}, got ${limitRaw}`);
  const cursor = query.get('cursor') ?? '';
  let offset = 0;
  if (cursor) {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    offset = /^o:\d+$/.test(decoded) ? Number(decoded.slice(2)) : Number.NaN;
    if (!Number.isInteger(offset) || offset < 0) throw badRequest(`cursor ${JSON.stringify(cursor)} is not a cursor this exchange issued`);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`o:${offset + limit}`).toString('base64url') : '';
  return { page, cursor: next };
}

/** A Unix-seconds query filter, or undefined. */
export function secondsParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`${name} must be a Unix timestamp in seconds, got ${v}`);
  return Number(v) * 1000;
}
