import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../../src/dashboard/index.js';
import { FakeTime } from './fake-time.js';
import { SMALL } from './headless.js';
import { SseClient } from './sse-client.js';

let dash: Dashboard | undefined;
const clients: SseClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await dash?.close();
  dash = undefined;
});

/** A dashboard on a free port whose play loop runs on fake time (tests here never play in real time). */
async function start(config = SMALL) {
  const time = new FakeTime();
  dash = await startDashboard({ config, port: 0, clock: time, timers: time });
  return { d: dash, time };
}

function stream(d: Dashboard, query = ''): SseClient {
  const c = new SseClient(`${d.url}events${query}`);
  clients.push(c);
  return c;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => ApiReply;
}

/** The fields of the dashboard's JSON replies that tests read (unchecked: each test asserts what it reads). */
interface ApiReply {
  readonly error: string;
  readonly issues: readonly unknown[];
  readonly status: string;
}

function request(url: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) as ApiReply }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const post = (d: Dashboard, path: string, body?: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  request(`${d.url}${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });

describe('dashboard server: pages and assets', () => {
  it('serves the page, the client bundle and plotly.js from 127.0.0.1 only, with a same-origin CSP', async () => {
    const { d } = await start();
    expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await request(d.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const srcs = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(['/assets/plotly.min.js', '/assets/app.js']);
    const app = await request(`${d.url}assets/app.js`);
    expect(app.headers['content-type']).toContain('javascript');
    expect(app.text).toContain('extendTraces');
    expect(app.text).toContain('requestAnimationFrame');
    const plotly = await request(`${d.url}assets/plotly.min.js`);
    expect(plotly.text.length).toBeGreaterThan(1_000_000);
    expect(plotly.text).toMatch(/plotly\.js \(basic - minified\) v\d/); // the basic bundle: the page draws only scatter traces
  });

  it('refuses other hosts and origins (DNS rebinding, cross-site POSTs), unknown paths and wrong methods', async () => {
    const { d } = await start();
    expect((await request(d.url, { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    const xsite = await post(d, 'api/play', {}, { 'Content-Type': 'application/json', Origin: 'http://evil.example' });
    expect(xsite.status).toBe(403);
    expect(d.session.status).toBe('paused');
    expect((await request(`${d.url}nope`)).status).toBe(404);
    const wrong = await request(`${d.url}api/step`);
    expect(wrong.status).toBe(405);
    expect(wrong.json().error).toBe('GET is not allowed on /api/step');
    expect(d.session.step).toBe(0);
  });
});

describe('dashboard server: controls', () => {
  it('Step replies with the new step and every watcher gets exactly that batch', async () => {
    const { d } = await start();
    const a = stream(d);
    const b = stream(d);
    await a.waitFor((e) => e.event === 'snapshot');
    await b.waitFor((e) => e.event === 'snapshot');
    expect(a.events[0]!.data).toMatchObject({
      kind: 'snapshot',
      run: { id: 1, familiesPresent: ['noise', 'informed', 'arbitrageur', 'marketMaker', 'homer'] },
      summary: { step: 0 },
    });
    const r = await post(d, 'api/step');
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ run: 1, step: 1, status: 'paused' });
    for (const c of [a, b]) {
      const [batch] = await c.waitFor((e) => e.event === 'steps');
      expect(batch!.data).toMatchObject({
        kind: 'steps',
        run: 1,
        from: 1,
        to: 1,
        rows: { step: [1] },
        summary: { step: 1 },
        book: { step: 1 },
      });
    }
  });

  it('bad input gets 400 with a message naming the field and the fix, and nothing changes', async () => {
    const { d } = await start();
    await post(d, 'api/step');
    const before = (await request(`${d.url}api/health`)).json();
    const cases: Array<[unknown, string]> = [
      [{ counts: { noise: -5 } }, 'counts.noise must be a whole number from 0 to 5,000 (got -5)'],
      [{ counts: { noise: 'many' } }, 'counts.noise must be a whole number from 0 to 5,000 (got "many")'],
      [{ counts: { dragons: 2 } }, 'counts.dragons is not an agent family'],
      ['{"counts": ', 'request body is not valid JSON'],
    ];
    for (const [body, message] of cases) {
      const r = await post(d, 'api/reset', body);
      expect(r.status, message).toBe(400);
      expect(r.json().error).toContain(message);
      expect(r.json().error).toContain('Nothing was changed.');
    }
    const pace = await post(d, 'api/pace', { stepsPerSecond: -3 });
    expect(pace.status).toBe(400);
    expect(pace.json().issues).toEqual([
      { path: 'stepsPerSecond', message: 'stepsPerSecond must be a whole number from 1 to 100,000 (got -3)' },
    ]);
    expect((await post(d, 'api/reset', '{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(d, 'api/reset', JSON.stringify({ pad: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await request(`${d.url}api/state?market=3`)).json().error).toContain('market must be a whole number from 0 to 0');
    expect((await request(`${d.url}api/health`)).json()).toEqual(before);
    expect(d.session.settings.counts.noise).toBe(20);
  });

  it('Step while playing is refused with 409', async () => {
    const { d } = await start();
    expect((await post(d, 'api/play')).json().status).toBe('playing');
    const r = await post(d, 'api/step');
    expect(r.status).toBe(409);
    expect(r.json().error).toBe('the run is playing; press Pause before stepping');
    expect((await post(d, 'api/pause')).json()).toMatchObject({ status: 'paused', step: 0 });
  });

  it('Reset sends every watcher a snapshot of the new run with the applied settings', async () => {
    const { d } = await start();
    const a = stream(d);
    await a.waitFor((e) => e.event === 'snapshot');
    const r = await post(d, 'api/reset', { counts: { homer: '0', noise: '7' }, seed: '5' });
    expect(r.status).toBe(200);
    const [, snap] = await a.waitFor((e) => e.event === 'snapshot', 2);
    expect(snap!.data).toMatchObject({
      run: { id: 2, familiesPresent: ['noise', 'informed', 'arbitrageur', 'marketMaker'], agents: 18 },
      settings: { seed: 5, counts: { noise: 7, homer: 0 } },
    });
  });
});

describe('dashboard server: streams', () => {
  it('a page that disconnects is forgotten and costs nothing; the run goes on for the others', async () => {
    const { d } = await start();
    const a = stream(d);
    const b = stream(d);
    await a.waitFor((e) => e.event === 'snapshot');
    await b.waitFor((e) => e.event === 'snapshot');
    expect(d.clients()).toBe(2);
    b.close();
    // poll until the server noticed: the bound (30 s) guards against a hang, it is not a timing assumption
    for (let i = 0; i < 1500 && d.clients() > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(d.clients()).toBe(1);
    for (let i = 0; i < 3; i++) await post(d, 'api/step');
    const batches = await a.waitFor((e) => e.event === 'steps', 3);
    expect(batches.map((e) => [e.data.from, e.data.to])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect((await request(`${d.url}api/health`)).json()).toMatchObject({ clients: 1, step: 3 });
  });

  it('a page connecting mid-run gets a snapshot that ends exactly where its first batch begins', async () => {
    const { d } = await start();
    for (let i = 0; i < 5; i++) await post(d, 'api/step');
    const a = stream(d);
    const [snap] = await a.waitFor((e) => e.event === 'snapshot');
    expect(snap!.data.rows.step).toEqual([0, 1, 2, 3, 4, 5]);
    await post(d, 'api/step');
    const [batch] = await a.waitFor((e) => e.event === 'steps');
    expect(batch!.data.from).toBe(6);
  });
});

describe('dashboard server: downloads', () => {
  it('serve the run’s CSVs, the full charted series, the report and the manifest', async () => {
    const { d } = await start();
    for (let i = 0; i < 12; i++) await post(d, 'api/step');
    const model = await request(`${d.url}download/model.csv`);
    expect(model.headers['content-disposition']).toBe('attachment; filename="omega-seed42-step12-model.csv"');
    expect(model.text).toBe(d.session.model.data.modelCsv());
    expect((await request(`${d.url}download/agents.csv`)).text).toBe(d.session.model.data.agentCsv());
    const series = (await request(`${d.url}download/series.csv`)).text.trim().split('\n');
    expect(series[0]).toBe(
      'step,market,mid,last_price,true_probability_price,volume,trades,spread,mid_change,mean_wealth_noise,mean_wealth_informed,mean_wealth_arbitrageur,mean_wealth_marketMaker,mean_wealth_homer',
    );
    expect(series).toHaveLength(1 + 13);
    const report = await request(`${d.url}download/report.html`);
    expect(report.text).toContain('<!DOCTYPE html>');
    expect(report.text).toContain('Price vs true probability');
    expect(JSON.parse((await request(`${d.url}download/manifest.json`)).text)).toMatchObject({
      seed: 42,
      steps: 12,
      tapeHash: d.session.model.manifest().tapeHash,
    });
  });
});
