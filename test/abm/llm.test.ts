import { createServer, type Server } from 'node:http';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LlmAgent, LlmClient, Model, parseDecision, ResponseCache, type ModelConfigInput } from '../../src/index.js';

type Mode = 'good' | 'prose' | 'bad-fields' | 'slow' | 'flaky429' | 'always500' | 'http400';
// Each test gets its own server and its own counters, so a reply that arrives after a test ended (the slow
// mode answers after the client gave up) can never be counted by the next test.
let mode: Mode = 'good';
let requests = 0;
let served = 0;
let server: Server;
let url = '';

function startServer(): Promise<Server> {
  const counts = { requests: 0 };
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      counts.requests++;
      if (s === server) requests++;
      const reply = (content: string) => {
        if (s !== server) return void res.end(); // a late reply to a finished test
        served++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 1000, completion_tokens: 100 } }));
      };
      const prompt = JSON.parse(body) as { messages: Array<{ content: string }> };
      const ask = /best ask (\d+)/.exec(prompt.messages.at(-1)?.content ?? '')?.[1] ?? '60';
      if (mode === 'slow') return void setTimeout(() => reply('{}'), 400);
      if (mode === 'always500') return void (res.writeHead(500), res.end('boom'));
      if (mode === 'http400') return void (res.writeHead(400), res.end('bad request'));
      if (mode === 'flaky429' && counts.requests % 3 !== 0) return void (res.writeHead(429), res.end('{"error":"too many requests"}'));
      if (mode === 'prose') return reply('I think you should buy some contracts.');
      if (mode === 'bad-fields') return reply('{"side":"buy","price":250,"size":3,"reason":"x"}');
      reply('```json\n' + JSON.stringify({ side: 'buy', price: Number(ask), size: 3, reason: 'the mid is rising' }) + '\n```');
    });
  });
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(s)));
}

beforeEach(async () => {
  requests = 0;
  served = 0;
  mode = 'good';
  server = await startServer();
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions`;
});
afterEach(() => {
  const s = server;
  s.closeAllConnections();
  return new Promise<void>((r) => s.close(() => r()));
});

const noSleep = () => Promise.resolve();

function client(overrides: Partial<ConstructorParameters<typeof LlmClient>[0]> = {}) {
  return new LlmClient({ url, model: 'test-model', timeoutMs: 2_000, retries: 2, inputPricePerMTok: 1, outputPricePerMTok: 10, budget: 1, cache: new ResponseCache(), sleep: noSleep, ...overrides });
}

const msgs = [{ role: 'user' as const, content: 'Step 1. Best bid 40, best ask 42.' }];

describe('LLM client against a local server', () => {
  it('parses a good reply, tracks tokens and cost, and serves repeats from the cache', async () => {
    const c = client();
    const r = await c.chat(msgs);
    expect(r).toMatchObject({ ok: true, fromCache: false, inputTokens: 1000, outputTokens: 100 });
    // 1000 × $1/M + 100 × $10/M = $0.002
    expect(r.ok && r.cost).toBeCloseTo(0.002, 12);
    expect(r.ok && parseDecision(r.content)).toEqual({ ok: true, decision: { side: 'buy', price: 42, size: 3, reason: 'the mid is rising' } });
    const again = await c.chat(msgs);
    expect(again).toMatchObject({ ok: true, fromCache: true, cost: 0 });
    expect(requests).toBe(1);
    expect(c.spent).toBeCloseTo(0.002, 12);
  });

  it('retries 429 and 5xx, then succeeds or gives up', async () => {
    mode = 'flaky429';
    const r = await client().chat(msgs);
    expect(r.ok).toBe(true);
    expect(requests).toBe(3);
    mode = 'always500';
    requests = 0;
    const fail = await client({ retries: 2 }).chat(msgs);
    expect(fail).toMatchObject({ ok: false, error: 'http', detail: 'HTTP 500' });
    expect(requests).toBe(3);
    mode = 'http400';
    requests = 0;
    expect(await client().chat(msgs)).toMatchObject({ ok: false, error: 'http', detail: 'HTTP 400' });
    expect(requests).toBe(1); // a client error is not retried
  });

  it('times out slow replies', async () => {
    mode = 'slow';
    const r = await client({ timeoutMs: 100, retries: 1 }).chat(msgs);
    expect(r).toMatchObject({ ok: false, error: 'timeout' });
    expect(requests).toBe(2);
  });

  it('stops calling once the budget is spent', async () => {
    const c = client({ budget: 0.003 }); // $0.002 per call
    expect((await c.chat([{ role: 'user', content: 'a' }])).ok).toBe(true);
    expect((await c.chat([{ role: 'user', content: 'b' }])).ok).toBe(true); // spent 0.004 ≥ budget after this one
    expect(await c.chat([{ role: 'user', content: 'c' }])).toMatchObject({ ok: false, error: 'budget' });
    expect(requests).toBe(2);
  });

  it('rejects malformed decisions', () => {
    expect(parseDecision('buy 3 please')).toMatchObject({ ok: false });
    expect(parseDecision('{"side":"buy","price":250,"size":3,"reason":"x"}')).toMatchObject({ ok: false });
    expect(parseDecision('{"side":"buy","price":50,"size":3,"reason":"x","extra":1}')).toMatchObject({ ok: false });
  });

  it('persists the cache as JSON lines and skips torn lines', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'omega-llm-')), 'cache.jsonl');
    const a = new ResponseCache(file);
    a.set('k1', { content: 'x', inputTokens: 1, outputTokens: 2 });
    appendFileSync(file, '{"key":"k2","content":');
    const b = new ResponseCache(file);
    expect(b.get('k1')).toEqual({ content: 'x', inputTokens: 1, outputTokens: 2 });
    expect(b.size).toBe(1);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"k1"');
  });
});

describe('LLM agents in the model', () => {
  const cfg = (cacheFile: string, extra: Partial<Record<string, unknown>> = {}): ModelConfigInput => ({
    steps: 120,
    agents: { noise: { count: 10 }, informed: { count: 4 }, arbitrageur: { count: 2 }, marketMaker: { count: 2 }, homer: { count: 4 }, llm: { count: 3, endpoint: url, share: 0.5, tradeProbability: 0.5, budget: 5, cacheFile, ...extra } },
  });

  it('are left out, with a notice, when no endpoint is configured', () => {
    const m = Model.create({ agents: { llm: { count: 5 } } }, 1, { env: {} });
    expect(m.family('llm')).toHaveLength(0);
    expect(m.notices[0]).toMatch(/5 LLM agent\(s\) left out/);
    expect(m.needsAsync).toBe(false);
  });

  it('consult the model, act on valid decisions, track cost; a rerun is answered from the cache', async () => {
    const cache = path.join(mkdtempSync(path.join(tmpdir(), 'omega-llm-')), 'cache.jsonl');
    const m = Model.create(cfg(cache), 3, { env: {}, llmSleep: noSleep });
    expect(m.needsAsync).toBe(true);
    expect(() => m.step()).toThrow(/use await model.stepAsync\(\) or await model.runAsync\(\)/);
    await m.runAsync();
    const agents = m.family('llm') as LlmAgent[];
    const consulted = agents.reduce((s, a) => s + a.consultations, 0);
    expect(consulted).toBeGreaterThan(10);
    expect(agents.reduce((s, a) => s + a.modelDecisions, 0)).toBe(consulted);
    expect(agents.reduce((s, a) => s + a.orders, 0)).toBeGreaterThan(0);
    expect(agents.reduce((s, a) => s + a.cost, 0)).toBeCloseTo(m.llm!.spent, 12);
    // default prices: 1000 × $0.15/M + 100 × $0.60/M = $0.00021 per reply
    expect(m.llm!.spent).toBeCloseTo(0.00021 * served, 9);
    const firstServed = served;
    const rerun = Model.create(cfg(cache), 3, { env: {}, llmSleep: noSleep });
    await rerun.runAsync();
    expect(served).toBe(firstServed); // nothing new was asked
    expect(rerun.llm!.spent).toBe(0);
    expect(rerun.manifest().tapeHash).toBe(m.manifest().tapeHash);
  });

  it('fall back to their rule on invalid replies, failures and a spent budget — and count each', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-llm-'));
    mode = 'prose';
    const a = Model.create(cfg(path.join(dir, 'a.jsonl')), 4, { env: {}, llmSleep: noSleep });
    await a.runAsync();
    const la = a.family('llm') as LlmAgent[];
    expect(la.reduce((s, x) => s + x.invalidReplies, 0)).toBe(la.reduce((s, x) => s + x.consultations, 0));
    expect(la.reduce((s, x) => s + x.modelDecisions, 0)).toBe(0);
    mode = 'always500';
    const b = Model.create(cfg(path.join(dir, 'b.jsonl')), 4, { env: {}, llmSleep: noSleep });
    await b.runAsync();
    expect((b.family('llm') as LlmAgent[]).reduce((s, x) => s + x.failedCalls, 0)).toBeGreaterThan(0);
    mode = 'good';
    const c = Model.create(cfg(path.join(dir, "c.jsonl"), { budget: 0.002 }), 4, { env: {}, llmSleep: noSleep });
    await c.runAsync();
    const lc = c.family('llm') as LlmAgent[];
    expect(lc.reduce((s, x) => s + x.budgetStops, 0)).toBeGreaterThan(0);
    // calls already in flight when the cap is reached still count: at most one per concurrent agent (3 here)
    expect(c.llm!.spent).toBeLessThanOrEqual(0.002 + 3 * 0.00021);
  });
});
