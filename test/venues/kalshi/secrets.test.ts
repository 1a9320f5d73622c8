import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createVenueLogger, KalshiRestClient, KalshiWsClient, LocalExchange, scrubSecrets } from '../../../src/venues/kalshi/index.js';
import { STATIC, userOf } from './helpers.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }), text: () => chunks.join('') };
}

let ex: LocalExchange | undefined;
afterEach(async () => {
  await ex?.stop();
  ex = undefined;
});

describe('no key id, private key or signature reaches a log, at the most verbose level', () => {
  it('server and client logs at trace level after good requests, bad signatures, retries, skew and a WebSocket', async () => {
    const serverLog = capture();
    const clientLog = capture();
    ex = await LocalExchange.start({
      port: 0,
      realtime: false,
      config: STATIC,
      logger: createVenueLogger({ level: 'trace', destination: serverLog.stream }),
    });
    const alice = await userOf(ex, 'alice');
    const bob = await userOf(ex, 'bob');
    const logger = createVenueLogger({ level: 'trace', destination: clientLog.stream });
    const signatures: string[] = [];
    const record = (c: KalshiRestClient) =>
      c.transport.http.interceptors.request.use((cfg) => {
        const s = cfg.headers['KALSHI-ACCESS-SIGNATURE'];
        if (typeof s === 'string') signatures.push(s);
        return cfg;
      });
    const good = new KalshiRestClient({
      baseUrl: ex.restUrl,
      credentials: alice.creds,
      logger,
      tier: 'off',
      sleep: async () => undefined,
      breaker: { volumeThreshold: 2 },
    });
    const forged = new KalshiRestClient({
      baseUrl: ex.restUrl,
      credentials: { keyId: alice.keyId, privateKey: bob.creds.privateKey },
      logger,
      tier: 'off',
      sleep: async () => undefined,
    });
    record(good);
    record(forged);
    await good.getBalance();
    await good.createOrder({ ticker: 'OMEGA-A', side: 'bid', yesPrice: 52, count: 2, timeInForce: 'immediate_or_cancel' });
    await expect(forged.getBalance()).rejects.toThrow(/INCORRECT_API_KEY_SIGNATURE/);
    ex.faults.set({ storm429: 2, error5xx: 2 });
    await good.getBalance();
    ex.faults.set({ clockSkewMs: 120_000 });
    await expect(good.getBalance()).rejects.toThrow(/header_timestamp_expired/);
    ex.faults.clear();
    ex.faults.set({ error5xx: 20 });
    for (let i = 0; i < 3; i++) await good.getExchangeStatus().catch(() => undefined);
    ex.faults.clear();
    const ws = new KalshiWsClient({ url: ex.wsUrl, credentials: alice.creds, logger });
    await ws.connect();
    ws.close();
    // something was logged on both sides, including the failures
    expect(serverLog.text()).toMatch(/authentication failed/);
    expect(serverLog.text()).toMatch(/"msg":"request"/);
    expect(clientLog.text()).toMatch(/retrying Kalshi request/);
    expect(signatures.length).toBeGreaterThan(5);
    const pemLines = [alice.pem, bob.pem].flatMap((p) => p.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
    for (const [name, log] of [
      ['server', serverLog.text()],
      ['client', clientLog.text()],
    ] as const) {
      for (const secret of [alice.keyId, bob.keyId, ...signatures, ...pemLines])
        expect(log.includes(secret), `${name} log contains a secret`).toBe(false);
      expect(log).not.toMatch(/PRIVATE KEY/);
    }
    good.close();
    forged.close();
  });

  it('redaction works when a caller logs the sensitive objects themselves (the check can fail)', () => {
    const out = capture();
    const log = createVenueLogger({ level: 'trace', destination: out.stream });
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretsecretsecret\n-----END RSA PRIVATE KEY-----';
    log.info(
      {
        keyId: 'key-123',
        signature: 'c2lnbmF0dXJl',
        headers: { 'KALSHI-ACCESS-SIGNATURE': 'c2lnMg==', 'KALSHI-ACCESS-KEY': 'key-123' },
        privateKey: pem,
      },
      'careless',
    );
    log.info(`message with ${pem} inline`);
    const text = out.text();
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(/key-123|c2lnbmF0dXJl|c2lnMg==|secretsecret/);
    // without the venue logger's redaction the same call would leak: the grep above is not vacuous
    expect(JSON.stringify({ keyId: 'key-123' })).toMatch(/key-123/);
    expect(scrubSecrets(pem)).toBe('[PEM redacted]');
  });
});
