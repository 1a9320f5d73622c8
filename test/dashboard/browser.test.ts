import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, projectRootForTests, startDashboard, type Dashboard, type ModelConfigInput } from './browser-env.js';
import { Model, parseModelConfig } from '../../src/abm/index.js';
import { headlessSeries, SMALL, type Expected } from './headless.js';

/** Screenshots are test artifacts (build/ is git-ignored). */
const SHOTS = path.join(projectRootForTests(), 'build', 'test-artifacts', 'dashboard');
mkdirSync(SHOTS, { recursive: true });

let browser: Browser;
let dash: Dashboard | undefined;
const pages: Page[] = [];
const problems: string[] = [];
/**
 * Long enough that no test reaches the configured end (where Play and Pause are disabled), and one market that
 * trades for the whole run: with SMALL's 400-step life, a Play that ran past step 400 on a busy machine (the
 * server keeps stepping while the page catches up) charted only the market's 400 trading steps. 20,000 steps are
 * 200 s of Play at the 100 steps/s these tests use, beyond what a passing test can play (its two Plays end at
 * waits that give up after Playwright's 30 s); 100,000 cost each model built here (a dozen, with the headless
 * references) about 0.15 CPU-s more.
 */
const CONFIG: ModelConfigInput = { ...SMALL, steps: 20_000, markets: { count: 1, life: 20_000 } };

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});
beforeEach(() => {
  problems.length = 0;
});
afterEach(async () => {
  // pages first: a page left open would keep reconnecting to the closed server
  for (const p of pages.splice(0)) if (!p.isClosed()) await p.close();
  await dash?.close();
  dash = undefined;
});

async function serve(config: ModelConfigInput = CONFIG): Promise<Dashboard> {
  dash = await startDashboard({ config, port: 0, pace: { stepsPerSecond: 100, renderInterval: 1 } });
  return dash;
}

/**
 * A page on the dashboard that records every console error, page error and request that does not go
 * to this server: each test ends by asserting there were none.
 */
async function open(d: Dashboard): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  pages.push(page);
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(d.url) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request left 127.0.0.1: ${u}`);
  });
  await page.goto(d.url);
  await waitRenderedAtLeast(page, 0);
  return page;
}

/**
 * No console error, page error or outside request. `refused` is the number of controls a test sent
 * on purpose with bad input: Chromium logs each 400 reply as a console error, and exactly those may appear.
 */
function expectClean(refused = 0): void {
  const expected = 'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)';
  const seen = problems.splice(0);
  expect(seen.filter((p) => p !== expected)).toEqual([]);
  expect(seen.length).toBe(refused);
}

type Stats = { snapshots: number; renders: number; resyncs: number; lastReceived: number; lastRendered: number; run: number };
/** How the page exposes its counters. Waits use functions, not strings: the page's CSP forbids eval. */
type W = { omegaDashboard?: { stats: Stats } };
const waitRendered = (page: Page, step: number) =>
  page.waitForFunction((n) => (globalThis as unknown as W).omegaDashboard?.stats.lastRendered === n, step);
const waitRenderedAtLeast = (page: Page, step: number) =>
  page.waitForFunction((n) => ((globalThis as unknown as W).omegaDashboard?.stats.lastRendered ?? -1) >= n, step);
const stats = (page: Page) =>
  page.evaluate<{ snapshots: number; renders: number; resyncs: number; lastReceived: number; lastRendered: number; run: number }>(
    'window.omegaDashboard.stats',
  );
const text = (page: Page, sel: string) => page.locator(sel).innerText();

interface Trace {
  name: string;
  x: number[];
  y: (number | null)[];
}
/** What every chart on the page holds right now (Plotly's own data arrays). */
async function charts(page: Page): Promise<Record<string, Trace[]>> {
  return page.evaluate(`(() => {
    const out = {};
    for (const id of ['price', 'volume', 'spread', 'returns', 'wealth', 'book']) {
      const gd = document.getElementById('chart-' + id);
      out[id] = gd.data.map((t) => ({ name: t.name, x: Array.from(t.x), y: Array.from(t.y) }));
    }
    return out;
  })()`);
}

const SERIES = ['price', 'volume', 'spread', 'returns', 'wealth'] as const;

/** The charts equal the headless run: the same steps and the same values in every trace. */
function expectChartsEqual(c: Record<string, Trace[]>, want: Expected): void {
  const allSteps = Array.from({ length: Object.values(want.wealth)[0]!.length }, (_, i) => i); // wealth: every step
  for (const id of SERIES) for (const t of c[id]!) expect(t.x, `${id}/${t.name} steps`).toEqual(id === 'wealth' ? allSteps : want.step);
  const [mid, last, truth] = c.price!;
  expect(mid!.y).toEqual(want.mid);
  expect(last!.y).toEqual(want.lastPrice);
  expect(truth!.y).toEqual(want.truth);
  expect(c.volume![0]!.y).toEqual(want.volume);
  expect(c.spread![0]!.y).toEqual(want.spread);
  expect(c.returns![0]!.y).toEqual(want.midChange);
  expect(Object.fromEntries(c.wealth!.map((t) => [t.name, t.y]))).toEqual(want.wealth);
}

/** Click a button and return the JSON its POST got back (the page's own request, not a second one). */
async function clickFor(page: Page, button: string): Promise<{ step: number; status: string; run: number }> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/${button}`)), page.click(`#${button}`)]);
  return (await res.json()) as { step: number; status: string; run: number };
}

describe('dashboard in headless Chromium', () => {
  it('loads with every chart drawn, no console error and no request leaving 127.0.0.1', async () => {
    const d = await serve();
    const page = await open(d);
    const c = await charts(page);
    expect(c.price!.map((t) => t.name)).toEqual(['mid', 'last trade', 'true probability']);
    expect(c.wealth!.map((t) => t.name)).toEqual(['noise', 'informed', 'arbitrageur', 'marketMaker', 'homer']);
    expect(await text(page, '#metric-step')).toBe('0');
    expect(await page.locator('#status').getAttribute('data-status')).toBe('paused');
    await page.screenshot({ path: path.join(SHOTS, 'loaded.png') });
    await page.close();
    expectClean();
  });

  it('each Step adds exactly one step to the counter and to every chart; the spread shown is best ask − best bid of the book', async () => {
    const d = await serve();
    const page = await open(d);
    for (let i = 1; i <= 4; i++) {
      const before = await charts(page);
      const r = await clickFor(page, 'step');
      expect(r.step).toBe(i);
      await waitRendered(page, i);
      expect(await text(page, '#metric-step')).toBe(String(i));
      const after = await charts(page);
      for (const id of SERIES) {
        after[id]!.forEach((t, k) => {
          expect(t.x.length, `${id}/${t.name}`).toBe(before[id]![k]!.x.length + 1);
          expect(t.x.at(-1), `${id}/${t.name}`).toBe(i);
          expect(t.x.slice(0, -1)).toEqual(before[id]![k]!.x);
        });
      }
      expect(await page.locator('#chart-book').getAttribute('data-step')).toBe(String(i));
      const [bids, asks] = after.book!;
      const bestBid = bids!.x[0]!;
      const bestAsk = asks!.x[0]!;
      expect(bestBid).toBe(Math.max(...bids!.x));
      expect(bestAsk).toBe(Math.min(...asks!.x));
      expect(Number(await text(page, '#metric-spread'))).toBe(bestAsk - bestBid);
      expect(Number(await text(page, '#metric-best-bid'))).toBe(bestBid);
      expect(Number(await text(page, '#metric-best-ask'))).toBe(bestAsk);
      expect(after.spread![0]!.y.at(-1)).toBe(bestAsk - bestBid);
    }
    await page.screenshot({ path: path.join(SHOTS, 'after-steps.png') });
    await page.close();
    expectClean();
  });

  it('Reset uses the slider values and keeps them when pressed again; the wealth chart has one trace per family present', async () => {
    const d = await serve();
    const page = await open(d);
    // a slider moved by the user: its box follows, and the control shows it applies on Reset
    await page.evaluate(
      `(() => { const s = document.getElementById('count-noise-slider'); s.value = '15'; s.dispatchEvent(new Event('input', { bubbles: true })); })()`,
    );
    expect(await page.inputValue('#count-noise-box')).toBe('15');
    expect(await page.locator('#count-noise-control').getAttribute('class')).toContain('pending');
    await page.fill('#count-informed-box', '0');
    await page.fill('#count-homer-box', '0');
    await page.fill('#probability-box', '0.3');
    await page.fill('#seed-box', '7');
    const values = async () =>
      Promise.all(
        [
          '#count-noise-box',
          '#count-informed-box',
          '#count-arbitrageur-box',
          '#count-marketMaker-box',
          '#count-homer-box',
          '#count-llm-box',
          '#probability-box',
          '#seed-box',
        ].map((s) => page.inputValue(s)),
      );
    const typed = await values();
    expect(typed).toEqual(['15', '0', '3', '2', '0', '0', '0.3', '7']);
    for (const run of [2, 3]) {
      const r = await clickFor(page, 'reset');
      expect(r).toMatchObject({ run, step: 0 });
      await page.waitForFunction((r) => (globalThis as unknown as W).omegaDashboard?.stats.run === r, run);
      await waitRendered(page, 0);
      expect(await values()).toEqual(typed);
      expect(await page.locator('.control.pending').count()).toBe(0);
      expect((await charts(page)).wealth!.map((t) => t.name)).toEqual(['noise', 'arbitrageur', 'marketMaker']);
      expect(d.session.settings).toEqual({
        seed: 7,
        initialProbability: 0.3,
        counts: { noise: 15, informed: 0, arbitrageur: 3, marketMaker: 2, homer: 0, llm: 0 },
      });
      expect(d.session.model.agents).toHaveLength(20);
    }
    // the run is the model those settings describe
    for (let i = 0; i < 3; i++) await clickFor(page, 'step');
    await waitRendered(page, 3);
    const cfg = {
      ...CONFIG,
      seed: 7,
      markets: { ...CONFIG.markets, initialProbability: 0.3 },
      agents: { ...SMALL.agents, noise: { count: 15 }, informed: { count: 0 }, homer: { count: 0 } },
    };
    expectChartsEqual(await charts(page), headlessSeries(cfg, 3));
    await page.screenshot({ path: path.join(SHOTS, 'after-reset.png') });
    await page.close();
    expectClean();
  });

  it('bad control input gets a clear message on the page and changes nothing', async () => {
    const d = await serve();
    const page = await open(d);
    await clickFor(page, 'step');
    await waitRendered(page, 1);
    const before = {
      charts: await charts(page),
      run: d.session.run,
      step: d.session.step,
      settings: d.session.settings,
      model: d.session.model,
    };
    const refused = async (expected: string) => {
      await expect.poll(() => text(page, '#message')).toContain(expected);
      expect(await page.locator('#message').isVisible()).toBe(true);
      expect({ run: d.session.run, step: d.session.step, settings: d.session.settings }).toEqual({
        run: before.run,
        step: before.step,
        settings: before.settings,
      });
      expect(d.session.model).toBe(before.model);
      expect(await charts(page)).toEqual(before.charts);
    };
    await page.fill('#count-noise-box', '-5');
    expect((await clickFor(page, 'reset')).step).toBeUndefined();
    await refused('counts.noise must be a whole number from 0 to 5,000 (got -5)');
    await page.fill('#count-noise-box', 'lots');
    await clickFor(page, 'reset');
    await refused('counts.noise must be a whole number from 0 to 5,000 (got "lots")');
    await page.fill('#count-noise-box', '20');
    await page.fill('#speed-box', 'fast');
    await page.press('#speed-box', 'Enter');
    await refused('stepsPerSecond must be a whole number from 1 to 100,000 (got "fast")');
    expect(d.session.pace.stepsPerSecond).toBe(100);
    // a family the page has no slider for, sent through the page's own control function
    await page.evaluate(`window.omegaDashboard.control('reset', { counts: { dragons: 3 } })`);
    await refused('counts.dragons is not an agent family; use one of noise, informed, arbitrageur, marketMaker, homer, llm');
    await page.screenshot({ path: path.join(SHOTS, 'bad-input.png') });
    // a good control clears the message
    await page.fill('#speed-box', '150');
    await page.press('#speed-box', 'Enter');
    await expect.poll(() => page.locator('#message').isVisible()).toBe(false);
    expect(d.session.pace.stepsPerSecond).toBe(150);
    await page.close();
    expectClean(4);
  });

  it('Play advances; Pause stops where its reply says and nothing changes afterwards; Play continues with no step skipped or repeated; the charts equal a headless run, also after a reload', async () => {
    const d = await serve();
    const page = await open(d);
    expect((await clickFor(page, 'play')).status).toBe('playing');
    await waitRenderedAtLeast(page, 25);
    const p1 = await clickFor(page, 'pause');
    expect(p1.status).toBe('paused');
    expect(p1.step).toBeGreaterThanOrEqual(25);
    await waitRendered(page, p1.step);
    // stopped: later observations all see the step the Pause reply named
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(100);
      expect(d.session.step).toBe(p1.step);
      expect(await text(page, '#metric-step')).toBe(String(p1.step));
      expect((await stats(page)).lastReceived).toBe(p1.step);
    }
    expect(await page.locator('#status').innerText()).toBe(`paused at step ${p1.step}`);
    expectChartsEqual(await charts(page), headlessSeries(CONFIG, p1.step));

    await clickFor(page, 'play');
    await waitRenderedAtLeast(page, p1.step + 25);
    const p2 = await clickFor(page, 'pause');
    await waitRendered(page, p2.step);
    const c = await charts(page);
    expect(c.price![0]!.x).toEqual(Array.from({ length: p2.step + 1 }, (_, i) => i)); // no step skipped or repeated
    const want = headlessSeries(CONFIG, p2.step);
    expectChartsEqual(c, want);
    expect((await stats(page)).resyncs).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'paused.png') });

    await page.reload();
    await waitRendered(page, p2.step);
    expect((await stats(page)).snapshots).toBe(1);
    expectChartsEqual(await charts(page), want);
    expect(await text(page, '#metric-step')).toBe(String(p2.step));
    await page.close();
    expectClean();
  });

  it('several tabs watch one run and see the same steps', async () => {
    const d = await serve();
    const a = await open(d);
    const b = await open(d);
    expect(d.clients()).toBe(2);
    await clickFor(a, 'step');
    await clickFor(b, 'step');
    await waitRendered(a, 2);
    await waitRendered(b, 2);
    expect(await charts(a)).toEqual(await charts(b));
    await b.close();
    await expect.poll(() => d.clients()).toBe(1);
    await clickFor(a, 'step');
    await waitRendered(a, 3);
    expectChartsEqual(await charts(a), headlessSeries(CONFIG, 3));
    await a.close();
    expectClean();
  });

  it('with several markets the page charts the first and lets the user pick another', async () => {
    const config: ModelConfigInput = { ...CONFIG, markets: { count: 3, stagger: 0, initialProbability: [0.2, 0.8] } }; // three games trading at once
    const d = await serve(config);
    const page = await open(d);
    expect(await page.locator('#market-control').isVisible()).toBe(true);
    expect(await page.locator('#market option').allInnerTexts()).toEqual(['OMEGA-SIM-1', 'OMEGA-SIM-2', 'OMEGA-SIM-3']);
    for (let i = 0; i < 3; i++) await clickFor(page, 'step');
    await waitRendered(page, 3);
    expectChartsEqual(await charts(page), headlessSeries(config, 3, 0));
    await page.selectOption('#market', '2');
    await page.waitForFunction(() => (globalThis as unknown as W).omegaDashboard?.stats.snapshots === 2);
    await waitRendered(page, 3);
    expectChartsEqual(await charts(page), headlessSeries(config, 3, 2));
    expect(await page.getAttribute('#dl-series', 'href')).toBe('/download/series.csv?market=2');
    // a reload keeps the chosen market
    await page.reload();
    await waitRendered(page, 3);
    expect(await page.inputValue('#market')).toBe('2');
    expectChartsEqual(await charts(page), headlessSeries(config, 3, 2));
    await page.close();
    expectClean();
  });

  it('a market that has settled says so in the summary, the status line and the selector; the charts equal a headless run', async () => {
    const config: ModelConfigInput = { ...CONFIG, markets: { count: 2, life: 10, stagger: 5 } }; // game 1 settles at step 10
    const resolution = Model.create(parseModelConfig(config)).markets[0]!.truth.outcome === 1 ? 'YES' : 'NO';
    const d = await serve(config);
    const page = await open(d);
    for (let i = 0; i < 9; i++) await clickFor(page, 'step');
    await waitRendered(page, 9);
    expect(await text(page, '#metric-market-state')).toBe('trading');
    expectChartsEqual(await charts(page), headlessSeries(config, 9, 0));
    for (let i = 0; i < 3; i++) await clickFor(page, 'step');
    await waitRendered(page, 12);
    expect(await text(page, '#metric-market-state')).toBe(`settled ${resolution} at step 10`);
    expect(await text(page, '#metric-market-step')).toBe('9');
    expect(await page.locator('#status').innerText()).toBe(`paused at step 12 · OMEGA-SIM-1 settled ${resolution} at step 10`);
    expect(await page.locator('#market option').allInnerTexts()).toEqual([`OMEGA-SIM-1 (settled ${resolution})`, 'OMEGA-SIM-2']);
    // its charts stop where the data collector's rows for it do (step 9); the wealth chart goes on
    expectChartsEqual(await charts(page), headlessSeries(config, 12, 0));
    // the second game opened at step 5: its charts start there
    await page.selectOption('#market', '1');
    await page.waitForFunction(() => (globalThis as unknown as W).omegaDashboard?.stats.snapshots === 2);
    await waitRendered(page, 12);
    expectChartsEqual(await charts(page), headlessSeries(config, 12, 1));
    await page.close();
    expectClean();
  });

  it('draws at most once per animation frame: batches that arrive between frames are drawn together', async () => {
    const d = await serve();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    pages.push(page);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // animation frames fire only when the test says so (like a tab whose frames are paused)
    await page.addInitScript(() => {
      const queue: Array<(t: number) => void> = [];
      const g = globalThis as unknown as { requestAnimationFrame: (cb: (t: number) => void) => number; testFrames: { fire: () => number } };
      g.requestAnimationFrame = (cb) => queue.push(cb);
      g.testFrames = { fire: () => queue.splice(0).map((cb) => cb(performance.now())).length };
    });
    const fire = () => page.evaluate(() => (globalThis as unknown as { testFrames: { fire: () => number } }).testFrames.fire());
    await page.goto(d.url);
    // the first draw may itself wait for a frame (when the snapshot arrives after the page loaded, as on a busy
    // machine): let those frames fire until it is done, then count from there. Waits in this page poll on a timer:
    // Playwright's default polls on requestAnimationFrame, which this page only fires when told, so a condition
    // still false at its first check could wait forever (30 s timeouts: CI at 8468f19, npm test at be7e4e5)
    const byTimer = { polling: 20 };
    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as W & { testFrames: { fire: () => number } };
        g.testFrames.fire();
        return g.omegaDashboard?.stats.lastRendered === 0;
      },
      undefined,
      byTimer,
    );
    const before = await charts(page);
    const renders0 = (await stats(page)).renders;
    for (let i = 1; i <= 3; i++) expect((await clickFor(page, 'step')).step).toBe(i);
    await page.waitForFunction(() => (globalThis as unknown as W).omegaDashboard?.stats.lastReceived === 3, undefined, byTimer);
    // three batches received, no frame yet: nothing drawn
    expect(await stats(page)).toMatchObject({ renders: renders0, lastRendered: 0 });
    expect(await text(page, '#metric-step')).toBe('0');
    expect(await charts(page)).toEqual(before);
    // one frame: one render with all three steps
    expect(await fire()).toBe(1);
    await waitRendered(page, 3);
    expect((await stats(page)).renders).toBe(renders0 + 1);
    expect(await text(page, '#metric-step')).toBe('3');
    const after = await charts(page);
    for (const id of SERIES) after[id]!.forEach((t, k) => expect(t.x).toEqual([...before[id]![k]!.x, 1, 2, 3]));
    expect(await fire()).toBe(0); // nothing new: no frame was even requested
    await page.close();
    expectClean();
  });

  it('a link to a market that does not exist falls back to the first market', async () => {
    const d = await serve();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    pages.push(page);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    await page.goto(`${d.url}#market=7`);
    await waitRenderedAtLeast(page, 0);
    expect(await page.inputValue('#market')).toBe('0');
    expect(new URL(page.url()).hash).toBe('');
    await page.close();
    expectClean(1); // the refused stream (400) is logged by Chromium once
  });
});
