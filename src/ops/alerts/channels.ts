import axios, { type AxiosInstance } from 'axios';
import { scrubText } from '../redact.js';
import type { Severity } from './rules.js';

/** What every channel receives: one fired alert. */
export interface Alert {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly value: number;
  readonly threshold: number;
  readonly time: number;
  readonly session?: string;
}

export interface AlertChannel {
  readonly name: string;
  send(alert: Alert): Promise<void>;
}

/** One line per alert on a stream (stderr by default). */
export function consoleChannel(stream: NodeJS.WritableStream = process.stderr): AlertChannel {
  return {
    name: 'console',
    send: async (a) => {
      stream.write(`ALERT [${a.severity}] ${a.rule}: ${scrubText(a.message)} (value ${round(a.value)}, threshold ${round(a.threshold)})\n`);
    },
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export interface WebhookOptions {
  readonly url: string;
  /** Attempts in all (first try + retries). Default 4. */
  readonly attempts?: number;
  /** First retry delay; doubles each retry. Default 500 ms. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  /** Waits between attempts (injected so tests need not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An alert delivery that failed every attempt. */
export class WebhookDeliveryError extends Error {
  constructor(
    readonly channel: string,
    readonly attempts: number,
    readonly lastError: string,
  ) {
    super(`webhook ${channel}: alert not delivered after ${attempts} attempts (${lastError})`);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * POSTs each alert as JSON. Retries on network errors, timeouts, 429 and 5xx with exponential backoff;
 * a 4xx other than 429 is final. Uses its own axios instance (no global interceptors). The URL may hold
 * a token, so the channel's name is only its origin.
 */
export function webhookChannel(options: WebhookOptions): AlertChannel {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`webhook url must be http(s), got ${url.protocol}`);
  const attempts = options.attempts ?? 4;
  const backoff = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const http: AxiosInstance = axios.create({ timeout: options.timeoutMs ?? 5000, validateStatus: () => true, maxRedirects: 0 });
  const name = `webhook ${url.origin}`;
  return {
    name,
    send: async (alert) => {
      let last = '';
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await sleep(backoff * 2 ** (i - 1));
        try {
          const res = await http.post(options.url, alert, { headers: { 'content-type': 'application/json' } });
          if (res.status >= 200 && res.status < 300) return;
          last = `HTTP ${res.status}`;
          if (res.status < 500 && res.status !== 429) break;
        } catch (e) {
          last = scrubText(e instanceof Error ? e.message : String(e));
        }
      }
      throw new WebhookDeliveryError(name, attempts, last);
    },
  };
}
