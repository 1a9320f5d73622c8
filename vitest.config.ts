import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/slow-first-sequencer.js';

// Folders whose files share one module graph per worker (`isolate: false`), so src and its heavy libraries
// (danfojs, mathjs…) load once per worker instead of once per file. Their tests keep no state in modules: each builds
// its own markets, models, configs and loopback servers, and the in-process CLI (test/helpers/cli.ts) restores
// streams, environment and process.exitCode after every call. Measured back to back at load 8–15: the first eleven
// folders 72 vs 103 CPU-s, cli + report + venues 76 vs 89. Folders that start long-lived children, Redis, Chromium
// or Jupyter kernels (paper, dashboard, experiments, notebooks, lint) run each file in a fresh process.
const SHARED = [
  'abm',
  'architecture',
  'backtest',
  'cli',
  'data',
  'facts',
  'market',
  'models',
  'odd',
  'ops',
  'report',
  'stats',
  'trading',
  'venues',
].map((d) => `test/${d}/**/*.test.ts`);

export default defineConfig({
  test: {
    // notebook and browser tests start real kernels and Chromium: give them room, never skip them
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // two files at a time, one per core (vitest's default is cores − 1: one file at a time here). Tests that wait on
    // other processes keep their guards generous: a busy machine slows them, it must not fail them
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    maxConcurrency: 3,
    env: { TZ: 'UTC' },
    projects: [
      { extends: true, test: { name: 'shared', include: SHARED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: SHARED } },
    ],
  },
});
