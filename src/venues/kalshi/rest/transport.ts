import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import CircuitBreaker from 'opossum';
import { systemClock, type Clock } from '../../../core/clock.js';
import { Rng } from '../../../core/rng.js';
import { authHeaders, type KalshiCredentials } from '../auth/signing.js';
import { silentLogger, type VenueLogger } from '../log.js';
import { RateLimiter, requestCost, type UsageTier } from '../rate-limit.js';
import { normalizeErrorBody } from '../wire/errors.js';
import { CircuitOpenError, ClockSkewError, KalshiApiError, KalshiTransportError } from './errors.js';

export interface BreakerOptions {
  /** Share of failed requests in the rolling window that opens the breaker (percent). */
  readonly errorThresholdPercentage?: number;
  /** Requests in the window before the breaker may open. */
  readonly volumeThreshold?: number;
  /** How long it stays open before one trial request (ms). */
  readonly resetTimeoutMs?: number;
  readonly rollingWindowMs?: number;
}

export interface TransportOptions {
  readonly baseUrl: string;
  readonly credentials?: KalshiCredentials;
  /** Client-side pacing to Kalshi's tier (default basic); 'off' sends as fast as asked. */
  readonly tier?: UsageTier | 'off';
  /** Time for request timestamps and token buckets (default the system clock). */
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default a seeded stream). */
  readonly random?: () => number;
  readonly maxRetries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly timeoutMs?: number;
  readonly breaker?: BreakerOptions | false;
  readonly logger?: VenueLogger;
}

/** Which failures a request may be retried on. */
export type RetryPolicy = 'read' | 'create' | 'rate-limit-only';

export interface RequestSpec {
  readonly query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  readonly body?: unknown;
  readonly retry: RetryPolicy;
  /** Send the signing headers (portfolio routes); default true when credentials exist. */
  readonly auth?: boolean;
}

class RetryableFailure extends Error {
  constructor(
    readonly reason: string,
    readonly response?: AxiosResponse,
  ) {
    super(reason);
  }
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'EAI_AGAIN',
  'ERR_BAD_RESPONSE',
]);

/**
 * One request pipeline for every Kalshi call: its own axios instance (never the global one), token
 * buckets per tier (read and write), fresh signatures per attempt, retries with exponential backoff and
 * full jitter (reads on 429/5xx/resets/timeouts; creates the same, relying on the client order id;
 * other writes only on 429, where nothing was processed), an opossum circuit breaker that counts 5xx
 * and network failures, and clock-skew detection from the server's Date header.
 */
export class KalshiTransport {
  readonly http: AxiosInstance;
  readonly limiter: RateLimiter | undefined;
  readonly breaker: CircuitBreaker<[() => Promise<AxiosResponse>], AxiosResponse> | undefined;
  /** Server clock minus local clock, from the last response's Date header (±1 s). */
  skewMs: number | undefined;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly log: VenueLogger;
  private readonly basePath: string;
  private openedAt: number | undefined;

  constructor(readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const jitter = Rng.derive(0, 'kalshi-retry-jitter');
    this.random = options.random ?? (() => jitter.float());
    this.log = options.logger ?? silentLogger;
    this.basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      validateStatus: () => true,
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    this.limiter = options.tier === 'off' ? undefined : new RateLimiter(options.tier ?? 'basic', this.clock);
    if (options.breaker !== false) {
      const b = options.breaker ?? {};
      this.breaker = new CircuitBreaker((attempt: () => Promise<AxiosResponse>) => attempt(), {
        timeout: false,
        errorThresholdPercentage: b.errorThresholdPercentage ?? 50,
        volumeThreshold: b.volumeThreshold ?? 10,
        resetTimeout: b.resetTimeoutMs ?? 15_000,
        rollingCountTimeout: b.rollingWindowMs ?? 10_000,
        // only server and network failures count against Kalshi; our own 4xx mistakes do not
        errorFilter: (e: unknown) => !(e instanceof RetryableFailure),
      });
      this.breaker.on('open', () => {
        this.openedAt = this.clock.now();
        this.log.warn(
          { resetMs: b.resetTimeoutMs ?? 15_000 },
          'Kalshi circuit breaker OPEN: repeated server or network failures; failing fast',
        );
      });
      this.breaker.on('halfOpen', () => this.log.info('Kalshi circuit breaker half-open: sending one trial request'));
      this.breaker.on('close', () => this.log.info('Kalshi circuit breaker closed: requests flow again'));
    }
  }

  /** 'closed' | 'open' | 'halfOpen' (or 'disabled'). */
  get circuit(): 'closed' | 'open' | 'halfOpen' | 'disabled' {
    if (!this.breaker) return 'disabled';
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  private backoff(attempt: number): number {
    const base = this.options.baseDelayMs ?? 250;
    const cap = this.options.maxDelayMs ?? 8_000;
    return Math.floor(this.random() * Math.min(cap, base * 2 ** attempt));
  }

  private async pace(method: string, path: string, body: unknown): Promise<void> {
    if (!this.limiter) return;
    const { kind, cost } = requestCost(method, path, body);
    const bucket = this.limiter.bucket(kind);
    for (let wait = bucket.waitMs(cost); wait > 0; wait = bucket.waitMs(cost)) await this.sleep(wait);
    bucket.take(cost);
  }

  private async attempt(method: string, path: string, spec: RequestSpec): Promise<AxiosResponse> {
    const headers: Record<string, string> = {};
    const creds = this.options.credentials;
    if (creds && spec.auth !== false) Object.assign(headers, authHeaders(creds, method, this.basePath + path, this.clock.now()));
    let res: AxiosResponse;
    try {
      res = await this.http.request({
        method,
        url: path,
        params: spec.query,
        paramsSerializer: { indexes: null },
        data: spec.body,
        headers,
      });
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (NETWORK_CODES.has(code) || /timeout|socket hang up|ECONNRESET/i.test((e as Error).message))
        throw new RetryableFailure(`${code || 'network error'}: ${(e as Error).message}`);
      throw e;
    }
    const date: unknown = res.headers?.date;
    if (typeof date === 'string' && date) this.skewMs = Date.parse(date) - this.clock.now();
    if (res.status >= 500) throw new RetryableFailure(`HTTP ${res.status}`, res);
    return res;
  }

  /** Send a request with pacing, signing, retries and the breaker; returns a 2xx response or throws. */
  async request(method: 'GET' | 'POST' | 'DELETE' | 'PUT', path: string, spec: RequestSpec): Promise<AxiosResponse> {
    const endpoint = `${method} ${path}`;
    const maxRetries = this.options.maxRetries ?? 5;
    let timestampRetried = false;
    let lastFailure = '';
    for (let attempt = 0; ; attempt++) {
      await this.pace(method, path, spec.body);
      let res: AxiosResponse | undefined;
      let retryable: string | undefined;
      try {
        res = this.breaker ? await this.breaker.fire(() => this.attempt(method, path, spec)) : await this.attempt(method, path, spec);
      } catch (e) {
        if ((e as { code?: string }).code === 'EOPENBREAKER')
          throw new CircuitOpenError(
            endpoint,
            this.openedAt === undefined ? undefined : this.openedAt + ((this.options.breaker || {}).resetTimeoutMs ?? 15_000),
          );
        if (!(e instanceof RetryableFailure)) throw e;
        retryable = e.reason;
        res = e.response;
      }
      if (res && res.status === 429) retryable = 'HTTP 429 too many requests';
      if (res && !retryable) {
        if (res.status < 300) return res;
        const body = normalizeErrorBody(res.data);
        if (res.status === 401 && body?.code === 'header_timestamp_expired') {
          if (!timestampRetried) {
            timestampRetried = true; // a stale timestamp (e.g. after sleep): one retry with a fresh one
            continue;
          }
          throw new ClockSkewError(this.skewMs, endpoint);
        }
        throw new KalshiApiError(res.status, body, endpoint);
      }
      lastFailure = retryable ?? 'unknown';
      const mayRetry = spec.retry !== 'rate-limit-only' || res?.status === 429;
      if (!mayRetry || attempt >= maxRetries) {
        if (res) throw new KalshiApiError(res.status, normalizeErrorBody(res.data), `${endpoint} (after ${attempt + 1} attempt(s))`);
        throw new KalshiTransportError(endpoint, lastFailure, attempt + 1);
      }
      const delay = this.backoff(attempt);
      this.log.debug({ endpoint, attempt: attempt + 1, delayMs: delay, reason: lastFailure }, 'retrying Kalshi request');
      await this.sleep(delay);
    }
  }

  close(): void {
    this.breaker?.shutdown();
  }
}
