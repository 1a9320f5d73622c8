import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/slow-first-sequencer.js';

// Folders whose tests run the library in-process (no children, servers or browsers): their files share one module
// graph per worker (`isolate: false`), so src and its heavy libraries (danfojs, mathjs…) load once per worker instead
// of once per file (≈ 15 s of import time summed over the suite). Their tests keep no state in modules: each builds
// its own markets, models and configs. Every other folder runs each file in a fresh module graph.
const SHARED = ['abm', 'architecture', 'backtest', 'data', 'facts', 'market', 'models', 'odd', 'ops', 'stats', 'trading'].map(
  (d) => `test/${d}/**/*.test.ts`,
);

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
