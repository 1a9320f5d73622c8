import { launchChromium, Model, parseModelConfig, startDashboard } from '../../src/index.js';
import { fmtRate, machineLine } from '../machine.js';

interface PageStats {
  snapshots: number;
  batches: number;
  renders: number;
  resyncs: number;
  lastReceived: number;
  lastRendered: number;
  renderMs: number;
  maxRenderMs: number;
}

/**
 * `npm run bench -- dashboard`: steps per second the page sustains with every chart live. The default
 * model runs 10,000 steps unthrottled behind the dashboard; headless Chromium shows the page (six
 * charts, points appended, 2,000 per trace at most) and the clock stops when the page has drawn the
 * last step. The peer, in the same run: the same model stepped headless, with no page and no server.
 */
export async function dashboardBench(args: { steps: number }): Promise<{ ok: boolean }> {
  console.log(machineLine());
  const config = parseModelConfig({ steps: args.steps });
  const target = 200;
  console.log(
    `workload: the default model (seed ${config.seed}; LLM agents left out without an endpoint) for ${args.steps.toLocaleString('en-US')} steps, played unthrottled (pace limit 100,000 steps/s, render interval 1) with one page in headless Chromium showing all six charts (window 2,000 points per trace)`,
  );
  console.log('peer: the same model stepped headless in this process (no server, no page): the ceiling the page could reach');

  const t0 = performance.now();
  const headless = Model.create(config);
  headless.run({ steps: args.steps });
  const headlessS = (performance.now() - t0) / 1000;
  const headlessRate = args.steps / headlessS;

  const dash = await startDashboard({ config, port: 0, pace: { stepsPerSecond: 100_000, renderInterval: 1 } });
  const browser = await launchChromium();
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dash.url);
    await page.waitForFunction(
      () => ((globalThis as unknown as { omegaDashboard?: { stats: PageStats } }).omegaDashboard?.stats.lastRendered ?? -1) >= 0,
    );
    const start = performance.now();
    await page.click('#play');
    await page.waitForFunction(
      (n) => (globalThis as unknown as { omegaDashboard: { stats: PageStats } }).omegaDashboard.stats.lastRendered === n,
      args.steps,
      { timeout: 600_000, polling: 50 },
    );
    const seconds = (performance.now() - start) / 1000;
    const stats = await page.evaluate<PageStats>('window.omegaDashboard.stats');
    const points = await page.evaluate<number>(
      `Math.max(...['price','volume','spread','returns','wealth'].flatMap((id) => document.getElementById('chart-' + id).data.map((t) => t.x.length)))`,
    );
    const heapMB = await page.evaluate<number>('performance.memory ? performance.memory.usedJSHeapSize / 1048576 : -1');
    const rate = args.steps / seconds;
    const ok = rate >= target && stats.resyncs === 0 && errors.length === 0 && dash.session.status === 'ended';
    console.log(`headless model: ${fmtRate(headlessRate)} steps/s (${headlessS.toFixed(2)} s)`);
    console.log(
      `page: ${args.steps.toLocaleString('en-US')} steps drawn in ${seconds.toFixed(1)} s = ${fmtRate(rate)} steps/s; ${stats.renders} renders (${(stats.renders / seconds).toFixed(1)}/s, ${(args.steps / stats.renders).toFixed(1)} steps each) from ${stats.batches} batches; a render takes ${(stats.renderMs / stats.renders).toFixed(0)} ms on average (${stats.maxRenderMs.toFixed(0)} ms at most); ${stats.resyncs} resyncs; at most ${points} points per trace; page JS heap ${heapMB.toFixed(0)} MB; ${errors.length} console errors`,
    );
    console.log(`target: ≥ ${target} steps/s with every chart live — ${ok ? 'met' : 'NOT met'}`);
    console.log(
      JSON.stringify({
        bench: 'dashboard',
        steps: args.steps,
        agents: dash.session.model.agents.length,
        page_steps_per_s: Math.round(rate),
        seconds: Number(seconds.toFixed(2)),
        renders: stats.renders,
        renders_per_s: Number((stats.renders / seconds).toFixed(1)),
        mean_render_ms: Math.round(stats.renderMs / stats.renders),
        max_render_ms: Math.round(stats.maxRenderMs),
        batches: stats.batches,
        resyncs: stats.resyncs,
        max_points_per_trace: points,
        console_errors: errors.length,
        peer: 'headless Model.run',
        peer_steps_per_s: Math.round(headlessRate),
        target_steps_per_s: target,
      }),
    );
    return { ok };
  } finally {
    await browser.close();
    await dash.close();
  }
}
