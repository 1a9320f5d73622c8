import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // notebook and browser tests start real kernels and Chromium: give them room, never skip them
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each worker process runs its files one after another in one module graph (no fresh process and imports per
    // file): src and its libraries (danfojs, mathjs, bullmq, playwright…) load once per worker. Tests keep no state
    // in modules — each builds its own markets, models, servers, children and folders, the in-process CLI
    // (test/helpers/cli.ts) restores streams, environment and process.exitCode after every call, and helpers that
    // clean up register their hooks per file (test/helpers/memory-dir.ts). Measured back to back, idle machine:
    // paper + dashboard + experiments + lint 100.3 → 82.7 CPU-s (67.5 → 57.3 s), the in-process folders 103 → 72.
    isolate: false,
    // two files at a time, one per core (vitest's default is cores − 1: one file at a time here). Tests that wait on
    // other processes keep their guards generous: a busy machine slows them, it must not fail them
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    maxConcurrency: 3,
    env: { TZ: 'UTC' },
  },
});
