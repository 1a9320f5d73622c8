import { PassThrough } from 'node:stream';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger.js';
import { serveMetrics, SessionMetrics, type MetricsServer } from '../../src/ops/metrics.js';

const PEM =
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----';
const SECRETS = [
  'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'BEGIN RSA PRIVATE KEY',
  '3f0c1d2e-key-id-9a8b',
  'U2lnbmF0dXJlQmFzZTY0',
  'pa55w0rd!',
  'tok-123-secret',
];

describe('structured logs (pino) never carry a secret', () => {
  it('redacts secret fields at any depth and scrubs messages, at the most verbose level', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const log = createLogger({ level: 'trace', destination: out, now: () => 42 });
    log.trace(
      { keyId: '3f0c1d2e-key-id-9a8b', request: { headers: { 'KALSHI-ACCESS-SIGNATURE': 'U2lnbmF0dXJlQmFzZTY0' } }, ticker: 'KXNFL' },
      'signed request',
    );
    log.debug(`loaded key ${PEM}`);
    log.info({ url: 'redis://user:pa55w0rd!@127.0.0.1:6379', auth: { token: 'tok-123-secret' } }, 'connected');
    log.error({ err: new Error(`bad key ${PEM}`) }, 'failed');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ level: 10, time: 42, ticker: 'KXNFL', keyId: '[redacted]', msg: 'signed request' });
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).toContain('[PEM redacted]');
  });

  it('the grep can fail: an unredacted logger would show the secret', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const log = createLogger({ level: 'info', destination: out });
    log.info({ note: 'public value 3f0c1d2e' }, 'x');
    expect(text).toContain('3f0c1d2e');
  });
});

describe('metrics', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves Prometheus text on a loopback /metrics endpoint', async () => {
    const m = new SessionMetrics();
    m.orders.inc({ event: 'submitted' }, 3);
    m.fills.inc({ liquidity: 'taker' });
    m.equity.set(10_250);
    m.position.set({ ticker: 'KXNFL-23-KC' }, -4);
    server = await serveMetrics(m.registry);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await axios.get<string>(server.url, { responseType: 'text' });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.data).toContain('# TYPE omega_orders_total counter');
    expect(res.data).toContain('omega_orders_total{event="submitted"} 3');
    expect(res.data).toContain('omega_fills_total{liquidity="taker"} 1');
    expect(res.data).toContain('omega_equity 10250');
    expect(res.data).toContain('omega_position_contracts{ticker="KXNFL-23-KC"} -4');
    const missing = await axios.get(server.url.replace('/metrics', '/other'), { validateStatus: () => true });
    expect(missing.status).toBe(404);
  });

  it('two sessions keep separate registries', async () => {
    const a = new SessionMetrics();
    const b = new SessionMetrics();
    a.decisions.inc(5);
    expect(await b.text()).toContain('omega_decisions_total 0');
    expect(await a.text()).toContain('omega_decisions_total 5');
  });

  it('refuses a non-loopback host', async () => {
    await expect(serveMetrics(new SessionMetrics().registry, { host: '0.0.0.0' })).rejects.toThrow(/not a loopback address/);
  });
});
