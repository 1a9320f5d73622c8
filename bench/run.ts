/**
 * Benchmark entry: `npm run bench -- <name> [options]`. Names: orderbook, abm, abm-compare, backtest, dashboard, sweep, exchange, facts, paper, validate.
 * Benchmarks print the machine, the workload and the peer they compare against, then one JSON line per scenario.
 */
import { abmCompareBench } from './abm/compare.js';
import { abmBench } from './abm/index.js';
import { backtestBench } from './backtest/index.js';
import { dashboardBench } from './dashboard/index.js';
import { factsBench } from './facts/index.js';
import { orderbookBench } from './orderbook/index.js';
import { paperBench } from './paper/index.js';
import { sweepBench } from './sweep/index.js';
import { exchangeBench } from './exchange/index.js';
import { validateBench } from './validate/index.js';

const [name, ...rest] = process.argv.slice(2);
const opt = (flag: string, fallback: number): number => {
  const i = rest.indexOf(flag);
  if (i < 0) return fallback;
  const v = Number(rest[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`${flag} needs a positive number, got ${rest[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
};

const text = (flag: string, fallback: string): string => {
  const i = rest.indexOf(flag);
  return i < 0 ? fallback : (rest[i + 1] ?? fallback);
};

const benches: Record<string, () => { ok: boolean } | Promise<{ ok: boolean }>> = {
  orderbook: () => orderbookBench({ messages: opt('--messages', 1_000_000), reps: opt('--reps', 5) }),
  abm: () => abmBench({ seconds: opt('--seconds', 5) }),
  'abm-compare': () => abmCompareBench({ ref: text('--ref', 'main'), pairs: opt('--pairs', 20) }),
  backtest: () => backtestBench(),
  dashboard: () => dashboardBench({ steps: opt('--steps', 10_000) }),
  sweep: () => sweepBench({ reps: opt('--reps', 3) }),
  paper: () => paperBench({ season: opt('--season', 2023), seconds: opt('--seconds', 3) }),
  exchange: () =>
    exchangeBench({ seconds: opt('--seconds', 5), concurrency: opt('--concurrency', 64), subscribers: opt('--subscribers', 100) }),
  facts: () => factsBench({ rows: opt('--rows', 1_000_000) }),
  validate: () => validateBench({ seeds: opt('--seeds', 30) }),
};

if (name === undefined || benches[name] === undefined) {
  console.error(
    `usage: npm run bench -- <${Object.keys(benches).join('|')}> [--messages N] [--reps R] [--seconds S] [--steps N] [--concurrency C] [--subscribers N] [--rows N] [--ref GIT_REF] [--pairs N] [--seeds N]`,
  );
  process.exit(2);
}
const { ok } = await benches[name]!();
process.exit(ok ? 0 : 1);
