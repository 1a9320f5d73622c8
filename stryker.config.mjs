// Mutation testing (`npm run mutate`; see README "Mutation testing"). Not part of `npm test` or CI: a full run
// takes tens of minutes on 2 cores. scripts/mutate.mjs picks folders and the incremental file.

/** The code whose tests must catch one-line bugs: folder name → files to mutate. */
export const MUTATION_SCOPE = {
  // the market core in two parts, so each run fits in one sitting (a full run writes its results only at the end)
  market: ['src/market/**/*.ts', '!src/market/index.ts', '!src/market/book/**'],
  book: ['src/market/book/**/*.ts'],
  trading: ['src/trading/**/*.ts', '!src/trading/index.ts'],
  stats: ['src/stats/**/*.ts', '!src/stats/index.ts'],
  backtest: [
    'src/backtest/metrics.ts',
    'src/backtest/engine.ts',
    'src/backtest/scheduler.ts',
    'src/backtest/simulated-venue.ts',
    'src/backtest/fill-models.ts',
  ],
  // the checks (agents, process, ablations), what their gathers compute, the verdict helpers and claim checking
  odd: ['src/odd/check*.ts', 'src/odd/verdict.ts'],
  sensitivity: ['src/experiments/sensitivity.ts'],
};

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // the vitest runner always measures coverage per test; said here so the config reads as it runs
  coverageAnalysis: 'perTest',
  mutate: Object.values(MUTATION_SCOPE).flat(),
  // 2 cores on this machine, shared: two vitest workers at most
  concurrency: 2,
  // a mutant counts as a timeout after 1.5× its dry-run time + 5 s (the unit tests a mutant runs take
  // milliseconds; 10 s made the order book's infinite-loop mutants cost a third of a market run)
  timeoutMS: 5000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/incremental.json',
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  // the sandbox needs src, test and the configs; not notebooks, docs, benches or old reports. Anchored with a
  // leading slash: a bare 'data' would also drop src/data, and every test importing the backtest would then
  // fail to load — silently, as far as the dry run tells
  ignorePatterns: ['/.stryker-tmp', '/notebooks', '/docs', '/bench', '/reports', '/build', '/data', '/jupyter', '/.cache', '/scratch-*'],
  cleanTempDir: 'always',
};
