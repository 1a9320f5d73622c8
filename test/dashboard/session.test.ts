import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { ControlConflictError, DashboardSession, type SessionEvent } from '../../src/dashboard/index.js';
import { Model, parseModelConfig, type ModelConfigInput } from '../../src/abm/index.js';
import { FakeTime, settle } from './fake-time.js';
import { headlessSeries, SMALL } from './headless.js';

function session(config: ModelConfigInput = SMALL, extra: Partial<ConstructorParameters<typeof DashboardSession>[0]> = {}) {
  const time = new FakeTime();
  const s = new DashboardSession({ config: parseModelConfig(config), clock: time, timers: time, ...extra });
  const events: SessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  const batches = () => events.flatMap((e) => (e.type === 'steps' ? [[e.from, e.to] as const] : []));
  return { s, time, events, batches };
}

/** Every step 1..last published exactly once, in order. */
function expectContiguous(batches: ReadonlyArray<readonly [number, number]>, last: number) {
  const steps = batches.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
  expect(steps).toEqual(Array.from({ length: last }, (_, i) => i + 1));
}

describe('DashboardSession: step, play, pause', () => {
  it('Step adds exactly one step and publishes it as one batch', async () => {
    const { s, batches } = session();
    for (let i = 1; i <= 3; i++) {
      const r = await s.stepOnce();
      expect(r.step).toBe(i);
      expect(s.series.length).toBe(i + 1); // step 0 plus i steps
    }
    expect(batches()).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('plays at the set pace on the injected clock, and Pause stops where its reply says', async () => {
    const { s, time, batches } = session(SMALL, { pace: { stepsPerSecond: 100, renderInterval: 1 } });
    await s.play();
    await time.advance(1000);
    expect(s.step).toBe(100);
    const paused = await s.pause();
    expect(paused).toMatchObject({ status: 'paused', step: 100 });
    expectContiguous(batches(), 100);
    const seen = batches().length;
    await time.advance(5000);
    expect(s.step).toBe(100);
    expect(batches().length).toBe(seen);
    expect(time.pending).toBe(0); // no timer left behind
  });

  it('Play after Pause continues with no step skipped or repeated', async () => {
    const { s, time, batches } = session(SMALL, { pace: { stepsPerSecond: 40, renderInterval: 3 } });
    for (const ms of [730, 1210, 95]) {
      await s.play();
      await time.advance(ms);
      await s.pause();
      await time.advance(400);
    }
    expect(s.step).toBe(Math.floor(0.73 * 40) + Math.floor(1.21 * 40) + Math.floor(0.095 * 40));
    expectContiguous(batches(), s.step);
  });

  it('a render interval of N publishes batches of at least N steps (the last, at Pause, may be shorter)', async () => {
    const { s, time, batches } = session(SMALL, { pace: { stepsPerSecond: 100, renderInterval: 10 } });
    await s.play();
    await time.advance(1234);
    await s.pause();
    const b = batches();
    expect(b.slice(0, -1).every(([from, to]) => to - from + 1 >= 10)).toBe(true);
    expectContiguous(b, 123);
    // and with interval 1, one batch per step at this slow pace: the interval is what groups them
    const one = session(SMALL, { pace: { stepsPerSecond: 100, renderInterval: 1 } });
    await one.s.play();
    await one.time.advance(200);
    expect(one.batches().every(([a, b2]) => a === b2)).toBe(true);
  });

  it('the loop yields after sliceMs of stepping, so a Pause waits at most one slice', async () => {
    const time = new FakeTime();
    // every step "takes" 10 ms: a model reporter (called once per step) moves the clock
    const s = new DashboardSession({
      config: parseModelConfig(SMALL),
      clock: time,
      timers: time,
      sliceMs: 25,
      pace: { stepsPerSecond: 100_000, renderInterval: 1 },
      modelOptions: { modelReporters: { slow: () => (time.bump(10), 0) } },
    });
    await s.play();
    await time.advance(0); // the first tick: nothing is due yet at time 0
    await time.advance(1); // 100 steps are due now; the slice stops after 3 (30 ms ≥ 25 ms)
    expect(s.step).toBe(3);
    const r = await s.pause();
    expect(r.step).toBe(3);
  });

  it('Step while playing and anything after the end are refused (409), changing nothing', async () => {
    const { s, time } = session({ ...SMALL, steps: 30 }, { pace: { stepsPerSecond: 1000, renderInterval: 1 } });
    await s.play();
    await expect(s.stepOnce()).rejects.toBeInstanceOf(ControlConflictError);
    await time.advance(1000);
    expect(s.status).toBe('ended');
    expect(s.step).toBe(30);
    expect(s.model.outcomes).toHaveLength(1);
    await expect(s.stepOnce()).rejects.toThrow(/run is over.*press Reset/);
    await expect(s.play()).rejects.toBeInstanceOf(ControlConflictError);
    expect(s.step).toBe(30);
  });
});

describe('DashboardSession: reset and settings', () => {
  it('Reset applies the settings and keeps them; twice gives the identical run', async () => {
    const { s } = session();
    const request = { seed: 9, initialProbability: 0.3, counts: { noise: 12, informed: 0, homer: 4 } };
    const r1 = await s.reset(request);
    expect(r1.settings).toMatchObject({
      seed: 9,
      initialProbability: 0.3,
      counts: { noise: 12, informed: 0, arbitrageur: 3, marketMaker: 2, homer: 4, llm: 0 },
    });
    expect(s.model.family('noise')).toHaveLength(12);
    expect(s.model.family('informed')).toHaveLength(0);
    expect(s.series.families).toEqual(['noise', 'arbitrageur', 'marketMaker', 'homer']);
    for (let i = 0; i < 20; i++) await s.stepOnce();
    const first = s.series.csv(0);
    const r2 = await s.reset({}); // pressed again: the same settings, not the initial ones
    expect(r2.settings).toEqual(r1.settings);
    expect(r2.run).toBe(r1.run + 1);
    for (let i = 0; i < 20; i++) await s.stepOnce();
    expect(s.series.csv(0)).toBe(first);
    expect(s.model.manifest().tapeHash).toBe(Model.create(s.model.config).run({ steps: 20 }).manifest().tapeHash);
  });

  it('bad reset input changes nothing: not the model, the run id, the settings or the step', async () => {
    const { s, events } = session();
    await s.stepOnce();
    const before = { model: s.model, run: s.run, settings: s.settings, step: s.step };
    const n = events.length;
    for (const bad of [
      { counts: { noise: -5 } },
      { counts: { noise: 'abc' } },
      { counts: { dragons: 3 } },
      { initialProbability: 1.5 },
      { seed: 1.5 },
      { color: 'red' },
    ]) {
      await expect(s.reset(bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect({ model: s.model, run: s.run, settings: s.settings, step: s.step }).toEqual(before);
    expect(s.model).toBe(before.model);
    expect(events.length).toBe(n);
  });

  it('Reset never crashes on edge settings (an empty market, one family alone, extreme probabilities)', async () => {
    const { s } = session();
    const none = { noise: 0, informed: 0, arbitrageur: 0, marketMaker: 0, homer: 0, llm: 0 };
    for (const request of [
      { counts: none },
      { counts: { ...none, marketMaker: 1 } },
      { counts: { ...none, noise: 1 }, initialProbability: 0.01 },
      { counts: { noise: 40, informed: 10, arbitrageur: 0, marketMaker: 0, homer: 5, llm: 0 }, initialProbability: 0.99 },
      { initialProbability: '0.2-0.4', seed: '123' },
    ]) {
      await s.reset(request);
      for (let i = 0; i < 5; i++) await s.stepOnce();
      const snap = s.snapshot(0);
      expect(snap.summary.step).toBe(5);
      expect(snap.rows.step).toEqual([0, 1, 2, 3, 4, 5]);
      expect(snap.run.familiesPresent).toEqual(Object.entries(s.settings.counts).flatMap(([f, n]) => (n > 0 && f !== 'llm' ? [f] : [])));
      expect(JSON.parse(JSON.stringify(snap))).toEqual(snap); // nothing JSON cannot carry (NaN travels as null)
    }
  });

  it('bad pace input changes nothing; a good one applies at once', async () => {
    const { s } = session();
    expect(() => s.setPace({ stepsPerSecond: 0 })).toThrow(/stepsPerSecond must be a whole number from 1 to 100,000 \(got 0\)/);
    expect(() => s.setPace({ renderInterval: 'often' })).toThrow(/renderInterval must be a whole number/);
    expect(s.pace).toEqual({ stepsPerSecond: 50, renderInterval: 1 });
    expect(s.setPace({ stepsPerSecond: '250' }).pace).toEqual({ stepsPerSecond: 250, renderInterval: 1 });
  });
});

describe('DashboardSession: the charted series are the model’s', () => {
  it('equal a headless Model run with the same config and seed, across play, pause, resume and step', async () => {
    const { s, time } = session(SMALL, { pace: { stepsPerSecond: 60, renderInterval: 4 } });
    await s.play();
    await time.advance(700);
    await s.pause();
    await s.stepOnce();
    await s.play();
    await time.advance(1100);
    await s.pause();
    await settle();
    const t = s.step;
    expect(t).toBe(42 + 1 + 66);
    const want = headlessSeries(SMALL, t);
    const got = s.series.rows(0, 0, t);
    expect(got.step).toEqual(want.step);
    expect(got.mid).toEqual(want.mid);
    expect(got.lastPrice).toEqual(want.lastPrice);
    expect(got.truth).toEqual(want.truth);
    expect(got.volume).toEqual(want.volume);
    expect(got.spread).toEqual(want.spread);
    expect(got.midChange).toEqual(want.midChange);
    expect(got.wealth).toEqual(want.wealth);
  });

  it('a snapshot holds the last `window` published steps and the book it summarizes', async () => {
    const { s } = session(SMALL, { window: 25 });
    for (let i = 0; i < 40; i++) await s.stepOnce();
    const snap = s.snapshot(0);
    expect(snap.rows.step).toEqual(Array.from({ length: 25 }, (_, i) => 16 + i));
    expect(snap.summary.step).toBe(40);
    expect(snap.book.step).toBe(40);
    expect(snap.summary.spread).toBe(snap.book.asks[0]!.price - snap.book.bids[0]!.price);
    expect(snap.summary.spread).toBe(s.model.markets[0]!.spread());
  });
});

describe('DashboardSession with LLM agents (asynchronous steps)', () => {
  it('steps through stepAsync, and a Pause during an in-flight step waits for it and stops there', async () => {
    const { createServer } = await import('node:http');
    let calls = 0;
    const stub = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls++;
        // answer a little later, so a step is still waiting on the model when Pause arrives
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [{ message: { role: 'assistant', content: '{"side":"hold","price":50,"size":0,"reason":"wait"}' } }],
              usage: { prompt_tokens: 10, completion_tokens: 5 },
            }),
          );
        }, 20);
      });
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
    try {
      const endpoint = `http://127.0.0.1:${(stub.address() as { port: number }).port}/v1/chat/completions`;
      const config: ModelConfigInput = {
        ...SMALL,
        agents: { ...SMALL.agents, llm: { count: 3, endpoint, share: 1, tradeProbability: 1, cacheFile: '' } },
      };
      const { s, time, batches } = session(config, { pace: { stepsPerSecond: 1000, renderInterval: 1 } });
      expect(s.model.needsAsync).toBe(true);
      await s.stepOnce();
      expect(s.step).toBe(1);
      expect(calls).toBeGreaterThan(0);
      await s.play();
      await time.advance(50); // 50 steps due; the loop is now waiting on the model for one of them
      const r = await s.pause();
      expect(r.status).toBe('paused');
      expect(r.step).toBe(s.step);
      expect(s.step).toBeGreaterThanOrEqual(2);
      expectContiguous(batches(), s.step);
      const stoppedAt = s.step;
      await time.advance(1000);
      await new Promise((res) => setTimeout(res, 100));
      expect(s.step).toBe(stoppedAt);
    } finally {
      stub.closeAllConnections();
      await new Promise<void>((r) => stub.close(() => r()));
    }
  });
});
