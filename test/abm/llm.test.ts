import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LlmAgent } from '../../src/abm/agents/llm-agent.js';
import type { ModelConfigInput } from '../../src/abm/config.js';
import { ResponseCache } from '../../src/abm/llm/cache.js';
import { LlmClient, LlmEndpointError } from '../../src/abm/llm/client.js';
import { parseDecision } from '../../src/abm/llm/decision.js';
import { estimateTokens } from '../../src/abm/llm/reply.js';
import { Model } from '../../src/abm/model.js';
import { summaryTables } from '../../src/abm/report.js';
import { summarize } from '../../src/abm/summary.js';
import { ManualClock } from '../../src/core/clock.js';

type Mode =
  | 'good'
  | 'prose'
  | 'bad-fields'
  | 'hold'
  | 'flaky429'
  | 'always500'
  | 'http400'
  | 'http401'
  | 'http404'
  | 'negative-usage'
  | 'text-usage'
  | 'no-usage';

/**
 * One server per test, with its own counters. `hold` keeps every request open until the test calls
 * `release()`, so "the client gave up before the reply" is true by construction, never by timing.
 */
interface TestServer {
  mode: Mode;
  requests: number;
  served: number;
  url: string;
  /** Requests seen, with their Authorization header. */
  readonly auth: Array<string | undefined>;
  /** Resolves once `n` requests are being held. */
  held(n: number): Promise<void>;
  /** Answer every held request (with `usage` 1000/100 unless given). */
  release(usage?: unknown): void;
  close(): Promise<void>;
}

const USAGE = { prompt_tokens: 1000, completion_tokens: 100 };

async function startServer(): Promise<TestServer> {
  const held: Array<(usage: unknown) => void> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const t: TestServer = {
    mode: 'good',
    requests: 0,
    served: 0,
    url: '',
    auth: [],
    held: (n) => new Promise<void>((resolve) => (held.length >= n ? resolve() : waiters.push({ n, resolve }))),
    release: (usage = USAGE) => held.splice(0).forEach((answer) => answer(usage)),
    close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
  };
  const answer = (res: ServerResponse, content: string, usage: unknown = USAGE) => {
    t.served++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], ...(usage === 'none' ? {} : { usage }) }));
  };
  const s: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      t.requests++;
      t.auth.push(req.headers.authorization);
      const prompt = JSON.parse(body) as { messages: Array<{ content: string }> };
      const ask = /best ask (\d+)/.exec(prompt.messages.at(-1)?.content ?? '')?.[1] ?? '60';
      const decision = '```json\n' + JSON.stringify({ side: 'buy', price: Number(ask), size: 3, reason: 'the mid is rising' }) + '\n```';
      switch (t.mode) {
        case 'hold':
          held.push((usage) => answer(res, decision, usage));
          for (const w of waiters.filter((w) => held.length >= w.n)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
          return;
        case 'always500':
          return void (res.writeHead(500), res.end('boom'));
        case 'http400':
          return void (res.writeHead(400), res.end('bad request'));
        case 'http401':
          return void (res.writeHead(401), res.end('{"error":"invalid api key"}'));
        case 'http404':
          return void (res.writeHead(404), res.end('not found'));
        case 'flaky429':
          if (t.requests % 3 !== 0) return void (res.writeHead(429), res.end('{"error":"too many requests"}'));
          return answer(res, decision);
        case 'prose':
          return answer(res, 'I think you should buy some contracts.');
        case 'bad-fields':
          return answer(res, '{"side":"buy","price":250,"size":3,"reason":"x"}');
        case 'negative-usage':
          return answer(res, decision, { prompt_tokens: -1000, completion_tokens: 100 });
        case 'text-usage':
          return answer(res, decision, { prompt_tokens: 'lots', completion_tokens: 100 });
        case 'no-usage':
          return answer(res, decision, 'none');
        default:
          return answer(res, decision);
      }
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  t.url = `http://127.0.0.1:${(s.address() as { port: number }).port}/v1/chat/completions`;
  return t;
}

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const noSleep = () => Promise.resolve();

function client(overrides: Partial<ConstructorParameters<typeof LlmClient>[0]> = {}) {
  return new LlmClient({
    url: server.url,
    model: 'test-model',
    timeoutMs: 60_000,
    retries: 2,
    inputPricePerMTok: 1,
    outputPricePerMTok: 10,
    budget: 1,
    cache: new ResponseCache(),
    sleep: noSleep,
    ...overrides,
  });
}

const msgs = [{ role: 'user' as const, content: 'Step 1. Best bid 40, best ask 42.' }];
// 1000 × $1/M + 100 × $10/M
const REPLY_COST = 0.002;
/** What an unanswered request of `msgs` is billed: ceil(33 chars / 4) = 9 input tokens, max_tokens = 300 output. */
const ESTIMATE = (9 * 1 + 300 * 10) / 1e6;

async function closedPortUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1/chat/completions`;
}

describe('LLM client against a local server', () => {
  it('parses a good reply, tracks tokens and cost, and serves repeats from the cache', async () => {
    const c = client();
    const r = await c.chat(msgs);
    expect(r).toMatchObject({ ok: true, fromCache: false, inputTokens: 1000, outputTokens: 100 });
    expect(r.ok && r.cost).toBeCloseTo(REPLY_COST, 12);
    expect(r.ok && parseDecision(r.content)).toEqual({
      ok: true,
      decision: { side: 'buy', price: 42, size: 3, reason: 'the mid is rising' },
    });
    const again = await c.chat(msgs);
    expect(again).toMatchObject({ ok: true, fromCache: true, cost: 0 });
    expect(server.requests).toBe(1);
    expect(c.spent).toBeCloseTo(REPLY_COST, 12);
    expect(c.usage()).toMatchObject({ calls: 1, replies: 1, cacheHits: 1, lateReplies: 0, abandoned: 0 });
  });

  it('retries 429 and 5xx, then succeeds or gives up; a 400 is not retried', async () => {
    server.mode = 'flaky429';
    expect((await client().chat(msgs)).ok).toBe(true);
    expect(server.requests).toBe(3);
    server.mode = 'always500';
    server.requests = 0;
    const c500 = client({ retries: 2 });
    expect(await c500.chat(msgs)).toMatchObject({ ok: false, error: 'http', detail: 'HTTP 500' });
    expect(server.requests).toBe(3);
    expect(c500.usage()).toMatchObject({ calls: 3, retries: 2, failures: { http: 1 } });
    server.mode = 'http400';
    server.requests = 0;
    expect(await client().chat(msgs)).toMatchObject({ ok: false, error: 'http', detail: 'HTTP 400' });
    expect(server.requests).toBe(1);
  });

  it('gives up on a request that is not answered in time, and bills its late reply when it comes', async () => {
    server.mode = 'hold';
    const c = client({ timeoutMs: 100, retries: 1, lateReplyWindowMs: 600_000 });
    const r = await c.chat(msgs);
    expect(r).toMatchObject({ ok: false, error: 'timeout' });
    await server.held(2);
    expect(server.requests).toBe(2);
    // both requests are open: each holds its estimate against the budget, nothing is billed yet
    expect(c.usage()).toMatchObject({ calls: 2, pending: 2, lateReplies: 0, spent: 0, failures: { timeout: 1 } });
    expect(c.budgetLeft).toBeCloseTo(1 - 2 * ESTIMATE, 12);
    server.release();
    const u = await c.settle();
    // the provider answered both: both are billed at their real usage, neither is used or cached
    expect(u).toMatchObject({ lateReplies: 2, abandoned: 0, pending: 0, estimated: 0 });
    expect(u.spent).toBeCloseTo(2 * REPLY_COST, 12);
    expect(c.budgetLeft).toBeCloseTo(1 - 2 * REPLY_COST, 12);
    expect(c.cacheHits).toBe(0);
  });

  it('bills a request that never answered at its estimate when the client closes', async () => {
    server.mode = 'hold';
    const c = client({ timeoutMs: 100, retries: 0, lateReplyWindowMs: 600_000 });
    expect(await c.chat(msgs)).toMatchObject({ ok: false, error: 'timeout' });
    await server.held(1);
    const u = await c.close();
    expect(u).toMatchObject({ lateReplies: 0, abandoned: 1, pending: 0 });
    expect(estimateTokens(msgs, 300)).toEqual({ inputTokens: 9, outputTokens: 300, estimated: true });
    expect(u.spent).toBeCloseTo(ESTIMATE, 12);
    expect(u.estimated).toBeCloseTo(ESTIMATE, 12);
  });

  it('counts requests held open against the budget, so late replies cannot overspend it', async () => {
    server.mode = 'hold';
    // room for one estimate ($0.003009) but not two
    const c = client({ timeoutMs: 100, retries: 0, budget: 0.005, lateReplyWindowMs: 600_000 });
    expect(await c.chat([{ role: 'user', content: 'a' }])).toMatchObject({ error: 'timeout' });
    expect(await c.chat([{ role: 'user', content: 'b' }])).toMatchObject({ error: 'timeout' });
    expect(await c.chat([{ role: 'user', content: 'c' }])).toMatchObject({ error: 'budget' });
    await server.held(2);
    expect(server.requests).toBe(2);
    server.release();
    expect((await c.settle()).spent).toBeCloseTo(2 * REPLY_COST, 12);
  });

  it('treats negative or non-numeric token usage as a bad response billed at the estimate, never $NaN', async () => {
    for (const mode of ['negative-usage', 'text-usage'] as const) {
      server.mode = mode;
      const c = client();
      const r = await c.chat(msgs);
      expect(r).toMatchObject({ ok: false, error: 'bad-response' });
      expect(!r.ok && r.detail).toMatch(
        mode === 'negative-usage' ? /usage\.prompt_tokens must not be negative/ : /usage\.prompt_tokens must be a number/,
      );
      expect(c.spent).toBeCloseTo(ESTIMATE, 12);
      expect(c.usage()).toMatchObject({ calls: 1, failures: { 'bad-response': 1 } }); // the server answered: not asked again
    }
    server.mode = 'no-usage';
    const c = client();
    const r = await c.chat(msgs);
    // no usage at all: the reply is used, billed at 9 input tokens + ceil(length / 4) output tokens
    expect(r.ok).toBe(true);
    const out = r.ok ? Math.ceil(r.content.length / 4) : 0;
    expect(c.spent).toBeCloseTo((9 * 1 + out * 10) / 1e6, 12);
    expect(c.usage().estimated).toBeCloseTo(c.spent, 15);
  });

  it('stops calling once the budget is spent', async () => {
    const c = client({ budget: 0.003 }); // $0.002 per call
    expect((await c.chat([{ role: 'user', content: 'a' }])).ok).toBe(true);
    expect((await c.chat([{ role: 'user', content: 'b' }])).ok).toBe(true); // spent 0.004 ≥ budget after this one
    expect(await c.chat([{ role: 'user', content: 'c' }])).toMatchObject({ ok: false, error: 'budget' });
    expect(server.requests).toBe(2);
    expect(c.usage().failures.budget).toBe(1);
  });

  it('keeps to the step and run deadlines of an injected clock', async () => {
    const clock = new ManualClock(0);
    const c = client({ clock, stepDeadlineMs: 1_000, runDeadlineMs: 5_000 });
    c.beginStep();
    expect((await c.chat([{ role: 'user', content: 'a' }])).ok).toBe(true);
    clock.set(1_000); // the step's allowance is used up
    expect(await c.chat([{ role: 'user', content: 'b' }])).toMatchObject({
      ok: false,
      error: 'deadline',
      detail: expect.stringMatching(/step deadline/),
    });
    c.beginStep();
    expect((await c.chat([{ role: 'user', content: 'c' }])).ok).toBe(true);
    clock.set(5_000); // the run's allowance (from the first call at 0) is used up
    c.beginStep();
    expect(await c.chat([{ role: 'user', content: 'd' }])).toMatchObject({
      ok: false,
      error: 'deadline',
      detail: expect.stringMatching(/run deadline/),
    });
    expect(server.requests).toBe(2);
    expect(c.usage().failures.deadline).toBe(2);
  });

  it('fails fast, naming the fix, on a refused key, a wrong path or an unreachable endpoint', async () => {
    server.mode = 'http401';
    const noKey = client();
    await expect(noKey.chat(msgs)).rejects.toThrow(/wants an API key \(HTTP 401\): set \$OMEGA_LLM_API_KEY/);
    await expect(noKey.chat(msgs)).rejects.toBeInstanceOf(LlmEndpointError); // and stays failed: no second request
    expect(server.requests).toBe(1);
    const badKey = client({ apiKey: 'sk-wrong-123456', apiKeyEnv: 'MY_KEY' });
    await expect(badKey.chat(msgs)).rejects.toThrow(/refused the API key \(HTTP 401\): check the key in \$MY_KEY/);
    expect(server.auth.at(-1)).toBe('Bearer sk-wrong-123456');
    server.mode = 'http404';
    await expect(client().chat(msgs)).rejects.toThrow(/HTTP 404: check the URL path/);
    const closed = await closedPortUrl();
    await expect(client({ url: closed }).chat(msgs)).rejects.toThrow(
      /cannot reach the language-model endpoint .* \(ECONNREFUSED\): start the model server/,
    );
    expect(() => client({ url: 'localhost:8080/v1' })).toThrow(/must be an http\(s\) URL/);
  });

  it('never shows a key written inside the URL, and keys the cache by endpoint and model', async () => {
    const secretUrl = server.url.replace('http://', 'http://user:sk-SECRET-42@') + '?api_key=sk-SECRET-43';
    const c = client({ url: secretUrl });
    expect(c.endpoint).not.toMatch(/SECRET/);
    expect(c.endpoint).toContain('***');
    expect((await c.chat(msgs)).ok).toBe(true);
    expect(JSON.stringify(c.usage())).not.toMatch(/SECRET/);
    const closed = (await closedPortUrl()).replace('http://', 'http://me:sk-SECRET-44@');
    await expect(client({ url: closed }).chat(msgs)).rejects.toThrow(/^(?!.*SECRET).*ECONNREFUSED/s);
    expect(() => client({ url: 'ftp://me:sk-SECRET-45@host/x' })).toThrow(/^(?!.*SECRET).*http\(s\) URL/s);
    // one cache, two models and two endpoints: nothing is replayed across them
    const cache = new ResponseCache();
    expect((await client({ cache }).chat(msgs)).ok).toBe(true);
    expect(await client({ cache, model: 'other-model' }).chat(msgs)).toMatchObject({ fromCache: false });
    expect(await client({ cache, url: server.url.replace('127.0.0.1', 'localhost') }).chat(msgs)).toMatchObject({ fromCache: false });
    expect(await client({ cache }).chat(msgs)).toMatchObject({ fromCache: true });
    expect(cache.size).toBe(3);
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
    expect(b.loaded).toBe(1);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"k1"');
  });
});

describe('LLM agents in the model', () => {
  const cfg = (cacheFile: string, extra: Partial<Record<string, unknown>> = {}): ModelConfigInput => ({
    steps: 120,
    agents: {
      noise: { count: 10 },
      informed: { count: 4 },
      arbitrageur: { count: 2 },
      marketMaker: { count: 2 },
      homer: { count: 4 },
      llm: { count: 3, endpoint: server.url, share: 0.5, tradeProbability: 0.5, budget: 5, timeoutMs: 60_000, cacheFile, ...extra },
    },
  });

  it('are left out, with a notice, when no endpoint is configured', () => {
    const m = Model.create({ agents: { llm: { count: 5 } } }, 1, { env: {} });
    expect(m.family('llm')).toHaveLength(0);
    expect(m.notices[0]).toMatch(/5 LLM agent\(s\) left out/);
    expect(m.needsAsync).toBe(false);
    expect(summarize(m).llm).toBeNull();
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
    // default prices: 1000 × $0.15/M + 100 × $0.60/M = $0.00021 per reply; every request is answered
    expect(server.served).toBe(server.requests);
    expect(m.llm!.spent).toBeCloseTo(0.00021 * server.served, 9);
    const s = summarize(m).llm!;
    expect(s).toMatchObject({
      consultations: consulted,
      modelDecisions: consulted,
      fallbacks: 0,
      calls: server.requests,
      replies: server.served,
    });
    expect(m.manifest().llm).toEqual({
      endpoint: server.url,
      model: 'gpt-4o-mini',
      cache: { file: cache, entriesAtStart: 0, hits: m.llm!.cacheHits, stored: server.served },
    });
    const firstServed = server.served;
    const rerun = Model.create(cfg(cache), 3, { env: {}, llmSleep: noSleep });
    await rerun.runAsync();
    expect(server.served).toBe(firstServed); // nothing new was asked
    expect(rerun.llm!.spent).toBe(0);
    expect(rerun.manifest().tapeHash).toBe(m.manifest().tapeHash);
    expect(rerun.manifest().llm?.cache).toMatchObject({ entriesAtStart: firstServed, stored: 0 });
  });

  it('fall back to their rule on invalid replies, failures and a spent budget — and count each', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-llm-'));
    server.mode = 'prose';
    const a = Model.create(cfg(path.join(dir, 'a.jsonl')), 4, { env: {}, llmSleep: noSleep });
    await a.runAsync();
    const la = a.family('llm') as LlmAgent[];
    const consultedA = la.reduce((s, x) => s + x.consultations, 0);
    expect(la.reduce((s, x) => s + x.invalidReplies, 0)).toBe(consultedA);
    expect(la.reduce((s, x) => s + x.modelDecisions, 0)).toBe(0);
    expect(summarize(a).llm).toMatchObject({ fallbacks: consultedA, invalidReplies: consultedA });
    server.mode = 'always500';
    server.requests = 0;
    const b = Model.create(cfg(path.join(dir, 'b.jsonl')), 4, { env: {}, llmSleep: noSleep });
    await b.runAsync();
    const failed = (b.family('llm') as LlmAgent[]).reduce((s, x) => s + x.failedCalls, 0);
    expect(failed).toBeGreaterThan(0);
    // each failed consultation made 3 attempts (2 retries), all counted
    expect(summarize(b).llm).toMatchObject({ failedCalls: failed, fallbacks: failed, calls: 3 * failed, failures: { http: failed } });
    expect(server.requests).toBe(3 * failed);
    // the report carries the same counts
    const llmRows = summaryTables(summarize(b)).llm;
    expect(llmRows.find((r) => r.item === 'consultations')?.value).toContain(
      `${failed} fell back to the rule (0 invalid replies, ${failed} failed calls`,
    );
    expect(llmRows.find((r) => r.item === 'failures')?.value).toContain(`http ${failed}`);
    server.mode = 'good';
    const c = Model.create(cfg(path.join(dir, 'c.jsonl'), { budget: 0.002 }), 4, { env: {}, llmSleep: noSleep });
    await c.runAsync();
    const lc = c.family('llm') as LlmAgent[];
    expect(lc.reduce((s, x) => s + x.budgetStops, 0)).toBeGreaterThan(0);
    // calls already in flight when the cap is reached still count: at most one per concurrent agent (3 here)
    expect(c.llm!.spent).toBeLessThanOrEqual(0.002 + 3 * 0.00021);
  });

  it('stop the run with one clear error when the endpoint refuses the key', async () => {
    server.mode = 'http401';
    const m = Model.create(cfg(''), 4, { env: { OMEGA_LLM_API_KEY: 'sk-test-bad' }, llmSleep: noSleep });
    await expect(m.runAsync()).rejects.toThrow(/refused the API key \(HTTP 401\): check the key in \$OMEGA_LLM_API_KEY/);
    expect(server.requests).toBeLessThanOrEqual(3); // at most the first batch of concurrent consultations
  });

  it('reject a malformed OMEGA_LLM_URL before running, without printing its key', () => {
    expect(() => Model.create({ agents: { llm: { count: 2 } } }, 1, { env: { OMEGA_LLM_URL: 'htp//user:sk-SECRET-9@x' } })).toThrow(
      /^(?!.*SECRET)OMEGA_LLM_URL must be an http\(s\) URL/s,
    );
  });
});
