import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import {
  authHeaders,
  KalshiRestClient,
  LocalExchange,
  privateKeyFromPem,
  type KalshiCredentials,
  type KalshiRestClientOptions,
  type LocalExchangeOptions,
} from '../../../src/venues/kalshi/index.js';

/** A static market quoted by the house: bids 48/47/46 and asks 52/53/54, 100 contracts each. */
export const STATIC = {
  markets: [
    { ticker: 'OMEGA-A', title: 'Static A', fair: 0.5 },
    { ticker: 'OMEGA-B', title: 'Static B' },
  ],
};

export async function startExchange(options: LocalExchangeOptions = {}): Promise<LocalExchange> {
  return LocalExchange.start({ port: 0, realtime: false, config: STATIC, ...options });
}

export async function userOf(
  ex: LocalExchange,
  name: string,
  tier?: Parameters<LocalExchange['addKey']>[1],
): Promise<{ creds: KalshiCredentials; pem: string; keyId: string; pemPath: string }> {
  const k = await ex.addKey(name, tier);
  return {
    creds: { keyId: k.keyId, privateKey: privateKeyFromPem(k.privateKeyPem) },
    pem: k.privateKeyPem,
    keyId: k.keyId,
    pemPath: k.pemPath,
  };
}

/** A client with instant retries (no real waiting) and no client-side pacing unless asked. */
export function clientFor(
  ex: LocalExchange,
  creds: KalshiCredentials | undefined,
  extra: Partial<KalshiRestClientOptions> = {},
): KalshiRestClient {
  return new KalshiRestClient({
    baseUrl: ex.restUrl,
    credentials: creds,
    tier: 'off',
    sleep: async () => undefined,
    breaker: false,
    ...extra,
  });
}

/** The fields of raw wire replies that tests read (unchecked on purpose: each test asserts what it reads). */
interface WireReply {
  readonly error: { readonly code: string; readonly message: string; readonly details?: string };
  readonly markets: readonly unknown[];
  readonly cursor: string;
  readonly balance: number;
  readonly orders: ReadonlyArray<Record<string, unknown>>;
  readonly fills: readonly unknown[];
}

/** axios with every reply body typed as {@link WireReply} instead of axios' default `any`. */
export type WireHttp = Omit<AxiosInstance, 'get' | 'post' | 'request'> & {
  get(url: string, config?: AxiosRequestConfig): Promise<AxiosResponse<WireReply>>;
  post(url: string, data?: unknown, config?: AxiosRequestConfig): Promise<AxiosResponse<WireReply>>;
  request(config: AxiosRequestConfig): Promise<AxiosResponse<WireReply>>;
};

/** Raw signed requests, to see exactly what the exchange answers. */
export function raw(
  ex: LocalExchange,
  creds?: KalshiCredentials,
): { http: WireHttp; signed: (method: string, p: string) => Record<string, string> } {
  const http: WireHttp = axios.create({ baseURL: ex.restUrl, validateStatus: () => true });
  return { http, signed: (method, p) => (creds ? authHeaders(creds, method, new URL(ex.restUrl + p).pathname, Date.now()) : {}) };
}

/** Count requests a client sends (an interceptor on its own axios instance). */
export function countRequests(client: KalshiRestClient): { n: number } {
  const c = { n: 0 };
  client.transport.http.interceptors.request.use((cfg) => {
    c.n++;
    return cfg;
  });
  return c;
}
