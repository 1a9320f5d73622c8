/** Kalshi's hosts (KALSHI_API.md §1). Keys are per environment: a demo key fails on prod. */
export type KalshiEnv = 'demo' | 'prod';

export const KALSHI_URLS: Readonly<Record<KalshiEnv, { readonly rest: string; readonly ws: string }>> = {
  prod: { rest: 'https://external-api.kalshi.com/trade-api/v2', ws: 'wss://external-api-ws.kalshi.com/trade-api/ws/v2' },
  demo: { rest: 'https://external-api.demo.kalshi.co/trade-api/v2', ws: 'wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2' },
};

/** The WebSocket URL that goes with a REST base URL (local exchange: same host, `/trade-api/ws/v2`). */
export function wsUrlFor(restUrl: string): string {
  for (const env of Object.values(KALSHI_URLS)) if (env.rest === restUrl.replace(/\/+$/, '')) return env.ws;
  const u = new URL(restUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = '/trade-api/ws/v2';
  return u.toString().replace(/\/$/, '');
}
