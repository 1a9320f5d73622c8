/**
 * The README's dashboard screenshot, from a real run: `node --import tsx scripts/dashboard-screenshot.ts [out.png] [steps]`.
 * Starts the dashboard on the default model, plays it in headless Chromium to `steps`, pauses and shoots.
 */
import { launchChromium, startDashboard } from '../src/index.js';

const out = process.argv[2] ?? 'docs/dashboard.png';
const steps = Number(process.argv[3] ?? 600);
const dash = await startDashboard({ port: 0, pace: { stepsPerSecond: 400, renderInterval: 1 } });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(dash.url);
  await page.waitForFunction(
    () =>
      ((globalThis as unknown as { omegaDashboard?: { stats: { lastRendered: number } } }).omegaDashboard?.stats.lastRendered ?? -1) >= 0,
  );
  await page.click('#play');
  await page.waitForFunction(
    (n) =>
      ((globalThis as unknown as { omegaDashboard: { stats: { lastRendered: number } } }).omegaDashboard.stats.lastRendered ?? -1) >= n,
    steps,
    { timeout: 120_000 },
  );
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/pause')), page.click('#pause')]);
  const { step } = (await res.json()) as { step: number };
  await page.waitForFunction(
    (n) => (globalThis as unknown as { omegaDashboard: { stats: { lastRendered: number } } }).omegaDashboard.stats.lastRendered === n,
    step,
  );
  await page.waitForTimeout(300); // let Plotly finish its last transition
  await page.screenshot({ path: out, fullPage: true });
  console.log(`${out}: the default model paused at step ${step}`);
} finally {
  await browser.close();
  await dash.close();
}
