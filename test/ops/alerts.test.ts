import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertManager } from '../../src/ops/alerts/manager.js';
import { consoleChannel, webhookChannel, WebhookDeliveryError, type Alert } from '../../src/ops/alerts/channels.js';
import {
  circuitOpenRule,
  drawdownRule,
  errorRateRule,
  ErrorWindow,
  positionLimitRule,
  reconciliationRule,
  staleDataRule,
  type OpsSnapshot,
} from '../../src/ops/alerts/rules.js';

const calm: OpsSnapshot = {
  time: 0,
  equity: 10_000,
  peakEquity: 10_000,
  recentErrors: 0,
  circuitOpen: false,
  lastMarketDataAt: 0,
  positions: [],
  reconciliationDifferences: 0,
};
const at = (time: number, s: Partial<OpsSnapshot> = {}): OpsSnapshot => ({ ...calm, time, lastMarketDataAt: time, ...s });

/** A loopback webhook that answers the first `failures` posts with 503, then 200. */
async function webhook(failures = 0): Promise<{ url: string; bodies: unknown[]; hits: () => number; close: () => Promise<void> }> {
  const bodies: unknown[] = [];
  let hits = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits++;
      if (hits <= failures) return void res.writeHead(503).end();
      bodies.push({ contentType: req.headers['content-type'], method: req.method, body: JSON.parse(body) as unknown });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const noSleep = async (): Promise<void> => {};

describe('alert rules', () => {
  it('each rule holds on a calm snapshot and breaches on its own condition', () => {
    expect(drawdownRule(0.2).check(at(1, { equity: 8100 }))).toBeUndefined();
    expect(drawdownRule(0.2).check(at(1, { equity: 7900 }))).toMatchObject({ value: 0.21, threshold: 0.2 });
    expect(errorRateRule(3).check(at(1, { recentErrors: 3 }))).toBeUndefined();
    expect(errorRateRule(3).check(at(1, { recentErrors: 4 }))?.message).toBe('4 errors in the window (limit 3)');
    expect(circuitOpenRule().check(at(1))).toBeUndefined();
    expect(circuitOpenRule().check(at(1, { circuitOpen: true }))).toBeDefined();
    expect(staleDataRule(5000, 0).check(at(10_000, { lastMarketDataAt: 5000 }))).toBeUndefined();
    expect(staleDataRule(5000, 0).check(at(10_001, { lastMarketDataAt: 5000 }))).toMatchObject({ value: 5001 });
    expect(staleDataRule(5000, 0).check(at(6000, { lastMarketDataAt: undefined }))).toBeDefined();
    expect(positionLimitRule(100).check(at(1, { positions: [{ ticker: 'A', qty: -100 }] }))).toBeUndefined();
    expect(
      positionLimitRule(100).check(
        at(1, {
          positions: [
            { ticker: 'A', qty: 5 },
            { ticker: 'B', qty: -101 },
          ],
        }),
      )?.message,
    ).toBe('position -101 in B exceeds 100 contracts');
    expect(reconciliationRule().check(at(1))).toBeUndefined();
    expect(reconciliationRule().check(at(1, { reconciliationDifferences: 2 }))?.message).toMatch(/2 differences/);
  });

  it('the error window counts only errors inside it', () => {
    const w = new ErrorWindow(60_000);
    for (const t of [0, 10_000, 59_000, 61_000]) w.record(t);
    expect(w.count(61_000)).toBe(3);
    expect(w.count(120_000)).toBe(1);
    expect(w.count(121_001)).toBe(0);
  });
});

describe('alert manager', () => {
  it('fires once per breach, re-arms when it clears, and honors the cooldown', () => {
    const sent: Alert[] = [];
    const m = new AlertManager({
      rules: [drawdownRule(0.1, { cooldownMs: 10_000 })],
      channels: [{ name: 'mem', send: async (a) => void sent.push(a) }],
    });
    expect(m.evaluate(at(1000, { equity: 8000 }))).toHaveLength(1); // breach starts
    expect(m.evaluate(at(2000, { equity: 7000 }))).toHaveLength(0); // same breach, deeper
    expect(m.evaluate(at(3000, { equity: 9500 }))).toHaveLength(0); // clears
    expect(m.evaluate(at(4000, { equity: 8000 }))).toHaveLength(0); // new breach inside the cooldown
    expect(m.evaluate(at(12_000, { equity: 9500 }))).toHaveLength(0);
    expect(m.evaluate(at(12_000, { equity: 8000 }))).toHaveLength(1); // new breach after the cooldown
    expect(m.fired.map((a) => a.time)).toEqual([1000, 12_000]);
  });

  it('refuses two rules with one name', () => {
    expect(() => new AlertManager({ rules: [circuitOpenRule(), circuitOpenRule()], channels: [] })).toThrow(
      /two rules are named circuit_open/,
    );
  });

  it('delivers to a loopback webhook as a JSON POST, and to the console, once per breach', async () => {
    const hook = await webhook();
    servers.push(hook);
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const audited: Alert[] = [];
    const m = new AlertManager({
      session: 's1',
      rules: [circuitOpenRule(), positionLimitRule(10)],
      channels: [webhookChannel({ url: hook.url, sleep: noSleep }), consoleChannel(out)],
      onFire: (a) => audited.push(a),
    });
    for (let t = 0; t < 5; t++) m.evaluate(at(t * 1000, { circuitOpen: t >= 1, positions: [{ ticker: 'KXNFL-A', qty: t >= 3 ? 11 : 0 }] }));
    await m.flush();
    expect(hook.bodies).toEqual([
      {
        method: 'POST',
        contentType: 'application/json',
        body: {
          rule: 'circuit_open',
          severity: 'critical',
          message: 'the venue circuit breaker is open: orders and reads fail fast',
          value: 1,
          threshold: 0,
          time: 1000,
          session: 's1',
        },
      },
      {
        method: 'POST',
        contentType: 'application/json',
        body: {
          rule: 'position_limit',
          severity: 'critical',
          message: 'position 11 in KXNFL-A exceeds 10 contracts',
          value: 11,
          threshold: 10,
          time: 3000,
          session: 's1',
        },
      },
    ]);
    expect(text.trim().split('\n')).toEqual([
      'ALERT [critical] circuit_open: the venue circuit breaker is open: orders and reads fail fast (value 1, threshold 0)',
      'ALERT [critical] position_limit: position 11 in KXNFL-A exceeds 10 contracts (value 11, threshold 10)',
    ]);
    expect(audited.map((a) => a.rule)).toEqual(['circuit_open', 'position_limit']);
  });

  it('retries a failing webhook with backoff, and reports a delivery that never succeeds', async () => {
    const flaky = await webhook(2);
    servers.push(flaky);
    const waits: number[] = [];
    const sleep = async (ms: number): Promise<void> => void waits.push(ms);
    await webhookChannel({ url: flaky.url, attempts: 4, backoffMs: 100, sleep }).send({
      rule: 'r',
      severity: 'info',
      message: 'm',
      value: 1,
      threshold: 0,
      time: 0,
    });
    expect(flaky.hits()).toBe(3);
    expect(waits).toEqual([100, 200]);
    expect(flaky.bodies).toHaveLength(1);

    const down = await webhook(1000);
    servers.push(down);
    const errors: unknown[] = [];
    const m = new AlertManager({
      rules: [circuitOpenRule()],
      channels: [webhookChannel({ url: down.url, attempts: 3, sleep: noSleep })],
      onDeliveryError: (_c, e) => errors.push(e),
    });
    m.evaluate(at(0, { circuitOpen: true }));
    await m.flush();
    expect(down.hits()).toBe(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(WebhookDeliveryError);
    expect(String(errors[0])).toMatch(/after 3 attempts \(HTTP 503\)/);
  });

  it('does not retry a 4xx answer, and never shows a password from the webhook URL', async () => {
    const server = createServer((_req, res) => res.writeHead(400).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    servers.push({ close: () => new Promise((r) => server.close(() => r())) });
    const { port } = server.address() as AddressInfo;
    const ch = webhookChannel({ url: `http://ops:s3cretpass@127.0.0.1:${port}/x`, sleep: noSleep });
    expect(ch.name).toBe(`webhook http://127.0.0.1:${port}`);
    const err = await ch.send({ rule: 'r', severity: 'info', message: 'm', value: 1, threshold: 0, time: 0 }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/after 4 attempts \(HTTP 400\)/);
    expect(String(err)).not.toContain('s3cretpass');
  });
});
