import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // notebook and browser tests start real kernels and Chromium: give them room, never skip them
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxConcurrency: 3,
    env: { TZ: 'UTC' },
  },
});
