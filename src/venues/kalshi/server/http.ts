import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import { OrderRejectedError } from '../../../core/errors.js';
import type { VenueLogger } from '../log.js';
import { RateLimiter, requestCost, type UsageTier } from '../rate-limit.js';
import type { Clock } from '../../../core/clock.js';
import { API_PREFIX, type Authenticator } from './auth.js';
import type { Reply, RequestContext, Route } from './context.js';
import { VenueError, fromCoreRejection } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { VenueCommand } from './commands.js';
import type { LocalVenue } from './venue.js';

const TOO_MANY = JSON.stringify({ error: 'too many requests' });
const MAX_BODY = 1 << 20;

export interface HttpDeps {
  readonly venue: LocalVenue;
  readonly routes: readonly Route[];
  readonly auth: Authenticator;
  readonly faults: FaultInjector;
  readonly log: VenueLogger;
  readonly wallClock: Clock;
  readonly rateLimits: boolean;
  readonly exec: (cmd: VenueCommand) => Promise<unknown>;
  readonly tierOf: (keyId: string) => UsageTier;
  /** Loopback-only admin routes (`/admin/...`), handled before the API. */
  readonly admin: (method: string, path: string, body: unknown) => Promise<Reply | undefined>;
}

/**
 * The REST shell of the local exchange: Kalshi paths under /trade-api/v2 routed with find-my-way (a
 * radix router: Kalshi's paths mix static segments and ids, e.g. /markets/trades vs /markets/{ticker}),
 * then fault injection, authentication, per-key rate limits, the handler, and Kalshi's JSON errors.
 */
export class HttpApi {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true });
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly deps: HttpDeps) {
    for (const r of deps.routes) this.router.on(r.method, r.path, () => undefined, r);
  }

  private limiter(id: string, tier: UsageTier): RateLimiter {
    let l = this.limiters.get(id);
    if (!l || l.tier !== tier) this.limiters.set(id, (l = new RateLimiter(tier, this.deps.wallClock)));
    return l;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    // the exchange's clock, as a client sees it (shifted by an injected skew)
    res.setHeader('date', new Date(this.deps.wallClock.now() + this.deps.faults.skewMs()).toUTCString());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      this.dispatch(req, res, chunks.length ? Buffer.concat(chunks).toString('utf8') : '', size > MAX_BODY).catch((e: unknown) => {
        this.deps.log.error({ err: e instanceof Error ? e.stack : String(e) }, 'unhandled error');
        send(res, 500, { error: { code: 'internal_server_error', message: 'internal server error' } });
      });
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, text: string, tooLarge: boolean): Promise<void> {
    if (this.deps.log.isLevelEnabled('debug'))
      res.once('finish', () =>
        this.deps.log.debug({ method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode }, 'request'),
      );
    const { faults, log } = this.deps;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const qIndex = url.indexOf('?');
    const fullPath = qIndex < 0 ? url : url.slice(0, qIndex);
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { error: { code: 'invalid_parameters', message: 'request body is not valid JSON' } });
      }
    }
    if (fullPath.startsWith('/admin/')) {
      if (!isLoopback(req.socket.remoteAddress))
        return send(res, 403, { error: { code: 'forbidden', message: 'admin endpoints answer on loopback only' } });
      try {
        const r = await this.deps.admin(method, fullPath, body);
        return r
          ? send(res, r.status, r.body)
          : send(res, 404, { error: { code: 'not_found', message: `no admin route ${method} ${fullPath}` } });
      } catch (e) {
        if (e instanceof VenueError) return send(res, e.status, e.body());
        throw e;
      }
    }
    if (tooLarge) return send(res, 413, { error: { code: 'invalid_parameters', message: 'request body too large' } });
    const latency = faults.latency();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (faults.reset()) {
      req.socket.destroy();
      return;
    }
    if (faults.storm()) return sendRaw(res, 429, TOO_MANY);
    const status5xx = faults.serverError();
    if (status5xx) return send(res, status5xx, { error: { code: 'service_unavailable', message: 'injected server error' } });
    if (!fullPath.startsWith(API_PREFIX + '/'))
      return send(res, 404, { error: { code: 'not_found', message: `not found: ${fullPath} (the REST API lives under ${API_PREFIX})` } });
    const path = fullPath.slice(API_PREFIX.length);
    const found = this.router.find(method as 'GET', path);
    if (!found) return send(res, 404, { error: { code: 'not_found', message: `no route ${method} ${API_PREFIX}${path}` } });
    const route = found.store as Route;
    let keyId: string | undefined;
    const wallNow = this.deps.wallClock.now();
    if (route.auth) {
      const a = this.deps.auth.check(method, fullPath, req.headers, wallNow + faults.skewMs());
      if (a.ok === false) {
        log.info({ method, path: fullPath, reason: a.reason }, 'authentication failed');
        return send(res, a.status, a.body);
      }
      keyId = a.keyId;
    }
    if (this.deps.rateLimits) {
      const who = keyId ?? `ip:${req.socket.remoteAddress ?? '?'}`;
      const tier = keyId ? this.deps.tierOf(keyId) : 'basic';
      const { kind, cost } = requestCost(method, path, body);
      if (!this.limiter(who, tier).bucket(kind).tryTake(cost)) return sendRaw(res, 429, TOO_MANY);
    }
    const isWrite = method !== 'GET';
    const ctx: RequestContext = {
      method,
      path,
      params: found.params as Record<string, string | undefined>,
      query: new URLSearchParams(qIndex < 0 ? '' : url.slice(qIndex + 1)),
      body,
      keyId,
      venue: this.deps.venue,
      exec: this.deps.exec,
      now: () => this.deps.venue.driver.clockMs(this.deps.wallClock.now()),
    };
    let reply: Reply;
    try {
      reply = await route.handler(ctx);
    } catch (e) {
      if (e instanceof VenueError) return send(res, e.status, e.body());
      if (e instanceof OrderRejectedError) {
        const v = fromCoreRejection(e);
        return send(res, v.status, v.body());
      }
      throw e;
    }
    if (isWrite && reply.status < 300 && faults.loseAfterWrite())
      return send(res, 503, { error: { code: 'service_unavailable', message: 'injected: the write was processed but its response lost' } });
    if (reply.body === undefined) {
      res.writeHead(reply.status);
      res.end();
      return;
    }
    send(res, reply.status, reply.body);
  }
}

function isLoopback(addr: string | undefined): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1' || (addr?.startsWith('127.') ?? false);
}

function sendRaw(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, JSON.stringify(body));
}
