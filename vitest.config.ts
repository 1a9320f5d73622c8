import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});
